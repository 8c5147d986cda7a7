"""Live coverage through its services: who may start, post, edit and remove; what is refused and kept."""

import unicodedata
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, ArticleEvent, Author, LiveEntry, Photo, Revision
from articles.site.models import StoredPage
from articles.stories import services
from articles.stories.live import coverage_stamp, entry_html
from articles.stories.models import ArticleAuthor
from tests.factories import ArticleFactory, image_bytes, staff_user

pytestmark = pytest.mark.django_db
S = Article.Status


def soon(hours=3):
    return timezone.now() + timedelta(hours=hours)


@pytest.fixture
def live_story(editor, reporter):
    article = ArticleFactory(created_by=reporter)
    services.start_live(article=article, user=editor, planned_end=soon())
    return Article.objects.get(pk=article.pk)


def test_an_editor_starts_the_coverage_with_an_event_a_revision_and_a_new_version(editor):
    article = ArticleFactory()
    version = article.version

    event = services.start_live(article=article, user=editor, planned_end=soon())

    stored = Article.objects.get(pk=article.pk)
    assert stored.is_live_now and stored.live_started_at and stored.live_ended_at is None
    assert stored.version == version + 1 == article.version
    assert (event.action, event.actor) == ("live_start", editor)
    revision = stored.revisions.get()
    assert revision.data["live"][0] == stored.live_started_at.isoformat()
    assert revision.note == "Bắt đầu tường thuật trực tiếp"


def test_a_reporter_may_not_start_or_end_the_coverage(reporter, live_story):
    with pytest.raises(PermissionDenied, match="Chỉ biên tập viên"):
        services.start_live(article=ArticleFactory(created_by=reporter), user=reporter, planned_end=soon())
    with pytest.raises(PermissionDenied):
        services.end_live(article=live_story, user=reporter)
    assert Article.objects.get(pk=live_story.pk).is_live_now


def test_a_planned_end_in_the_past_is_refused_in_vietnamese(editor):
    article = ArticleFactory()
    with pytest.raises(ValidationError, match="phải ở tương lai") as refusal:
        services.start_live(article=article, user=editor, planned_end=timezone.now() - timedelta(minutes=1))
    assert refusal.value.code == "end_in_past"
    assert not Article.objects.get(pk=article.pk).has_live_coverage


def test_a_taken_down_story_cannot_go_live(editor):
    article = ArticleFactory(status=S.TAKEN_DOWN)
    with pytest.raises(ValidationError) as refusal:
        services.start_live(article=article, user=editor, planned_end=soon())
    assert refusal.value.code == "taken_down"


def test_the_owner_posts_an_entry_sanitized_like_a_body_and_recorded_in_a_revision(reporter, live_story):
    entry = services.add_live_entry(
        article=live_story,
        user=reporter,
        text='Phiên họp bắt đầu.<script>alert(1)</script> <a href="javascript:alert(2)">xem</a>',
    )

    assert "<script" not in entry.html and "alert(1)" not in entry.html and "javascript:" not in entry.html
    assert "Phiên họp bắt đầu." in entry.html
    revision = Revision.objects.filter(article=live_story).order_by("-number").first()
    assert revision.created_by == reporter and revision.note.startswith("Đưa tin trực tiếp lúc ")
    assert revision.data["live_entries"] == [[entry.pk, entry.created_at.isoformat(), entry.text, None]]
    assert (
        Article.objects.get(pk=live_story.pk).version == live_story.version
    )  # no edit conflict for the desk


def test_plain_text_becomes_paragraphs_and_is_stored_in_nfc(reporter, live_story):
    decomposed = unicodedata.normalize("NFD", "Lượng mưa\n\nĐoạn hai\ndòng ba")  # typed with combining marks
    entry = services.add_live_entry(article=live_story, user=reporter, text=decomposed)

    assert entry.text == unicodedata.normalize("NFC", decomposed) != decomposed
    assert entry.html == "<p>Lượng mưa</p>\n\n<p>Đoạn hai<br>dòng ba</p>"


@pytest.mark.parametrize("text", ["", "   ", "<p> </p>", "<script>x</script>", "<b></b>&nbsp;"])
def test_an_entry_with_nothing_to_read_is_refused(reporter, live_story, text):
    with pytest.raises(ValidationError, match="không được để trống"):
        services.add_live_entry(article=live_story, user=reporter, text=text)
    assert not LiveEntry.objects.exists()


