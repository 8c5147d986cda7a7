"""Đọc nhiều: who is counted, that counts reach the database once, and the lists on the home and section pages."""

import re
import time
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, DailyViews
from articles.site import readership
from articles.stories import services
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

READER = "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
ZALO_APP = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 Zalo iOS/24.05.1 ZaloTheme/light ZaloLanguage/vn"
)
SAME_SITE = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}


def beacon(client, story_id, *, address="203.0.113.7", agent=READER, **headers):
    return client.post(
        reverse("articles:view-beacon", args=[story_id]),
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=agent,
        **{**SAME_SITE, **headers},
    )


def written(article, day=None):
    """Views of ``article`` in the database, after every minute up to now has been flushed."""
    readership.flush_views(now=time.time() + 70)
    rows = DailyViews.objects.filter(article=article)
    if day is not None:
        rows = rows.filter(day=day)
    return rows.aggregate(total=Sum("views"))["total"] or 0


def hour_start(hours_ago):
    return (int(time.time()) // 3600 - hours_ago) * 3600


# --- The counting rules ----------------------------------------------------------------------------------


def test_view_counted_once_per_address_per_story_per_hour():
    story, other = ArticleFactory(), ArticleFactory()
    start = hour_start(2) + 60
    assert readership.count_view(story.pk, address="203.0.113.1", now=start)
    assert not readership.count_view(story.pk, address="203.0.113.1", now=start + 1500)  # same reader
    assert readership.count_view(story.pk, address="203.0.113.2", now=start + 10)  # another reader
    assert readership.count_view(other.pk, address="203.0.113.1", now=start + 20)  # another story
    # The next hour, the first reader counts again.
    assert readership.count_view(story.pk, address="203.0.113.1", now=start + 3600)
    assert not readership.count_view(story.pk, address="203.0.113.1", now=start + 3700)

    assert readership.flush_views(now=start + 3600 + 70) == 4
    assert written(story) == 3
    assert written(other) == 1


def test_reader_address_is_not_kept_in_the_cache(settings, tmp_path):
    story = ArticleFactory()
    readership.count_view(story.pk, address="198.51.100.77", now=hour_start(0))
    cache_dir = settings.CACHES["default"]["LOCATION"]
    stored = b"".join(path.read_bytes() for path in Path(cache_dir).rglob("*.djcache"))
    assert stored  # the filecache the tests configure holds the keys...
    assert b"198.51.100.77" not in stored  # ...and never the address


def test_beacon_counts_a_reader_and_answers_204_without_cookie_or_query(client, django_assert_num_queries):
    story = ArticleFactory()
    readership.flush_if_due()  # this process's check of the minute is done: the hot path is what is left
    with django_assert_num_queries(0):
        response = beacon(client, story.pk)
    assert response.status_code == 204
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Content-Security-Policy" not in response.headers  # nothing to render: no policy to build
    assert written(story) == 1


def test_beacon_from_two_addresses_and_one_twice():
    story = ArticleFactory()
    client = Client()
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.1"):
        assert beacon(client, story.pk, address=address).status_code == 204
    assert written(story) == 2


def test_beacon_reads_the_reader_address_behind_the_trusted_proxy(client, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    story = ArticleFactory()
    for reader in ("203.0.113.1", "203.0.113.2", "203.0.113.1"):
        beacon(client, story.pk, address="127.0.0.1", HTTP_X_FORWARDED_FOR=reader)
    assert written(story) == 2


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Zalo-Bot/1.0",
        "Mozilla/5.0 (compatible; Zalo-Crawler)",
        "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Yeti/1.1; +http://naver.me/spd) spider",
        "TelegramBot (like TwitterBot)",
        "Slack-LinkExpanding/1.0 (+https://api.slack.com/robots) preview",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32",
        "",
    ],
)
def test_robots_are_not_counted(client, agent):
    story = ArticleFactory()
    assert beacon(client, story.pk, agent=agent).status_code == 204
    assert written(story) == 0


