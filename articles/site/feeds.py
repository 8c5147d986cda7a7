"""RSS 2.0 feeds of the latest public stories: the whole paper at /rss/, one section at /rss/<slug>/."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from newsroom.common.dates import in_vietnam
from newsroom.common.text import xml_safe

from ..stories.models import Article, Section
from .seo import last_modified

FEED_SIZE = 50


def feed_stories():
    """Public stories, newest first, with section and byline loaded: no query per item."""
    return Article.objects.published().for_listing().with_byline()


class StoriesFeed(Feed):
    """The latest stories of the paper, or of one section when the URL names it."""

    language = "vi"
    # The guid is the item's link (Feed's default), the article's absolute canonical URL.
    item_guid_is_permalink = True

    def get_object(self, request, slug=None):
        if slug is None:
            return None
        return get_object_or_404(Section.objects.active(), slug=slug)

    def title(self, section):
        heading = section.name if section else _("Tin mới")
        return xml_safe(f"{settings.NEWSROOM['NAME']} – {heading}")

    def link(self, section):
        return section.get_absolute_url() if section else reverse("articles:home")

    def description(self, section):
        return xml_safe((section and section.description) or settings.NEWSROOM["TAGLINE"])

    def items(self, section):
        stories = feed_stories()
        if section:
            stories = stories.filter(section=section)
        return stories[:FEED_SIZE]

    # Every text goes through xml_safe: input is cleaned on save, but a row written before that (or by SQL)
    # must not take the feed down for everyone.
    # Readers take <title> and <description> as HTML: the plain-text title and lead are escaped for it,
    # as Feed.item_title does by default.
    def item_title(self, article):
        return escape(xml_safe(article.title))

    def item_description(self, article):
        return escape(xml_safe(article.lead))

    def item_author_name(self, article):
        return xml_safe(", ".join(author.name for author in article.byline)) or None

    def item_categories(self, article):
        return [xml_safe(article.section.name)]

    # Aware in GMT+7, so the RFC 822 dates read "+0700" like the paper's own date lines.
    def item_pubdate(self, article):
        return in_vietnam(article.published_at)

    def item_updateddate(self, article):
        return in_vietnam(last_modified(article))
