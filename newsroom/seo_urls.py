"""URLs for machines: RSS feeds, sitemaps and robots.txt.

Included before the articles' URLs, whose section pattern would otherwise take /rss/.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.generic import TemplateView

from articles.site import feeds, sitemaps
from articles.site.page_cache import cache_for_readers

app_name = "seo"

urlpatterns = [
    path("rss/", cache_for_readers(feeds.StoriesFeed()), name="rss"),
    path("rss/<slug:slug>/", cache_for_readers(feeds.StoriesFeed()), name="section-rss"),
    path("sitemap.xml", cache_for_readers(sitemaps.index), name="sitemap-index"),
    # Before the generic pattern below, which would also answer to "sitemap-news.xml".
    path("sitemap-news.xml", cache_for_readers(sitemaps.news_sitemap), name="news-sitemap"),
    path(
        "sitemap-<section>.xml",
        cache_for_readers(sitemap_views.sitemap),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap",
    ),
    path(
        "robots.txt",
        cache_for_readers(
            TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8")
        ),
        name="robots",
    ),
]
