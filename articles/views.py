"""Reader-facing pages: home, section listing and the article page."""

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import services
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


def _article_page(request, article, *, preview=False, status=200):
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "related_stories": article.related_stories(), "preview": preview},
        status=status,
    )


@cache_article_page
def article_detail(request, section, slug, pk):
    article = Article.objects.for_page().filter(pk=pk).first()
    if article is not None and article.status == Article.Status.TAKEN_DOWN:
        # Gone on purpose: search engines drop it; the content stays in the archive unchanged.
        return render(request, "articles/gone.html", {"article": article}, status=410)
    if article is None or not article.is_public:
        raise Http404(_("Không tìm thấy bài viết."))
    if section != article.section.slug or slug != article.slug:
        return redirect(article, permanent=True)
    return _article_page(request, article)


@never_cache
@login_required(login_url="admin:login")
def preview(request, pk):
    """Staff see any article, draft or not, exactly as readers will."""
    if not (request.user.is_staff and request.user.has_perm("articles.view_article")):
        raise Http404(_("Không tìm thấy bài viết."))
    article = get_object_or_404(Article.objects.for_page(), pk=pk)
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
