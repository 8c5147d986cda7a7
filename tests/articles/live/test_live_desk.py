"""The live desk in the admin, through the test client: start and end the coverage, post, edit and remove
entries, who may do what, the desk's list of live stories, and a page whose queries do not grow with entries."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleEvent, Author, LiveEntry, Photo
from articles.photos.renditions import ensure_renditions
from articles.stories import services
from articles.stories.models import ArticleAuthor
from tests.factories import ArticleFactory, PhotoFactory, image_bytes, staff_user

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def desk_url(story):
    return f"/quan-tri/articles/article/{story.pk}/truc-tiep/"


def typed(moment):
    """``moment`` as a browser's datetime-local field sends it: Vietnam's wall clock, to the minute."""
    return moment.astimezone(VIETNAM).strftime("%Y-%m-%dT%H:%M")


def soon(hours=3):
    return timezone.now() + timedelta(hours=hours)


def stored(story):
    return Article.objects.get(pk=story.pk)


def photo_upload(name="hop.png", content=None):
    content = image_bytes(image_format="PNG") if content is None else content
    return SimpleUploadedFile(name, content, content_type="image/png")


def textarea(html, name):
    """The text inside the <textarea> named ``name`` (None when the page has none)."""
    found = re.search(rf'<textarea name="{re.escape(name)}"[^>]*>(.*?)</textarea>', html, re.S)
    return found.group(1).strip() if found else None


@pytest.fixture
def story(reporter):
    """A published story of the reporter's, not covered live yet."""
    return ArticleFactory(title="Kỳ họp thứ 8 HĐND tỉnh", created_by=reporter)


@pytest.fixture
def live_story(editor, story):
    services.start_live(article=story, user=editor, planned_end=soon())
    return stored(story)


def sign_in(client, user):
    client.force_login(user)
    return client


def test_the_url_is_the_admins(story):
    assert reverse("admin:articles_article_live", args=[story.pk]) == desk_url(story)


# --- Starting and ending -----------------------------------------------------------------------------------


def test_an_editor_starts_the_coverage_in_vietnam_time_and_ends_it(client, editor, story):
    sign_in(client, editor)
    page = client.get(desk_url(story))
    assert page.status_code == 200
    assert "Bài chưa được tường thuật trực tiếp." in page.text and "Bắt đầu tường thuật" in page.text
    planned = soon(5).replace(second=0, microsecond=0)

    response = client.post(desk_url(story), {"action": "start", "planned_end": typed(planned)}, follow=True)

    assert response.redirect_chain == [(desk_url(story), 302)]
    assert "Đã mở tường thuật trực tiếp." in response.text
    live = stored(story)
    assert live.is_live_now and live.live_ended_at is None
    assert live.live_planned_end == planned  # read as GMT+7, not as UTC
    assert "Đang tường thuật" in response.text and "Kết thúc tường thuật" in response.text
    assert ArticleEvent.objects.filter(article=story, action="live_start", actor=editor).count() == 1

    response = client.post(desk_url(story), {"action": "end"}, follow=True)

    assert response.redirect_chain == [(desk_url(story), 302)]
    assert "Đã kết thúc tường thuật. Bài giữ nguyên các tin đã đưa." in response.text
    ended = stored(story)
    assert not ended.is_live_now and ended.live_ended_at is not None
    assert "Mở lại tường thuật" in response.text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("past", "Thời điểm dự kiến kết thúc phải ở tương lai (giờ Việt Nam, GMT+7)."),
        ("ngày mai lúc 5 giờ", "Thời điểm không hợp lệ: hãy nhập ngày và giờ, ví dụ 27/08/2026 16:30."),
        ("2026-02-30T10:00", "Thời điểm không hợp lệ"),
    ],
)
def test_a_planned_end_in_the_past_or_garbage_is_refused_and_kept_in_the_form(
    client, editor, story, value, message
):
    if value == "past":
        value = typed(timezone.now() - timedelta(hours=1))
    sign_in(client, editor)

    response = client.post(desk_url(story), {"action": "start", "planned_end": value})

    assert response.status_code == 400
    assert message in response.text
    assert f'name="planned_end" value="{value}"' in response.text
    assert not stored(story).has_live_coverage
    assert not ArticleEvent.objects.filter(article=story).exists()


