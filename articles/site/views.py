"""Reader-facing pages: home, section, tag, author and search listings, the article page, previews."""

import logging

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsroom.common.pagination import page_or_404
from newsroom.common.text import MAX_QUERY_LENGTH

from ..stories import services
from ..stories.models import Article, Author, Section, Tag
from . import readership, stored_pages
from .page_cache import cache_for_readers
from .search import search_articles

logger = logging.getLogger("newsroom.readership")

HOME_FEATURED = 4
HOME_LATEST = 12
SECTION_BLOCK_SIZE = 4
LIST_PAGE_SIZE = 15
# The article page's own parts (templates/articles/_article_<name>.html); the related stories are built in
# Python (stored_pages.related_block), the same way for a stored page and one rendered on the spot.
ARTICLE_PARTS = ("meta", "story")


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
            "most_read": readership.most_read_lists(request),
        },
    )


def _listing(request, stories, template, context):
    return render(request, template, {**context, "page": page_or_404(request, stories, LIST_PAGE_SIZE)})


@cache_for_readers
def section_detail(request, slug):
    section = get_object_or_404(Section.objects.active(), slug=slug)
    stories = Article.objects.published().filter(section=section).for_listing()
    return _listing(
        request,
        stories,
        "articles/section.html",
        {"section": section, "most_read": readership.most_read_lists(request, section=section)},
    )


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


# Exempt from CSRF on purpose: the article page that sends this is cached whole and carries no token, and
# the endpoint's only effect is a count in the shared cache, which a forged request could raise by at most
# one per address, story and hour. Posts from another site are refused by what the browser itself writes
# (Origin, Sec-Fetch-Site), which a page cannot forge. Keep it that way: nothing else may happen here.
@csrf_exempt
@require_POST
def view_beacon(request, pk):
    """One reader's view of story ``pk`` (static/js/read-count.js): 204, counted or not; 403 cross-site.
    No session, no cookie, no database query, except once a minute when the counts are written."""
    if not readership.is_same_site(request):
        return HttpResponseForbidden()
    meta = request.META
    if not readership.is_robot(meta.get("HTTP_USER_AGENT")) and not readership.is_prefetch(meta):
        readership.count_view(pk, address=meta.get("REMOTE_ADDR", ""))
        try:
            readership.flush_if_due()
        except DatabaseError:  # the counts stay in the cache; the next minute's flush writes them
            logger.exception("Could not write the readers' view counts")
    return HttpResponse(status=204)


def _article_parts(request, article, *, preview=False, holes=None):
    """The article's own HTML: its head tags, the story, and its related stories. Everything on the page
    but the comments (which change with every approval) and the site's chrome. With ``holes`` (a stored
    page being rendered), the related stories are a hole: the section's newest are filled in per request."""
    context = {"article": article, "preview": preview}
    parts = {
        name: render_to_string(f"articles/_article_{name}.html", context, request) for name in ARTICLE_PARTS
    }
    if holes is not None:
        parts["related"] = holes["related"]
    else:
        parts["related"] = stored_pages.related_block(
            [_related_item(story) for story in article.related_stories()]
        )
    return parts


def _related_item(story):
    return stored_pages.related_item(story.pk, story.title, story.slug, story.lead, story.section.slug)


def _article_page(request, article, *, parts=None, preview=False, status=200, extra=None):
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "parts": parts or _article_parts(request, article, preview=preview),
            "preview": preview,
            **(extra or {}),
        },
        status=status,
    )


@cache_for_readers
def article_detail(request, section, slug, pk):
    if stored_pages.storable(request):
        origin = stored_pages.origin_of(request)
        found = stored_pages.lookup(pk, origin)
        if found is not None and found.is_public and (section, slug) == (found.section_slug, found.slug):
            if found.segments is not None:
                return HttpResponse(stored_pages.fill(found.segments, found=found))
            if (response := _render_and_store(request, found, origin)) is not None:
                return response
    article = Article.objects.page_story(pk)
    if article is not None and article.status == Article.Status.TAKEN_DOWN:
        # Gone on purpose: search engines drop it; the content stays in the archive unchanged.
        return render(request, "articles/gone.html", {"article": article}, status=410)
    if article is None or not article.is_public:
        raise Http404(_("Không tìm thấy bài viết."))
    if section != article.section.slug or slug != article.slug:
        return redirect(article, permanent=True)
    return _article_page(request, article)


def render_stored_page(request, article):
    """The page of ``article`` split at its holes, and what storing it needs (see stored_pages.py)."""
    holes, pattern = stored_pages.new_holes()
    parts = _article_parts(request, article, holes=holes)
    html = render_to_string(
        "articles/article_detail.html",
        {"article": article, "parts": parts, "preview": False, "holes": holes, **_menu(request)},
        request,
    )
    picked, scheduled = [], []
    for link in article.related_links.all():
        story = link.to_article
        if story.is_public:
            picked.append([story.pk, _related_item(story)])
        elif story.status == Article.Status.SCHEDULED and story.published_at:
            scheduled.append(story.published_at)  # it joins the picks when it goes up
    photos = {use.photo_id for use in article.body_photos.all()} | set(article.placed_library_photos)
    photos |= {entry.photo_id for entry in article.live_entries.all() if entry.photo_id}
    if article.cover_photo_id:
        photos.add(article.cover_photo_id)
    return {
        "segments": pattern.split(html),
        "related": picked,
        "photo_ids": photos,
        "until": stored_pages.valid_until(article, scheduled),
        "latest": [[s.pk, s.title, s.slug, s.lead] for s in getattr(article, "section_latest_stories", ())],
    }


def _menu(request):
    menu = getattr(request, "stored_page_menu", None)
    return {} if menu is None else {"nav_sections": menu}


def store_page(request, found, origin, article):
    """Render ``article``'s page with its holes for ``origin`` and store it (unless a change came since
    ``found`` was read); returns what render_stored_page gave. For a miss here and for render_stories."""
    request.stored_page_menu = found.menu_sections() if found.menu is not None else None
    page = render_stored_page(request, article)
    stored_pages.store(
        found,
        origin,
        segments=page["segments"],
        related=page["related"],
        photo_ids=page["photo_ids"],
        until=page["until"],
    )
    return page


def _render_and_store(request, found, origin):
    """A reader's page whose stored copy is missing or stale: render it with its holes, store it, fill it."""
    article = Article.objects.page_story(found.pk)
    address = (found.section_slug, found.slug)
    if article is None or not article.is_public or (article.section.slug, article.slug) != address:
        return None  # changed since the lookup: the ordinary path answers
    page = store_page(request, found, origin, article)
    found.related, found.latest = page["related"], page["latest"]
    return HttpResponse(stored_pages.fill(page["segments"], found=found))


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