def test_an_entry_too_long_is_refused_with_its_length(reporter, live_story):
    with pytest.raises(ValidationError, match="5001 ký tự, quá 5000"):
        services.add_live_entry(article=live_story, user=reporter, text="a" * 5001)


def test_the_same_entry_posted_twice_is_refused_as_a_double_click(reporter, live_story):
    services.add_live_entry(article=live_story, user=reporter, text="Mưa lớn ở Tam Đường.")
    with pytest.raises(ValidationError) as refusal:
        services.add_live_entry(article=live_story, user=reporter, text="Mưa lớn ở Tam Đường.")
    assert refusal.value.code == "duplicate"
    assert LiveEntry.objects.count() == 1


def test_another_reporter_may_post_only_when_the_byline_names_them(live_story):
    other = staff_user("phongvien2", "Phóng viên")
    with pytest.raises(PermissionDenied, match="không có quyền đưa tin"):
        services.add_live_entry(article=live_story, user=other, text="Tin từ hiện trường.")
    ArticleAuthor.objects.create(article=live_story, author=Author.objects.create(name="PV Hai", user=other))

    entry = services.add_live_entry(article=live_story, user=other, text="Tin từ hiện trường.")
    assert entry.created_by == other


def test_a_moderator_may_not_post(moderator, live_story):
    with pytest.raises(PermissionDenied):
        services.add_live_entry(article=live_story, user=moderator, text="Tin.")


def test_no_entry_before_the_coverage_starts_or_after_it_ends(editor, reporter, live_story):
    with pytest.raises(ValidationError) as refusal:
        services.add_live_entry(article=ArticleFactory(created_by=reporter), user=reporter, text="Sớm quá.")
    assert refusal.value.code == "not_live"
    services.end_live(article=live_story, user=editor)
    with pytest.raises(ValidationError) as refusal:
        services.add_live_entry(article=live_story, user=reporter, text="Muộn quá.")
    assert refusal.value.code == "not_live"


def test_ending_keeps_the_entries_and_resuming_keeps_the_first_start(editor, reporter, live_story):
    entry = services.add_live_entry(article=live_story, user=reporter, text="Tin đầu.")
    started = live_story.live_started_at

    services.end_live(article=live_story, user=editor)
    ended = Article.objects.get(pk=live_story.pk)
    assert not ended.is_live_now and ended.has_live_coverage and ended.live_ended_at
    assert list(ended.live_entries.all()) == [entry]
    with pytest.raises(ValidationError) as refusal:
        services.end_live(article=ended, user=editor)
    assert refusal.value.code == "not_live"

    services.start_live(article=ended, user=editor, planned_end=soon(5))
    resumed = Article.objects.get(pk=live_story.pk)
    assert resumed.is_live_now and resumed.live_started_at == started
    actions = list(
        ArticleEvent.objects.filter(article=live_story).order_by("at", "pk").values_list("action", flat=True)
    )
    assert actions == ["live_start", "live_end", "live_start"]


def test_a_new_planned_end_while_live_is_its_own_step(editor, live_story):
    event = services.start_live(article=live_story, user=editor, planned_end=soon(8))
    assert event.action == "live_plan" and "(GMT+7)" in event.note


def test_an_edit_and_a_removal_are_kept_in_the_revisions(reporter, live_story):
    entry = services.add_live_entry(article=live_story, user=reporter, text="Mực nước 3,2 m.")
    services.edit_live_entry(entry=entry, user=reporter, text="Mực nước 3,4 m.")
    services.remove_live_entry(entry=entry, user=reporter)

    assert not LiveEntry.objects.exists()
    texts = [
        [row[2] for row in revision.data.get("live_entries", [])]
        for revision in Revision.objects.filter(article=live_story).order_by("number")
    ]
    assert texts[-3:] == [["Mực nước 3,2 m."], ["Mực nước 3,4 m."], []]