# --- Posting entries ---------------------------------------------------------------------------------------


def test_the_owner_posts_an_entry(client, reporter, live_story):
    sign_in(client, reporter)
    assert textarea(client.get(desk_url(live_story)).text, "text") == ""

    response = client.post(desk_url(live_story), {"action": "add", "text": "Khai mạc kỳ họp."}, follow=True)

    assert response.redirect_chain == [(desk_url(live_story), 302)]
    assert "Đã đưa tin lên bài." in response.text
    entry = LiveEntry.objects.get()
    assert (entry.article_id, entry.created_by, entry.text, entry.photo) == (
        live_story.pk,
        reporter,
        "Khai mạc kỳ họp.",
        None,
    )
    assert f'id="tin-{entry.pk}"' in response.text and "<p>Khai mạc kỳ họp.</p>" in response.text
    assert "1 tin đã đưa" in response.text


def test_a_photo_with_alt_text_is_stored_with_the_entry_and_shown(client, reporter, live_story):
    sign_in(client, reporter)

    response = client.post(
        desk_url(live_story),
        {
            "action": "add",
            "text": "Đại biểu biểu quyết thông qua nghị quyết.",
            "image": photo_upload(),
            "alt_text": "Đại biểu giơ thẻ biểu quyết",
            "caption": "Biểu quyết tại hội trường",
        },
        follow=True,
    )

    assert response.redirect_chain == [(desk_url(live_story), 302)]
    photo = Photo.objects.get()
    entry = LiveEntry.objects.get()
    assert entry.photo == photo and photo.uploaded_by == reporter
    assert (photo.alt_text, photo.caption) == ("Đại biểu giơ thẻ biểu quyết", "Biểu quyết tại hội trường")
    shown = response.text[response.text.index(f'id="tin-{entry.pk}"') :]
    assert 'alt="Đại biểu giơ thẻ biểu quyết"' in shown and photo.image.url in shown


def test_a_photo_without_alt_text_is_refused_and_the_text_is_kept(client, reporter, live_story):
    sign_in(client, reporter)

    response = client.post(
        desk_url(live_story),
        {"action": "add", "text": "Ảnh toàn cảnh hội trường.", "image": photo_upload(), "alt_text": "  "},
    )

    assert response.status_code == 400
    assert "Hãy mô tả ảnh (alt) cho người đọc không xem được ảnh." in response.text
    assert textarea(response.text, "text") == "Ảnh toàn cảnh hội trường."
    assert not LiveEntry.objects.exists() and not Photo.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_in_vietnamese(client, reporter, live_story):
    sign_in(client, reporter)

    response = client.post(
        desk_url(live_story),
        {
            "action": "add",
            "text": "Tin kèm tệp lạ.",
            "image": photo_upload("anh.png", b"MZ\x90\x00 not an image"),
            "alt_text": "Ảnh",
        },
    )

    assert response.status_code == 400
    assert "Tệp không phải là ảnh hợp lệ. Hãy chọn ảnh JPEG, PNG hoặc WebP." in response.text
    assert textarea(response.text, "text") == "Tin kèm tệp lạ."
    assert not LiveEntry.objects.exists() and not Photo.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n ", "<p>&nbsp;</p>"])
def test_an_empty_entry_is_refused(client, reporter, live_story, text):
    sign_in(client, reporter)

    response = client.post(desk_url(live_story), {"action": "add", "text": text})

    assert response.status_code == 400
    assert "Nội dung tin không được để trống." in response.text
    assert not LiveEntry.objects.exists()


def test_a_second_click_does_not_post_the_entry_twice(client, reporter, live_story):
    sign_in(client, reporter)
    data = {"action": "add", "text": "Bế mạc kỳ họp."}
    assert client.post(desk_url(live_story), data).status_code == 302

    response = client.post(desk_url(live_story), data)

    assert response.status_code == 400
    assert "Tin này vừa được đưa lên (có thể do bấm nút hai lần); không đưa lại." in response.text
    assert LiveEntry.objects.filter(article=live_story).count() == 1


