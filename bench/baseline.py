"""The naive baseline of the archive benchmark: one view, 4 queries, one template, the article page's content.

What a plain Django article page costs on the same stack: no page cache, no middleware work of ours beyond
the settings', no renditions or template tags of ours. It shows what the article page shows, written as
plainly as Django allows: the head's description, Open Graph tags and JSON-LD, the masthead, the story and
its photos, related stories, the 20 newest comments with their links, the comment form (a Django form,
rendered by Django), the footer. Its HTML is about 80 % of the article page's size (the table prints both;
ours adds picture sources for each width, the byline and tags), close to the issue's "same content size".
bench/archive.sh compares our uncached article page with it side by side. Wired only by bench.baseline_urls (through bench.baseline_settings), never in production.
"""

from functools import cache
from pathlib import Path

from django.http import Http404, HttpResponse
from django.template import engines

from articles.models import Article, ArticlePhoto, RelatedArticle
from comments.forms import CommentForm, make_form_token
from comments.models import Comment

TEMPLATE = Path(__file__).with_name("baseline.html")
COMMENTS_SHOWN = 20
RELATED_SHOWN = 5


@cache
def _template():
    return engines["django"].from_string(TEMPLATE.read_text(encoding="utf-8"))


def article(request, pk):
    story = Article.objects.select_related("section").filter(pk=pk).first()  # 1
    if story is None:
        raise Http404
    photos = list(ArticlePhoto.objects.filter(article=story).select_related("photo"))  # 2
    comments = list(
        Comment.objects.filter(article=story, status=Comment.Status.APPROVED).order_by("-submitted_at")[
            :COMMENTS_SHOWN
        ]
    )  # 3
    related = list(
        RelatedArticle.objects.filter(from_article=story)
        .select_related("to_article")
        .order_by("position")[:RELATED_SHOWN]
    )  # 4
    form = CommentForm(article=story, initial={"token": make_form_token(story)})
    context = {
        "article": story,
        "photos": photos,
        "comments": comments,
        "related": related,
        "form": form,
        "canonical": request.build_absolute_uri(story.get_absolute_url()),
    }
    return HttpResponse(_template().render(context, request))