@pytest.mark.parametrize(
    "agent",
    [
        ZALO_APP,  # Zalo's in-app browser: a reader, unlike Zalo's link crawler
        "Mozilla/5.0 (Linux; Android 13; CUBOT X70) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/136.0 "
        "Chrome/130.0 Safari/537.36",
    ],
)
def test_browsers_that_look_odd_are_readers(client, agent):
    story = ArticleFactory()
    beacon(client, story.pk, agent=agent)
    assert written(story) == 1


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
        {"HTTP_X_PURPOSE": "preview"},
    ],
)
def test_prefetches_are_not_counted(client, header):
    story = ArticleFactory()
    assert beacon(client, story.pk, **header).status_code == 204
    assert written(story) == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://bao-khac.example", "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://bao-khac.example", "HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"},  # another scheme
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_cross_site_posts_are_refused(client, headers):
    story = ArticleFactory()
    response = client.post(
        reverse("articles:view-beacon", args=[story.pk]),
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT=READER,
        **headers,
    )
    assert response.status_code == 403
    assert written(story) == 0


def test_post_without_origin_or_fetch_metadata_is_refused(client):
    story = ArticleFactory()
    response = client.post(reverse("articles:view-beacon", args=[story.pk]), HTTP_USER_AGENT=READER)
    assert response.status_code == 403
    assert written(story) == 0


def test_fetch_metadata_alone_is_enough(client):
    story = ArticleFactory()
    response = client.post(
        reverse("articles:view-beacon", args=[story.pk]),
        HTTP_USER_AGENT=READER,
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 204
    assert written(story) == 1


def test_a_get_is_not_a_view(client):
    story = ArticleFactory()
    response = client.get(
        reverse("articles:view-beacon", args=[story.pk]), HTTP_USER_AGENT=READER, **SAME_SITE
    )
    assert response.status_code == 405
    assert written(story) == 0


def test_unknown_and_unpublished_stories_are_ignored(client):
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(days=1)
    )
    taken_down = ArticleFactory(status=Article.Status.TAKEN_DOWN)
    public = ArticleFactory()
    for story_id in (draft.pk, scheduled.pk, taken_down.pk, public.pk, public.pk + 1000, 2**63 + 5):
        assert beacon(client, story_id).status_code == 204
    readership.flush_views(now=time.time() + 70)
    assert list(DailyViews.objects.values_list("article_id", "views")) == [(public.pk, 1)]