def test_no_entry_is_posted_once_the_coverage_has_ended(client, editor, reporter, live_story):
    services.end_live(article=live_story, user=editor)
    sign_in(client, reporter)
    assert textarea(client.get(desk_url(live_story)).text, "text") is None  # no form to post with

    response = client.post(desk_url(live_story), {"action": "add", "text": "Tin muộn."})

    assert response.status_code == 400
    assert "Bài này không đang được tường thuật trực tiếp" in response.text
    assert not LiveEntry.objects.exists()


# --- Editing and removing ----------------------------------------------------------------------------------


def test_an_entry_is_edited_then_removed(client, reporter, live_story):
    entry = services.add_live_entry(article=live_story, user=reporter, text="Có 45 đại biểu dự.")
    earlier = timezone.now() - timedelta(minutes=5)  # posted a while ago: an edit now shows as one
    LiveEntry.objects.filter(pk=entry.pk).update(created_at=earlier, updated_at=earlier)
    sign_in(client, reporter)
    assert "đã sửa" not in client.get(desk_url(live_story)).text

    page = client.get(desk_url(live_story), {"sua": entry.pk})

    assert page.status_code == 200
    assert textarea(page.text, "sua-text") == "Có 45 đại biểu dự."
    assert f'name="entry" value="{entry.pk}"' in page.text

    response = client.post(
        desk_url(live_story),
        {"action": "edit", "entry": entry.pk, "sua-text": "Có 47 đại biểu dự."},
        follow=True,
    )

    assert response.redirect_chain == [(desk_url(live_story), 302)]
    assert "Đã sửa tin." in response.text
    entry.refresh_from_db()
    assert entry.text == "Có 47 đại biểu dự." and entry.html == "<p>Có 47 đại biểu dự.</p>"
    assert "đã sửa" in response.text and textarea(response.text, "sua-text") is None

    response = client.post(desk_url(live_story), {"action": "remove", "entry": entry.pk}, follow=True)

    assert response.redirect_chain == [(desk_url(live_story), 302)]
    assert "Đã gỡ tin khỏi bài; nội dung vẫn còn trong các phiên bản." in response.text
    assert not LiveEntry.objects.exists()
    assert "Chưa có tin nào." in response.text


def test_a_refused_edit_keeps_what_was_typed(client, reporter, live_story):
    entry = services.add_live_entry(article=live_story, user=reporter, text="Tin gốc.")
    sign_in(client, reporter)

    response = client.post(
        desk_url(live_story),
        {"action": "edit", "entry": entry.pk, "sua-text": "Tin sửa kèm ảnh.", "sua-image": photo_upload()},
    )

    assert response.status_code == 400
    assert "Hãy mô tả ảnh (alt)" in response.text
    assert textarea(response.text, "sua-text") == "Tin sửa kèm ảnh."
    entry.refresh_from_db()
    assert entry.text == "Tin gốc." and not Photo.objects.exists()


@pytest.mark.parametrize("action", ["edit", "remove"])
def test_an_entry_of_another_story_is_refused(client, editor, reporter, live_story, action):
    other = ArticleFactory(created_by=reporter)
    services.start_live(article=other, user=editor, planned_end=soon())
    theirs = services.add_live_entry(article=other, user=reporter, text="Tin của bài khác.")
    sign_in(client, reporter)
    assert textarea(client.get(desk_url(live_story), {"sua": theirs.pk}).text, "sua-text") is None

    response = client.post(
        desk_url(live_story), {"action": action, "entry": theirs.pk, "sua-text": "Đã bị sửa."}
    )

    assert response.status_code == 400
    assert "Tin này không còn trên bài (có thể vừa bị gỡ)." in response.text
    theirs.refresh_from_db()
    assert theirs.text == "Tin của bài khác." and theirs.article_id == other.pk


@pytest.mark.parametrize("entry", ["", "abc", "1.5", "-1", "²", "99999999999999999999"])
def test_a_missing_or_garbled_entry_number_is_refused_not_a_server_error(client, reporter, live_story, entry):
    kept = services.add_live_entry(article=live_story, user=reporter, text="Tin còn nguyên.")
    sign_in(client, reporter)
    page = client.get(desk_url(live_story), {"sua": entry})
    assert page.status_code == 200 and textarea(page.text, "sua-text") is None

    response = client.post(desk_url(live_story), {"action": "remove", "entry": entry})

    assert response.status_code == 400
    assert "Tin này không còn trên bài" in response.text
    assert LiveEntry.objects.filter(pk=kept.pk).exists()


