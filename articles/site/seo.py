"""Search-engine and social metadata for the reader's pages: Open Graph values and NewsArticle JSON-LD."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from newsroom.common.dates import format_iso

from ..photos.renditions import share_rendition
from ..stories.diff import html_to_text

DESCRIPTION_WORDS = 40
ROBOTS = "index, follow, max-image-preview:large"
# A staff preview or a signed preview link shows an article that is not public (yet): never to be indexed.
ROBOTS_PREVIEW = "noindex, nofollow"
LOGO = "img/logo.png"
LOGO_SIZE = (600, 60)

# What django.utils.html.json_script escapes: inside <script> no "</script>" or "<!--" can appear.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


iso_vietnam = format_iso


def last_modified(article):
    """When the public page last changed: a story scheduled after its last edit changed when it went up."""
    return max(moment for moment in (article.published_at, article.updated_at) if moment)


def description(article):
    """The lead cut to a search snippet's length; the same words serve the description and og:description."""
    return Truncator(article.lead).words(DESCRIPTION_WORDS, truncate="…")


def absolute_url(request, path):
    # build_absolute_uri keeps a URL that is already absolute (media on another host) as it is.
    return request.build_absolute_uri(path)


def canonical_url(article, request):
    """The story's one absolute address, on the site the reader asked (link previews, sharing, search)."""
    return absolute_url(request, article.get_absolute_url())


def share_image(photo, request):
    """(absolute URL, width, height) of the image link previews show: the JPEG at least SHARE_WIDTH wide.

    Until that rendition is made the original is shared, with no size: Photo.width and height are read
    from the file's header before any EXIF turn, so a size given then could be the wrong way round.
    """
    rendition = share_rendition(photo)
    if rendition is None:
        return absolute_url(request, photo.image.url), None, None
    return absolute_url(request, rendition.file.url), rendition.width, rendition.height


def share_image_url(photo, request):
    """The absolute URL of the image shared on social sites: the wide share rendition when there is one."""
    return share_image(photo, request)[0]


def author_url(author, request):
    return absolute_url(request, author.get_absolute_url())


def publisher(request):
    return {
        "@type": "Organization",
        "name": settings.NEWSROOM["NAME"],
        "url": absolute_url(request, "/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(request, static(LOGO)),
            "width": LOGO_SIZE[0],
            "height": LOGO_SIZE[1],
        },
    }


def news_article_json_ld(article, request, *, image_url=None):
    """schema.org NewsArticle for ``article`` (loaded with ``for_page()``: byline and tags prefetched);
    ``image_url``: the cover's share image when the caller has looked it up already."""
    canonical = canonical_url(article, request)
    authors = [
        {"@type": "Person", "name": author.name, "url": author_url(author, request)}
        for author in article.byline
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": article.title,
        "description": description(article),
        "inLanguage": "vi",
        "articleSection": article.section.name,
        # A story without a byline is the newspaper's own.
        "author": authors or [publisher(request)],
        "publisher": publisher(request),
    }
    if article.published_at:  # a draft in preview has no publish time yet
        data["datePublished"] = iso_vietnam(article.published_at)
        data["dateModified"] = iso_vietnam(last_modified(article))
    if article.cover_photo:
        data["image"] = [image_url or share_image_url(article.cover_photo, request)]
    keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    if article.has_live_coverage:
        data.update(live_blog(article, canonical, request))
    return data


LIVE_UPDATES_LISTED = 100
HEADLINE_WORDS = 15


def live_blog(article, canonical, request):
    """What makes the story a schema.org LiveBlogPosting: the coverage's times and its newest entries."""
    updates = []
    for entry in list(article.live_entries.all())[:LIVE_UPDATES_LISTED]:
        text = " ".join(html_to_text(entry.html).split())
        update = {
            "@type": "BlogPosting",
            "headline": Truncator(text).words(HEADLINE_WORDS, truncate="…"),
            "articleBody": text,
            "datePublished": iso_vietnam(entry.created_at),
            "dateModified": iso_vietnam(max(entry.created_at, entry.updated_at)),
            "url": f"{canonical}#tin-{entry.pk}",
        }
        if entry.photo is not None and entry.photo.image:
            update["image"] = share_image_url(entry.photo, request)
        updates.append(update)
    live = {"@type": "LiveBlogPosting", "coverageStartTime": iso_vietnam(article.live_started_at)}
    if article.coverage_end:
        live["coverageEndTime"] = iso_vietnam(article.coverage_end)
    live["liveBlogUpdate"] = updates
    return live


def json_ld(data):
    """``data`` as JSON that no string inside it can end its <script> element with (the template wraps it)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - "<", ">" and "&" are escaped above


def article_meta(article, request, *, preview=False):
    """Everything the article page's <head> says about it beyond the title, escaped by the template."""
    photo = article.cover_photo
    image_url, image_width, image_height = share_image(photo, request) if photo else ("", None, None)
    data = news_article_json_ld(article, request, image_url=image_url)
    return {
        "title": article.title,
        "description": description(article),
        "canonical_url": canonical_url(article, request),
        "robots": ROBOTS if article.is_public and not preview else ROBOTS_PREVIEW,
        "site_name": settings.NEWSROOM["NAME"],
        # Looked up once for the JSON-LD and the Open Graph tags: finding the share rendition may cost a query.
        "image_url": image_url,
        "image_width": image_width,
        "image_height": image_height,
        "image_alt": (photo.alt_text or photo.caption) if photo else "",
        "published_time": data.get("datePublished", ""),
        "modified_time": data.get("dateModified", ""),
        "section": article.section,
        "tags": data.get("keywords", []),
        "json_ld": json_ld(data),
    }
