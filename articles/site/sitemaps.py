"""Sitemaps for search engines: an index over articles and sections, and a Google News sitemap."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import SimplerXMLGenerator

from newsroom.common.text import xml_safe

from ..stories.models import Article, Section
from .seo import iso_vietnam, last_modified

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
# Google News reads only stories of the last two days, at most 1,000 per sitemap.
NEWS_MAX_AGE = timedelta(days=2)
NEWS_LIMIT = 1000
NEWS_LANGUAGE = "vi"


def _latest_change():
    return Greatest("published_at", "updated_at")


class ArticleSitemap(Sitemap):
    limit = 50_000

    def items(self):
        # Oldest first: a new story lands on the last page, and the earlier pages keep their URLs.
        return (
            Article.objects.published()
            .select_related("section")
            .only("slug", "published_at", "updated_at", "section__slug")
            .order_by("published_at", "pk")
        )

    def lastmod(self, article):
        return last_modified(article)

    def get_latest_lastmod(self):
        # One aggregate instead of the default, which loads every item.
        return Article.objects.published().aggregate(latest=Max(_latest_change()))["latest"]


class SectionSitemap(Sitemap):
    def items(self):
        newest = (
            Article.objects.published()
            .filter(section=OuterRef("pk"))
            .annotate(changed=_latest_change())
            .order_by("-changed")
            .values("changed")[:1]
        )
        return Section.objects.active().annotate(latest_story_change=Subquery(newest))

    def lastmod(self, section):
        return section.latest_story_change

    def get_latest_lastmod(self):
        changes = (section.latest_story_change for section in self.items())
        return max((change for change in changes if change), default=None)


SITEMAPS = {"articles": ArticleSitemap, "sections": SectionSitemap}


def recent_stories(*, now):
    """Stories Google News takes: public at ``now`` and published within ``NEWS_MAX_AGE`` before it."""
    return Article.objects.published(at=now).filter(published_at__gte=now - NEWS_MAX_AGE)


def news_stories(*, now):
    """The news sitemap's entries: recent stories, newest first, at most ``NEWS_LIMIT``."""
    return (
        recent_stories(now=now)
        .select_related("section")
        .only("title", "slug", "published_at", "updated_at", "section__slug")
        .order_by("-published_at", "-pk")[:NEWS_LIMIT]
    )


def index(request):
    """Django's sitemap index over ``SITEMAPS``, with the news sitemap added to it."""
    response = sitemap_views.index(request, SITEMAPS, sitemap_url_name="seo:sitemap")
    latest_news = recent_stories(now=timezone.now()).aggregate(latest=Max(_latest_change()))["latest"]
    response.context_data["sitemaps"].append(
        sitemap_views.SitemapIndexItem(request.build_absolute_uri(reverse("seo:news-sitemap")), latest_news)
    )
    return response


@sitemap_views.x_robots_tag
def news_sitemap(request):
    """The Google News sitemap: <news:news> entries need their own namespace, so the XML is written here."""
    name = settings.NEWSROOM["NAME"]
    response = HttpResponse(content_type="application/xml; charset=utf-8")
    xml = SimplerXMLGenerator(response, "utf-8")
    xml.startDocument()
    xml.startElement("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})
    for article in news_stories(now=timezone.now()):
        xml.startElement("url", {})
        xml.addQuickElement("loc", request.build_absolute_uri(article.get_absolute_url()))
        xml.addQuickElement("lastmod", iso_vietnam(last_modified(article)))
        xml.startElement("news:news", {})
        xml.startElement("news:publication", {})
        xml.addQuickElement("news:name", xml_safe(name))
        xml.addQuickElement("news:language", NEWS_LANGUAGE)
        xml.endElement("news:publication")
        xml.addQuickElement("news:publication_date", iso_vietnam(article.published_at))
        xml.addQuickElement("news:title", xml_safe(article.title))
        xml.endElement("news:news")
        xml.endElement("url")
    xml.endElement("urlset")
    xml.endDocument()
    return response