def test_an_unknown_action_is_refused(client, editor, live_story):
    sign_in(client, editor)
    response = client.post(desk_url(live_story), {"action": "xoa-het"})
    assert response.status_code == 400
    assert "Thao tác không hợp lệ." in response.text


# --- Who may do what ---------------------------------------------------------------------------------------


def test_a_moderator_cannot_open_the_desk_nor_write(client, moderator, reporter, live_story):
    sign_in(client, moderator)

    assert client.get(desk_url(live_story)).status_code == 404
    assert client.post(desk_url(live_story), {"action": "add", "text": "Tin lạ."}).status_code == 404
    assert client.post(desk_url(live_story), {"action": "end"}).status_code == 404

    assert not LiveEntry.objects.exists() and stored(live_story).is_live_now


def test_a_reporter_neither_owning_nor_bylined_gets_403(client, reporter, live_story):
    entry = services.add_live_entry(article=live_story, user=reporter, text="Tin của chủ bài.")
    stranger = staff_user("phongvien2", "Phóng viên")
    sign_in(client, stranger)

    assert client.get(desk_url(live_story)).status_code == 403
    for data in (
        {"action": "add", "text": "Tin lạ."},
        {"action": "edit", "entry": entry.pk, "sua-text": "Đã bị sửa."},
        {"action": "remove", "entry": entry.pk},
        {"action": "end"},
    ):
        assert client.post(desk_url(live_story), data).status_code == 403

    assert list(LiveEntry.objects.values_list("text", flat=True)) == ["Tin của chủ bài."]
    assert stored(live_story).is_live_now


def test_a_bylined_reporter_posts_on_the_story(client, live_story):
    bylined = staff_user("phongvien2", "Phóng viên")
    ArticleAuthor.objects.create(
        article=live_story, author=Author.objects.create(name="PV Hai", user=bylined)
    )
    sign_in(client, bylined)

    response = client.post(desk_url(live_story), {"action": "add", "text": "Tin từ hiện trường."})

    assert response.status_code == 302
    assert LiveEntry.objects.get().created_by == bylined


def test_a_reporter_cannot_start_or_end_the_coverage(client, editor, reporter, story):
    sign_in(client, reporter)
    page = client.get(desk_url(story))
    assert page.status_code == 200 and "Bắt đầu tường thuật" not in page.text

    response = client.post(desk_url(story), {"action": "start", "planned_end": typed(soon())})

    assert response.status_code == 400
    assert "Chỉ biên tập viên được mở hoặc kết thúc tường thuật trực tiếp." in response.text
    assert not stored(story).has_live_coverage

    services.start_live(article=story, user=editor, planned_end=soon())
    response = client.post(desk_url(story), {"action": "end"})

    assert response.status_code == 400
    assert "Chỉ biên tập viên được mở hoặc kết thúc tường thuật trực tiếp." in response.text
    assert stored(story).is_live_now