def test_saving_the_story_from_an_old_form_keeps_the_coverage(editor, live_story):
    opened = Article.objects.get(pk=live_story.pk)
    opened.live_started_at = opened.live_planned_end = None  # what a stale instance might carry
    opened.title = "Tiêu đề mới"
    services.save_article(article=opened, user=editor, opened_version=opened.version)
    stored = Article.objects.get(pk=live_story.pk)
    assert stored.title == "Tiêu đề mới" and stored.is_live_now and stored.live_planned_end


def test_a_new_photo_is_stored_with_the_entry_and_the_library_counts_it_in_use(reporter, live_story):
    photo = Photo(
        image=SimpleUploadedFile("hien-truong.jpg", image_bytes(size=(800, 600)), content_type="image/jpeg"),
        alt_text="Nước tràn qua cầu",
    )
    entry = services.add_live_entry(article=live_story, user=reporter, text="Nước tràn qua cầu.", photo=photo)
    from articles.photos.services import in_use, stories_showing

    assert entry.photo.pk and entry.photo.uploaded_by == reporter
    assert in_use(entry.photo) and list(stories_showing(entry.photo)) == [live_story]


def test_every_change_forgets_the_stored_page(reporter, editor, live_story):
    def generation():
        return StoredPage.objects.filter(pk=live_story.pk).values_list("generation", flat=True).first() or 0

    seen = [generation()]
    entry = services.add_live_entry(article=live_story, user=reporter, text="Một.")
    seen.append(generation())
    services.edit_live_entry(entry=entry, user=reporter, text="Hai.")
    seen.append(generation())
    services.remove_live_entry(entry=entry, user=reporter)
    seen.append(generation())
    services.end_live(article=live_story, user=editor)
    seen.append(generation())
    assert seen == sorted(set(seen)), seen


def test_the_stamp_changes_with_every_entry_and_with_the_end(reporter, editor, live_story):
    def stamp():
        article = Article.objects.get(pk=live_story.pk)
        return coverage_stamp(article, list(article.live_entries.all()))

    stamps = [stamp()]
    entry = services.add_live_entry(article=live_story, user=reporter, text="Một.")
    stamps.append(stamp())
    services.edit_live_entry(entry=entry, user=reporter, text="Hai.")
    stamps.append(stamp())
    services.end_live(article=live_story, user=editor)
    stamps.append(stamp())
    assert len(set(stamps)) == 4


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.text(max_size=400))
def test_any_pasted_text_is_shown_without_markup_that_escapes_the_allow_list(text):
    html = entry_html(text)
    lowered = html.lower()
    assert "<script" not in lowered and "onerror" not in lowered and "javascript:" not in lowered
    assert entry_html(html) == html or "<" in text  # stable once sanitized, for what was typed as plain text


def test_a_given_posting_time_is_kept_within_the_coverage_and_never_in_the_future(reporter, live_story):
    early = services.add_live_entry(
        article=live_story,
        user=reporter,
        text="Trước giờ.",
        posted_at=live_story.live_started_at - timedelta(days=1),
    )
    late = services.add_live_entry(article=live_story, user=reporter, text="Sau giờ.", posted_at=soon(1))
    assert early.created_at == live_story.live_started_at
    assert late.created_at <= timezone.now()


def test_the_demo_paper_has_a_story_covered_live_with_entries_over_the_morning():
    from articles.demo.loader import LIVE, load_demo

    load_demo(password="mat-khau-demo-123")
    story = Article.objects.get(external_id=LIVE.story)
    entries = list(story.live_entries.all())
    assert story.is_live_now and len(entries) == len(LIVE.entries)
    assert [e.created_at for e in entries] == sorted((e.created_at for e in entries), reverse=True)
    assert entries[-1].created_at - story.live_started_at == timedelta(minutes=10)


def test_the_revisions_page_compares_the_entries_word_by_word(reporter, live_story):
    from articles.stories.diff import compare_revisions

    entry = services.add_live_entry(article=live_story, user=reporter, text="Mực nước 3,2 m.")
    services.edit_live_entry(entry=entry, user=reporter, text="Mực nước 3,4 m.")
    old, new = Revision.objects.filter(article=live_story).order_by("-number")[:2][::-1]

    rows = {label: (html, changed) for label, html, changed in compare_revisions(old, new)}
    html, changed = rows["Tin tường thuật trực tiếp"]
    assert changed and "<del>3,2</del><ins>3,4</ins>" in html
    assert rows["Tiêu đề"][1] is False
