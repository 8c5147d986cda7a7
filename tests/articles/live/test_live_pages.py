"""What readers get of a live story: the entries on its page and in its JSON-LD, and the polled endpoint."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from articles.models import Article, Photo
from articles.photos.renditions import ensure_renditions
from articles.stories import services
from tests.articles.site.test_seo import parse_head
from tests.factories import ArticleFactory, image_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def live_story(editor, reporter):
    article = ArticleFactory(title="Kỳ họp thứ 8 HĐND tỉnh", created_by=reporter)
    services.start_live(article=article, user=editor, planned_end=timezone.now() + timedelta(hours=4))
    return Article.objects.get(pk=article.pk)


def post(story, user, text, **extra):
    return services.add_live_entry(article=story, user=user, text=text, **extra)


def page(story, n=0):
    response = Client().get(story.get_absolute_url(), {"lan": n} if n else {})
    assert response.status_code == 200
    return response.content.decode()


def entry_ids(html):
    return [int(n) for n in re.findall(r'<li class="live-entry" id="tin-(\d+)"', html)]


_polls = iter(range(1, 10**6))


def poll(story, stamp=""):
    """The endpoint at an address no copy has (the purge of a copy runs on commit, which tests never reach)."""
    return Client().get(f"/truc-tiep/{story.pk}/", {"sau": stamp, "lan": next(_polls)})


def test_the_page_shows_the_entries_newest_first_with_dang_cap_nhat(reporter, live_story):
    first = post(live_story, reporter, "Khai mạc kỳ họp.")
    second = post(live_story, reporter, "Đại biểu chất vấn về giao thông.")

    html = page(live_story)

    assert entry_ids(html) == [second.pk, first.pk]
    assert "Đang cập nhật" in html and "Tường thuật trực tiếp" in html
    assert f'data-live-url="/truc-tiep/{live_story.pk}/"' in html and "js/live." in html
    assert "Tải lại trang để xem các tin mới nhất." in html  # for the reader without JavaScript


def test_a_new_entry_reaches_the_stored_page_at_once(reporter, live_story):
    post(live_story, reporter, "Tin một.")
    page(live_story, 1)
    page(live_story, 2)  # stored now
    newest = post(live_story, reporter, "Tin hai.")
    assert entry_ids(page(live_story, 3))[0] == newest.pk


def test_json_ld_is_a_live_blog_posting_with_its_times_and_updates(reporter, editor, live_story):
    first = post(live_story, reporter, "Khai mạc kỳ họp lúc 8 giờ.")
    second = post(live_story, reporter, "<p>Biểu quyết <b>thông qua</b> nghị quyết.</p>")
    story = Article.objects.get(pk=live_story.pk)

    data = parse_head(page(story)).json_ld()

    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] == timezone.localtime(story.live_started_at).isoformat(
        timespec="seconds"
    )
    assert data["coverageEndTime"] == timezone.localtime(story.live_planned_end).isoformat(timespec="seconds")
    updates = data["liveBlogUpdate"]
    assert [u["articleBody"] for u in updates] == [
        "Biểu quyết thông qua nghị quyết.",
        "Khai mạc kỳ họp lúc 8 giờ.",
    ]
    assert updates[0]["@type"] == "BlogPosting" and updates[0]["url"].endswith(f"#tin-{second.pk}")
    assert updates[1]["datePublished"] == timezone.localtime(first.created_at).isoformat(timespec="seconds")
    assert data["headline"] == story.title  # still the story's own fields

    services.end_live(article=story, user=editor)
    ended = Article.objects.get(pk=story.pk)
    data = parse_head(page(ended, 2)).json_ld()
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageEndTime"] == timezone.localtime(ended.live_ended_at).isoformat(timespec="seconds")


def test_an_ended_story_keeps_its_entries_as_an_ordinary_story(reporter, editor, live_story):
    entry = post(live_story, reporter, "Bế mạc kỳ họp.")
    services.end_live(article=live_story, user=editor)

    html = page(live_story, 2)

    assert entry_ids(html) == [entry.pk]
    assert "Đang cập nhật" not in html and "data-live-url" not in html and "js/live." not in html
    assert "Đã kết thúc tường thuật." in html


def test_a_story_never_live_is_a_news_article_without_a_live_block():
    story = ArticleFactory()
    html = page(story)
    assert parse_head(html).json_ld()["@type"] == "NewsArticle"
    assert 'class="live"' not in html
    assert poll(story).status_code == 404


def test_the_endpoint_answers_unchanged_in_a_few_bytes_and_changes_after_an_entry(reporter, live_story):
    post(live_story, reporter, "Tin một.")
    stamp = re.search(r'data-stamp="([0-9a-f]+)"', page(live_story)).group(1)

    same = poll(live_story, stamp)
    assert same.status_code == 200 and same["Content-Type"] == "application/json"
    assert same.json() == {"stamp": stamp, "live": True, "poll": 15, "changed": False}
    assert not same.cookies and "s-maxage" in same["Cache-Control"]

    newest = post(live_story, reporter, "Tin <b>hai</b>.")
    changed = poll(live_story, stamp).json()
    assert changed["changed"] and changed["stamp"] != stamp
    assert [e["id"] for e in changed["entries"]][0] == newest.pk
    assert f'<li class="live-entry" id="tin-{newest.pk}"' in changed["entries"][0]["html"]
    assert "<b>hai</b>" in changed["entries"][0]["html"] and "Đang cập nhật" in changed["status"]
    # The block the endpoint sends is the page's, entry for entry.
    html = page(live_story, 5)
    for entry in changed["entries"]:
        assert entry["html"].strip() in html


def test_the_endpoint_says_when_the_coverage_ends(editor, live_story):
    stamp = re.search(r'data-stamp="([0-9a-f]+)"', page(live_story)).group(1)
    services.end_live(article=live_story, user=editor)
    data = poll(live_story, stamp).json()
    assert data["live"] is False and data["changed"] and "Đã kết thúc tường thuật." in data["status"]


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.TAKEN_DOWN])
def test_the_endpoint_shows_nothing_of_a_story_readers_may_not_see(editor, status):
    story = ArticleFactory()
    services.start_live(article=story, user=editor, planned_end=timezone.now() + timedelta(hours=1))
    Article.objects.filter(pk=story.pk).update(status=status)
    assert poll(story).status_code == 404


def test_the_endpoint_and_the_page_keep_a_fixed_query_count(
    reporter, live_story, django_assert_max_num_queries
):
    for n in range(3):
        photo = Photo(
            image=SimpleUploadedFile(f"a{n}.jpg", image_bytes(size=(900, 600)), content_type="image/jpeg"),
            alt_text=f"Ảnh {n}",
        )
        entry = post(live_story, reporter, f"Tin số {n}.", photo=photo)
        ensure_renditions(entry.photo)

    def count_with(entries):
        with django_assert_max_num_queries(4) as counted:
            assert poll(live_story, f"x{entries}").json()["changed"]
        return len(counted.captured_queries)

    count_with(3)  # the first reader page of a site version also asks when the next story is scheduled
    few = count_with(3)
    for n in range(3, 12):
        post(live_story, reporter, f"Tin số {n}.")
    assert count_with(12) == few
    # The page on the spot (no stored copy): the same number whatever the count of entries.
    with django_assert_max_num_queries(12):
        html = page(live_story, 9)
    assert html.count('class="live-entry"') == 12 and html.count("<picture") >= 3


def test_hostile_entry_html_never_reaches_the_page_or_the_json(reporter, live_story):
    post(
        live_story,
        reporter,
        '<img src=x onerror="alert(1)"><p onclick="x()">Tin</p><iframe src="//evil"></iframe>',
    )
    html, data = page(live_story), poll(live_story).json()
    for text in (html, data["entries"][0]["html"]):
        assert "onerror" not in text and "onclick" not in text and "<iframe" not in text


def test_listings_mark_a_live_story(reporter, live_story):
    html = Client().get(live_story.section.get_absolute_url()).content.decode()
    assert re.search(
        rf'<span class="story-live">Trực tiếp</span> · <a href="{live_story.section.get_absolute_url()}">',
        html,
    )