def test_anonymous_is_sent_to_sign_in(client, live_story):
    for response in (client.get(desk_url(live_story)), client.post(desk_url(live_story), {"action": "end"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/quan-tri/login/?next=")
        assert desk_url(live_story) in response["Location"]
    assert stored(live_story).is_live_now


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(editor, reporter, story):
    for user, data in (
        (editor, {"action": "start", "planned_end": typed(soon())}),
        (reporter, {"action": "add", "text": "Tin không có mã CSRF."}),
    ):
        if user is reporter:
            services.start_live(article=story, user=editor, planned_end=soon())
        client = sign_in(Client(enforce_csrf_checks=True), user)
        assert client.get(desk_url(story)).status_code == 200  # the page itself opens
        response = client.post(desk_url(story), data)
        assert response.status_code == 403
    assert ArticleEvent.objects.filter(article=story).count() == 1  # only the start made by the service
    assert not LiveEntry.objects.exists()


# --- The desk and the story's page -------------------------------------------------------------------------


def live_module(html):
    """The desk's "Đang tường thuật trực tiếp" table, or "" when the desk has none."""
    start = html.find('class="module desk-live"')
    return html[start : html.index("</table>", start)] if start >= 0 else ""


def test_the_desk_lists_the_live_stories_for_editors(client, editor, reporter, live_story):
    ended = ArticleFactory(title="Trận chung kết bóng đá", created_by=reporter)
    services.start_live(article=ended, user=editor, planned_end=soon())
    services.end_live(article=ended, user=editor)
    sign_in(client, editor)

    listed = live_module(client.get("/quan-tri/").text)

    assert "Đang tường thuật trực tiếp (1)" in listed
    assert f'<a href="{desk_url(live_story)}">Kỳ họp thứ 8 HĐND tỉnh</a>' in listed
    assert desk_url(ended) not in listed


def test_the_desk_lists_for_a_reporter_only_their_own_and_bylined_live_stories(client, editor, reporter):
    others = staff_user("phongvien2", "Phóng viên")
    own = ArticleFactory(title="Bài tôi viết", created_by=reporter)
    bylined = ArticleFactory(title="Bài tôi đứng tên", created_by=others)
    ArticleAuthor.objects.create(article=bylined, author=Author.objects.create(name="PV Một", user=reporter))
    not_mine = ArticleFactory(title="Bài của người khác", created_by=others)
    for article in (own, bylined, not_mine):
        services.start_live(article=article, user=editor, planned_end=soon())
    sign_in(client, reporter)

    listed = live_module(client.get("/quan-tri/").text)

    assert "Đang tường thuật trực tiếp (2)" in listed
    assert desk_url(own) in listed and desk_url(bylined) in listed
    assert desk_url(not_mine) not in listed and "Bài của người khác" not in listed


def test_no_live_list_when_nothing_is_live(client, editor, story):
    sign_in(client, editor)
    assert "Đang tường thuật trực tiếp" not in client.get("/quan-tri/").text


@pytest.mark.parametrize("role", ["editor", "reporter"])
def test_the_story_page_links_to_the_live_desk(client, request, story, role):
    sign_in(client, request.getfixturevalue(role))
    change = f"/quan-tri/articles/article/{story.pk}/change/"

    page = client.get(change)

    assert page.status_code == 200
    assert f'<a href="{desk_url(story)}">Tường thuật trực tiếp</a>' in page.text

    services.start_live(article=story, user=request.getfixturevalue("editor"), planned_end=soon())
    assert f'<a href="{desk_url(story)}">Tường thuật trực tiếp (đang diễn ra)</a>' in client.get(change).text


# --- Queries -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("with_photos", [False, True])
def test_the_desk_page_makes_as_many_queries_for_12_entries_as_for_2(
    client, editor, reporter, live_story, django_assert_max_num_queries, with_photos
):
    def post_entries(count):
        for _ in range(count):
            n = LiveEntry.objects.count() + 1
            photo = PhotoFactory(alt_text=f"Ảnh {n}") if with_photos else None
            if photo is not None:
                ensure_renditions(photo)
            author = reporter if n % 2 else editor  # two people: each entry shows its own
            services.add_live_entry(article=live_story, user=author, text=f"Tin số {n}.", photo=photo)

    sign_in(client, reporter)
    client.get(desk_url(live_story))  # the session and the caches a first page fills

    def count_queries(entries):
        with django_assert_max_num_queries(40) as counted:
            response = client.get(desk_url(live_story))
        assert response.status_code == 200
        assert len(re.findall(r'<li id="tin-\d+"', response.text)) == entries
        assert response.text.count("<picture") == (entries if with_photos else 0)
        return len(counted.captured_queries)

    post_entries(2)
    with_two = count_queries(2)
    post_entries(10)
    assert count_queries(12) == with_two


def test_a_taken_down_story_has_no_live_desk_link_and_no_live_desk(client, editor):
    story = ArticleFactory(status=Article.Status.TAKEN_DOWN)
    client.force_login(editor)
    change = client.get(f"/quan-tri/articles/article/{story.pk}/change/").content.decode()
    assert f"/quan-tri/articles/article/{story.pk}/truc-tiep/" not in change
    assert client.get(f"/quan-tri/articles/article/{story.pk}/truc-tiep/").status_code == 403
