"""Reader-facing pages: home, section, tag, author and search listings, the article page, previews."""

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from newsroom.common.pagination import page_or_404
from newsroom.common.text import MAX_QUERY_LENGTH

from ..stories import services
from ..stories.models import Article, Author, Section, Tag
from .page_cache import cache_for_readers, kept_lifetime
from .search import search_articles

HOME_FEATURED = 4
HOME_LATEST = 12
SECTION_BLOCK_SIZE = 4
LIST_PAGE_SIZE = 15
# The article page's own parts (templates/articles/_article_<name>.html), kept for anonymous readers.
ARTICLE_PARTS = ("meta", "story", "related")
ARTICLE_PARTS_SECONDS = 60 * 60


@cache_for_readers
def home(request):
    public = Article.objects.published()
    featured = list(public.filter(featured=True).for_listing()[: HOME_FEATURED + 1])
    shown = [story.pk for story in featured]
    latest = list(public.exclude(pk__in=shown).for_listing()[: HOME_LATEST + (0 if featured else 1)])
    lead_story = featured.pop(0) if featured else (latest.pop(0) if latest else None)
    return render(
        request,
        "articles/home.html",
        {
            "lead_story": lead_story,
            "featured": featured,
            "latest": latest,
            # Read only when the template's fragment is not kept (templatetags/fragments.py).
            "section_blocks": SimpleLazyObject(
                lambda: Article.objects.newest_per_section(SECTION_BLOCK_SIZE)
            ),
        },
    )


def _listing(request, stories, template, context):
    return render(request, template, {**context, "page": page_or_404(request, stories, LIST_PAGE_SIZE)})


@cache_for_readers
def section_detail(request, slug):
    section = get_object_or_404(Section.objects.active(), slug=slug)
    stories = Article.objects.published().filter(section=section).for_listing()
    return _listing(request, stories, "articles/section.html", {"section": section})


@cache_for_readers
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    stories = Article.objects.published().filter(tags=tag).for_listing()
    return _listing(request, stories, "articles/tag.html", {"tag": tag})


@cache_for_readers
def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    stories = Article.objects.published().filter(authors=author).for_listing()
    return _listing(request, stories, "articles/author.html", {"author": author})


@cache_for_readers
def search(request):
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    results, terms = search_articles(query)
    context = {"query": query, "terms": terms, "robots": "noindex, follow"}
    if results is None:
        return render(request, "articles/search.html", context)
    return _listing(request, results, "articles/search.html", context)


def _article_parts(request, article, *, preview=False):
    """The article's own HTML: its head tags, the story, and its related stories. Everything on the page
    but the comments (which change with every approval) and the site's chrome."""
    context = {"article": article, "related_stories": article.related_stories(), "preview": preview}
    return {
        name: render_to_string(f"articles/_article_{name}.html", context, request) for name in ARTICLE_PARTS
    }


def _article_page(request, article, *, parts=None, preview=False, status=200):
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "parts": parts or _article_parts(request, article, preview=preview),
            "preview": preview,
        },
        status=status,
    )


def _parts_key(request, pk):
    """Where an anonymous reader's uncached article page keeps its parts, or None (staff, cache off).

    Under the site version (every edit, publish, takedown, or change to a section, tag, author or photo
    bumps it, see page_cache.py) and the scheme and host the head's absolute URLs are written for. Not
    under the article's own version, which only comments change: an approval leaves the parts as they are.
    """
    versions = getattr(request, "reader_page_versions", None)
    if versions is None or request.user.is_authenticated:
        return None
    return f"article-parts:{request.scheme}:{request.get_host()}:{pk}:{versions[0]}"


@cache_for_readers
def article_detail(request, section, slug, pk):
    key = _parts_key(request, pk)
    if key is not None and (parts := cache.get(key)) is not None:
        # The parts are current: the page needs only the story's row (is it still public, is this its
        # address, the comments block) and the comments.
        article = Article.objects.select_related("section").filter(pk=pk).first()
        if (
            article is not None
            and article.is_public
            and (section, slug) == (article.section.slug, article.slug)
        ):
            return _article_page(request, article, parts=parts)
    article = Article.objects.page_story(pk)
    if article is not None and article.status == Article.Status.TAKEN_DOWN:
        # Gone on purpose: search engines drop it; the content stays in the archive unchanged.
        return render(request, "articles/gone.html", {"article": article}, status=410)
    if article is None or not article.is_public:
        raise Http404(_("Không tìm thấy bài viết."))
    if section != article.section.slug or slug != article.slug:
        return redirect(article, permanent=True)
    parts = _article_parts(request, article)
    if key is not None:
        # A part lists related stories: like a page, it must not outlive the next scheduled publication.
        site_version = request.reader_page_versions[0]
        lifetime = kept_lifetime(ARTICLE_PARTS_SECONDS, site_version=site_version)
        if lifetime >= 1:
            cache.set(key, parts, lifetime)
    return _article_page(request, article, parts=parts)


@never_cache
@login_required(login_url="admin:login")
def preview(request, pk):
    """Staff see any article, draft or not, exactly as readers will."""
    if not (request.user.is_staff and request.user.has_perm("articles.view_article")):
        raise Http404(_("Không tìm thấy bài viết."))
    article = Article.objects.page_story(pk)
    if article is None:
        raise Http404(_("Không tìm thấy bài viết."))
    return _article_page(request, article, preview=True)


@never_cache
def shared_preview(request, token):
    """A signed link, valid for 48 hours, for someone without an account."""
    try:
        article = services.article_from_preview_token(token)
    except signing.SignatureExpired:
        return render(request, "articles/preview_expired.html", status=410)
    except signing.BadSignature as exc:
        raise Http404(_("Liên kết xem trước không hợp lệ.")) from exc
    if article is None or article.status == Article.Status.TAKEN_DOWN:
        raise Http404(_("Không tìm thấy bài viết."))
    return _article_page(request, article, preview=True)
