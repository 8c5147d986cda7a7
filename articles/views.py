"""Reader-facing pages: home, section listing and the article page."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .models import Article, Section
from .page_cache import cache_article_page

HOME_LATEST = 12
SECTION_PAGE_SIZE = 15


def home(request):
    stories = list(Article.objects.published().for_listing()[: HOME_LATEST + 1])
    return render(
        request,
        "articles/home.html",
        {"lead_story": stories[0] if stories else None, "latest": stories[1:]},
    )


def section_detail(request, slug):
    section = get_object_or_404(Section.objects.active(), slug=slug)
    stories = Article.objects.published().filter(section=section).for_listing()
    paginator = Paginator(stories, SECTION_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("trang", 1))
    except InvalidPage as exc:
        raise Http404(_("Trang không tồn tại.")) from exc
    return render(request, "articles/section.html", {"section": section, "page": page})


@cache_article_page
def article_detail(request, section, slug, pk):
    article = Article.objects.for_page().filter(pk=pk).first()
    if article is None or not article.is_public:
        raise Http404(_("Không tìm thấy bài viết."))
    if section != article.section.slug or slug != article.slug:
        return redirect(article, permanent=True)
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "related_stories": article.related_stories()},
    )