def test_a_view_is_counted_on_the_reader_day_in_vietnam():
    story = ArticleFactory()
    # 17:30 UTC is 00:30 the next day in Hà Nội.
    midnight_utc = (int(time.time()) // 86400 - 1) * 86400
    readership.count_view(story.pk, address="203.0.113.1", now=midnight_utc + 17 * 3600 + 1800)
    readership.flush_views(now=midnight_utc + 17 * 3600 + 1800 + 70)
    row = DailyViews.objects.get(article=story)
    assert row.day == timezone.localtime(datetime.fromtimestamp(midnight_utc, tz=UTC)).date() + timedelta(
        days=1
    )


# --- Counts reach the database, once ---------------------------------------------------------------------


def _counts_survive_a_restart():
    story = ArticleFactory()
    start = hour_start(1) + 120
    for n in range(3):
        readership.count_view(story.pk, address=f"203.0.113.{n}", now=start + n)
    readership.count_view(story.pk, address="203.0.113.9", now=start + 61)  # the next minute

    # A minute that has not ended is not written: a view may still come in it.
    assert readership.flush_if_due(now=start + 30) == 0
    assert not DailyViews.objects.exists()

    # The app restarts: every process forgets what it knew; the counts are in the shared cache.
    readership.forget_process_state()
    assert readership.flush_if_due(now=start + 60 + readership.FLUSH_GRACE) == 3
    readership.forget_process_state()
    assert readership.flush_if_due(now=start + 60 + readership.FLUSH_GRACE) == 0  # written once
    assert written(story) == 4
    readership.forget_process_state()
    assert readership.flush_views(now=start + 600) == 0
    assert DailyViews.objects.get(article=story).views == 4  # added to, never counted twice


def test_counts_survive_a_restart_filecache():
    _counts_survive_a_restart()


def test_counts_survive_a_restart_redis(redis_cache):
    _counts_survive_a_restart()


def test_flushes_add_to_the_day_row():
    story = ArticleFactory()
    start = hour_start(1)
    readership.count_view(story.pk, address="203.0.113.1", now=start)
    readership.flush_views(now=start + 120)
    readership.count_view(story.pk, address="203.0.113.2", now=start + 300)
    readership.flush_views(now=start + 420)
    assert DailyViews.objects.get(article=story).views == 2


def test_a_failed_write_is_written_by_the_next_flush(monkeypatch):
    story = ArticleFactory()
    start = hour_start(1)
    readership.count_view(story.pk, address="203.0.113.1", now=start)

    def database_down(totals):
        raise readership.transaction.TransactionManagementError("down")

    with monkeypatch.context() as patched:
        patched.setattr(readership, "_write", database_down)
        with pytest.raises(readership.transaction.TransactionManagementError):
            readership.flush_views(now=start + 120)
    assert readership.flush_views(now=start + 120) == 1


def test_beacon_counts_on_redis(client, redis_cache):
    story = ArticleFactory()
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.1", "203.0.113.3"):
        beacon(client, story.pk, address=address)
    beacon(client, story.pk, address="203.0.113.4", agent="Googlebot/2.1")
    assert written(story) == 3


# --- The lists -------------------------------------------------------------------------------------------


def _most_read_titles(html, list_id):
    match = re.search(rf'id="{list_id}".*?<ol class="most-read-list">(.*?)</ol>', html, re.DOTALL)
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', match.group(1)) if match else []


def test_home_ranks_stories_by_readers_not_robots(client):
    first, second, third, unread = (ArticleFactory(title=f"Bài {name}") for name in "ABCD")
    for n in range(6):
        beacon(client, first.pk, address=f"203.0.113.{n}")
    for n in range(4):
        beacon(client, second.pk, address=f"198.51.100.{n}")
    beacon(client, third.pk, address="192.0.2.1")
    for n in range(20):  # a crawler from many addresses counts for nothing
        beacon(client, third.pk, address=f"192.0.2.{n + 10}", agent="Mozilla/5.0 (compatible; bingbot/2.0)")
        beacon(client, unread.pk, address=f"192.0.2.{n + 10}", agent="Mozilla/5.0 (compatible; bingbot/2.0)")
    readership.flush_views(now=time.time() + 70)

    html = client.get("/").content.decode()
    assert "Đọc nhiều" in html
    assert _most_read_titles(html, "doc-nhieu-hom-nay") == ["Bài A", "Bài B", "Bài C"]
    assert _most_read_titles(html, "doc-nhieu-tuan-nay") == ["Bài A", "Bài B", "Bài C"]


def test_week_list_adds_up_the_last_seven_days(client):
    today = timezone.localdate()
    old, recent, older = (
        ArticleFactory(title="Bài cũ"),
        ArticleFactory(title="Bài mới"),
        ArticleFactory(title="Quá cũ"),
    )
    DailyViews.objects.create(article=old, day=today - timedelta(days=6), views=50)
    DailyViews.objects.create(article=old, day=today - timedelta(days=2), views=20)
    DailyViews.objects.create(article=recent, day=today, views=30)
    DailyViews.objects.create(article=older, day=today - timedelta(days=7), views=500)
    html = client.get("/").content.decode()
    assert _most_read_titles(html, "doc-nhieu-hom-nay") == ["Bài mới"]
    assert _most_read_titles(html, "doc-nhieu-tuan-nay") == ["Bài cũ", "Bài mới"]


def test_no_list_without_views(client):
    ArticleFactory()
    assert "doc-nhieu" not in client.get("/").content.decode()


def test_section_page_lists_its_own_stories(client):
    mine, theirs = SectionFactory(), SectionFactory()
    ours = ArticleFactory(section=mine, title="Tin của mục")
    other = ArticleFactory(section=theirs, title="Tin mục khác")
    today = timezone.localdate()
    DailyViews.objects.create(article=ours, day=today, views=3)
    DailyViews.objects.create(article=other, day=today, views=30)
    html = client.get(mine.get_absolute_url()).content.decode()
    assert _most_read_titles(html, "doc-nhieu-hom-nay") == ["Tin của mục"]
    home = client.get("/").content.decode()
    assert _most_read_titles(home, "doc-nhieu-hom-nay") == ["Tin mục khác", "Tin của mục"]


def test_list_shows_at_most_five(client):
    today = timezone.localdate()
    for n in range(8):
        DailyViews.objects.create(article=ArticleFactory(title=f"Bài số {n}"), day=today, views=n + 1)
    titles = _most_read_titles(client.get("/").content.decode(), "doc-nhieu-hom-nay")
    assert titles == [f"Bài số {n}" for n in (7, 6, 5, 4, 3)]


def test_taken_down_story_drops_out_of_the_cached_lists(
    client, page_cache, managing_editor, django_capture_on_commit_callbacks
):
    gone, kept = ArticleFactory(title="Bài sẽ gỡ"), ArticleFactory(title="Bài còn")
    today = timezone.localdate()
    DailyViews.objects.create(article=gone, day=today, views=9)
    DailyViews.objects.create(article=kept, day=today, views=1)
    assert _most_read_titles(client.get("/").content.decode(), "doc-nhieu-hom-nay") == [
        "Bài sẽ gỡ",
        "Bài còn",
    ]
    with django_capture_on_commit_callbacks(execute=True):  # the purge runs once the step commits
        services.transition_article(
            article=gone, user=managing_editor, action="take_down", note="sai sự thật"
        )
    assert _most_read_titles(client.get("/").content.decode(), "doc-nhieu-hom-nay") == ["Bài còn"]


def test_lists_are_kept_a_short_time_without_a_purge(client, page_cache, settings, django_assert_num_queries):
    story = ArticleFactory(title="Bài đọc")
    request = type("Request", (), {})()
    assert readership.most_read_lists(request) == {"today": [], "week": []}
    DailyViews.objects.create(article=story, day=timezone.localdate(), views=1)
    with django_assert_num_queries(0):
        assert readership.most_read_lists(request) == {"today": [], "week": []}  # kept: no purge for views
    settings.MOST_READ_SECONDS = 0
    with django_assert_num_queries(2):
        lists = readership.most_read_lists(request)
    assert [item["title"] for item in lists["today"]] == ["Bài đọc"]


def test_each_list_is_one_query(django_assert_num_queries):
    today = timezone.localdate()
    section = SectionFactory()
    for n in range(3):
        story = ArticleFactory(section=section)
        DailyViews.objects.create(article=story, day=today - timedelta(days=n), views=n + 1)
    with django_assert_num_queries(1):
        stories = readership.most_read(days=7)
        assert [story.get_absolute_url() for story in stories]
        assert [story.title for story in stories]
    with django_assert_num_queries(1):
        assert len(readership.most_read(days=1, section=section)) == 1


def test_home_and_section_queries_do_not_grow_with_the_lists(client):
    section = SectionFactory()
    stories = [ArticleFactory(section=section) for _ in range(5)]
    today = timezone.localdate()

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        lists = [q["sql"] for q in captured.captured_queries if DailyViews._meta.db_table in q["sql"]]
        return len(captured.captured_queries), len(lists)

    DailyViews.objects.create(article=stories[0], day=today, views=1)
    one = queries("/"), queries(section.get_absolute_url())
    for n, story in enumerate(stories[1:], start=2):
        DailyViews.objects.create(article=story, day=today - timedelta(days=n % 3), views=n)
    five = queries("/"), queries(section.get_absolute_url())
    assert one == five
    assert [lists for _total, lists in five] == [2, 2]  # today's and this week's, one query each


def test_flush_views_command_writes_ended_minutes_once():
    story = ArticleFactory()
    readership.count_view(story.pk, address="203.0.113.1", now=time.time() - 120)
    out = StringIO()
    call_command("flush_views", stdout=out)
    assert out.getvalue().strip() == "Đã ghi 1 lượt đọc."
    call_command("flush_views", stdout=StringIO())
    assert DailyViews.objects.get(article=story).views == 1
