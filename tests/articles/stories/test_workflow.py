"""The editorial workflow: who may do what, what readers see when, and that no editor's work is lost."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article, Photo
from articles.stories import services
from articles.stories.history import ArticleEvent, Correction, Revision
from tests.factories import ArticleFactory, SectionFactory, image_bytes, staff_user

pytestmark = pytest.mark.django_db
S = Article.Status


def _draft(owner, **kwargs):
    return ArticleFactory(draft=True, created_by=owner, **kwargs)


# --- Transitions per role -------------------------------------------------------------------------------

ALLOWED = [
    ("reporter", S.DRAFT, "submit", S.SUBMITTED),
    ("reporter", S.RETURNED, "submit", S.SUBMITTED),
    ("editor", S.SUBMITTED, "return", S.RETURNED),
    ("editor", S.SUBMITTED, "publish", S.PUBLISHED),
    ("editor", S.SUBMITTED, "schedule", S.SCHEDULED),
    ("editor", S.DRAFT, "publish", S.PUBLISHED),
    ("editor", S.SCHEDULED, "return", S.RETURNED),
    ("managing_editor", S.SUBMITTED, "publish", S.PUBLISHED),
    ("managing_editor", S.PUBLISHED, "take_down", S.TAKEN_DOWN),
    ("managing_editor", S.SCHEDULED, "take_down", S.TAKEN_DOWN),
]

REFUSED_RIGHTS = [
    ("reporter", S.SUBMITTED, "publish"),
    ("reporter", S.DRAFT, "publish"),
    ("reporter", S.DRAFT, "schedule"),
    ("reporter", S.SUBMITTED, "return"),
    ("reporter", S.PUBLISHED, "take_down"),
    ("editor", S.PUBLISHED, "take_down"),
    ("moderator", S.DRAFT, "submit"),
    ("moderator", S.SUBMITTED, "publish"),
]

REFUSED_STATES = [
    ("editor", S.PUBLISHED, "submit"),
    ("editor", S.PUBLISHED, "publish"),
    ("editor", S.DRAFT, "return"),
    ("managing_editor", S.DRAFT, "take_down"),
    ("managing_editor", S.TAKEN_DOWN, "publish"),
]


def _article_in(status, owner):
    published_at = {
        S.PUBLISHED: timezone.now() - timedelta(hours=1),
        S.SCHEDULED: timezone.now() + timedelta(hours=3),
        S.TAKEN_DOWN: timezone.now() - timedelta(days=1),
    }.get(status)
    return ArticleFactory(status=status, published_at=published_at, created_by=owner)


@pytest.mark.parametrize(("role", "start", "action", "end"), ALLOWED)
def test_allowed_transition_moves_the_article_and_is_recorded(request, reporter, role, start, action, end):
    user = request.getfixturevalue(role)
    article = _article_in(start, reporter)
    note = "Cần bổ sung số liệu" if action in {"return", "take_down"} else ""
    publish_at = timezone.now() + timedelta(hours=2) if action == "schedule" else None
    if publish_at:
        Article.objects.filter(pk=article.pk).update(published_at=publish_at)
        article.refresh_from_db()
    services.transition_article(article=article, user=user, action=action, note=note)
    article.refresh_from_db()
    assert article.status == end
    event = ArticleEvent.objects.get()
    assert (event.actor, event.from_status, event.to_status, event.note) == (user, start, end, note)


@pytest.mark.parametrize(("role", "start", "action"), REFUSED_RIGHTS)
def test_transition_without_the_right_is_refused_and_changes_nothing(request, reporter, role, start, action):
    user = request.getfixturevalue(role)
    article = _article_in(start, reporter)
    with pytest.raises(PermissionDenied) as refused:
        services.transition_article(article=article, user=user, action=action, note="lý do")
    assert "không có quyền" in str(refused.value)
    article.refresh_from_db()
    assert article.status == start
    assert not ArticleEvent.objects.exists()


@pytest.mark.parametrize(("role", "start", "action"), REFUSED_STATES)
def test_transition_from_the_wrong_status_is_refused_in_vietnamese(request, reporter, role, start, action):
    user = request.getfixturevalue(role)
    article = _article_in(start, reporter)
    with pytest.raises(ValidationError) as refused:
        services.transition_article(article=article, user=user, action=action, note="lý do")
    assert refused.value.code == "invalid_transition"
    assert "Không thể" in refused.value.messages[0]
    article.refresh_from_db()
    assert article.status == start


def test_reporter_cannot_submit_someone_elses_draft(reporter):
    other = staff_user("phongvien2", "Phóng viên")
    article = _draft(other)
    with pytest.raises(PermissionDenied):
        services.transition_article(article=article, user=reporter, action="submit")


def test_return_and_take_down_need_a_note(editor, managing_editor, reporter):
    submitted = _article_in(S.SUBMITTED, reporter)
    with pytest.raises(ValidationError) as refused:
        services.transition_article(article=submitted, user=editor, action="return", note="  ")
    assert refused.value.code == "note_required"
    live = _article_in(S.PUBLISHED, reporter)
    with pytest.raises(ValidationError):
        services.transition_article(article=live, user=managing_editor, action="take_down")


def test_schedule_in_the_past_is_refused(editor, reporter):
    article = _article_in(S.SUBMITTED, reporter)
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    article.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.transition_article(article=article, user=editor, action="schedule")
    assert refused.value.code == "schedule_in_past"


# --- What readers see -----------------------------------------------------------------------------------


def test_scheduled_article_goes_live_at_its_time_without_any_job(client, editor, reporter):
    article = _article_in(S.SUBMITTED, reporter)
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() + timedelta(hours=1))
    article.refresh_from_db()
    services.transition_article(article=article, user=editor, action="schedule")
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article not in Article.objects.published()
    assert article in Article.objects.published(at=timezone.now() + timedelta(hours=2))
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200
    article.refresh_from_db()
    assert article.shown_status == S.PUBLISHED


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.RETURNED])
def test_unpublished_statuses_are_404_to_readers(client, reporter, status):
    article = _article_in(status, reporter)
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(days=1))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_taken_down_article_answers_410_and_keeps_its_content(client, managing_editor, reporter):
    article = _article_in(S.PUBLISHED, reporter)
    before = (article.title, article.lead, article.body)
    client.get(article.get_absolute_url())  # a reader's cached copy must not survive the takedown
    services.transition_article(article=article, user=managing_editor, action="take_down", note="Sai sự thật")
    from django.core.cache import cache

    cache.clear()  # on_commit purge does not run inside the test transaction; the purge itself is tested elsewhere
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    assert "Bài viết đã được gỡ" in response.text
    assert article.title not in response.text
    article.refresh_from_db()
    assert (article.title, article.lead, article.body) == before
    assert article not in Article.objects.published()


def test_correction_shows_in_dinh_chinh_block_with_update_time(client, managing_editor, reporter):
    article = _article_in(S.PUBLISHED, reporter)
    services.add_correction(article=article, user=managing_editor, text="Số liệu đúng là 11.769 đảng viên.")
    services.add_correction(article=article, user=managing_editor, text="Tên xã đúng là Khun Há.")
    text = client.get(article.get_absolute_url()).text
    block = text[text.index('id="dinh-chinh"') :]
    assert block.index("11.769") < block.index("Khun Há")
    assert "Cập nhật:" in text
    assert list(Correction.objects.values_list("created_by__username", flat=True)) == ["thuky", "thuky"]


@pytest.mark.parametrize("role", ["editor", "reporter"])
def test_only_the_managing_editor_adds_corrections(request, role):
    user = request.getfixturevalue(role)
    article = _article_in(S.PUBLISHED, user)
    with pytest.raises(PermissionDenied):
        services.add_correction(article=article, user=user, text="Đính chính")


# --- Never lose an editor's work ------------------------------------------------------------------------


def _change_form_data(client, article):
    """The change form as the browser would send it back, from the rendered page."""
    page = client.get(f"/quan-tri/articles/article/{article.pk}/change/")
    assert page.status_code == 200, page.status_code
    form = page.context["adminform"].form
    data = {
        "title": form["title"].value(),
        "slug": form["slug"].value(),
        "section": form["section"].value(),
        "lead": form["lead"].value(),
        "body": form["body"].value(),
        "edit_version": form["edit_version"].value(),
    }
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{inline.formset.prefix}-{name}"] = management[name].value()
        data[f"{inline.formset.prefix}-TOTAL_FORMS"] = management["INITIAL_FORMS"].value()
    return data


def test_second_save_from_an_older_version_is_refused_and_keeps_the_text(client, editor, reporter):
    article = _draft(reporter, title="Bản gốc")
    client.force_login(editor)
    first = _change_form_data(client, article)
    second = _change_form_data(client, article)
    assert (
        client.post(
            f"/quan-tri/articles/article/{article.pk}/change/", {**first, "title": "Sửa của người một"}
        ).status_code
        == 302
    )
    response = client.post(
        f"/quan-tri/articles/article/{article.pk}/change/", {**second, "title": "Sửa của người hai"}
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "Sửa của người một"
    assert "đã được Bientap sửa lúc" in response.text
    assert 'value="Sửa của người hai"' in response.text
    # Having merged by hand, the second person saves again, deliberately.
    version = re.search(r'name="edit_version" value="(\d+)"', response.text).group(1)
    again = client.post(
        f"/quan-tri/articles/article/{article.pk}/change/",
        {**second, "title": "Bản đã gộp", "edit_version": version},
    )
    assert again.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bản đã gộp"


def test_every_admin_save_stores_a_revision_and_restore_makes_a_new_one(client, editor, reporter):
    article = _draft(reporter, title="Phiên bản một", body="<p>Nội dung thứ nhất.</p>")
    client.force_login(editor)
    data = _change_form_data(client, article)
    client.post(f"/quan-tri/articles/article/{article.pk}/change/", data)
    data = _change_form_data(client, article)
    client.post(
        f"/quan-tri/articles/article/{article.pk}/change/",
        {**data, "title": "Phiên bản hai", "body": "<p>Nội dung thứ hai.</p>"},
    )
    assert list(Revision.objects.order_by("number").values_list("number", "title")) == [
        (1, "Phiên bản một"),
        (2, "Phiên bản hai"),
    ]
    compare = client.get(f"/quan-tri/articles/article/{article.pk}/phien-ban/?a=1&b=2")
    assert "<del>một</del><ins>hai</ins>" in compare.text
    assert "Nội dung thứ <del>nhất.</del><ins>hai.</ins>" in compare.text
    response = client.post(f"/quan-tri/articles/article/{article.pk}/phien-ban/1/khoi-phuc/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("Phiên bản một", "<p>Nội dung thứ nhất.</p>")
    assert Revision.objects.order_by("-number").first().number == 3
    assert "Khôi phục từ phiên bản #1" in Revision.objects.get(number=3).note


def test_restore_is_refused_to_a_reporter_on_a_published_story(reporter):
    article = _article_in(S.PUBLISHED, reporter)
    revision = services.save_article(article=article, user=None)
    with pytest.raises(PermissionDenied):
        services.restore_revision(revision=revision, user=reporter)


def test_reporter_edits_only_own_drafts_and_returned_articles(client, reporter):
    other = staff_user("phongvien2", "Phóng viên")
    own_draft = _draft(reporter)
    own_submitted = _article_in(S.SUBMITTED, reporter)
    someone_elses = _draft(other)
    client.force_login(reporter)
    assert client.get(f"/quan-tri/articles/article/{own_draft.pk}/change/").context["has_change_permission"]
    for article in (own_submitted, someone_elses):
        response = client.get(f"/quan-tri/articles/article/{article.pk}/change/")
        assert not response.context["has_change_permission"]
        refused = client.post(f"/quan-tri/articles/article/{article.pk}/change/", {"title": "Chiếm quyền"})
        assert refused.status_code == 403
        article.refresh_from_db()
        assert article.title != "Chiếm quyền"


def test_reporter_forging_a_publish_button_gets_a_message_and_nothing_moves(client, reporter):
    article = _draft(reporter)
    client.force_login(reporter)
    response = client.post(
        f"/quan-tri/articles/article/{article.pk}/quy-trinh/",
        {"action": "publish", "version": article.version},
        follow=True,
    )
    assert "không có quyền" in response.text
    article.refresh_from_db()
    assert article.status == S.DRAFT


def test_workflow_history_is_shown_in_vietnamese(client, reporter, editor):
    article = _article_in(S.SUBMITTED, reporter)
    services.transition_article(article=article, user=editor, action="return", note="Thiếu ảnh")
    client.force_login(editor)
    text = client.get(f"/quan-tri/articles/article/{article.pk}/change/").text
    assert "Trả lại phóng viên: Chờ duyệt → Trả lại — “Thiếu ảnh”" in text


def test_workflow_buttons_offered_match_the_role(client, reporter, editor):
    article = _article_in(S.SUBMITTED, reporter)
    client.force_login(editor)
    text = client.get(f"/quan-tri/articles/article/{article.pk}/change/").text
    assert 'value="publish"' in text and 'value="return"' in text and 'value="schedule"' in text
    assert 'value="take_down"' not in text
    client.force_login(reporter)
    draft = _draft(reporter)
    text = client.get(f"/quan-tri/articles/article/{draft.pk}/change/").text
    assert 'value="submit"' in text and 'value="publish"' not in text


# --- Preview --------------------------------------------------------------------------------------------


def test_staff_preview_shows_a_draft_exactly_as_readers_would(client, reporter):
    article = _draft(reporter, title="Bài chưa đăng")
    assert client.get(f"/xem-truoc/{article.pk}/").status_code == 302  # to the login page
    client.force_login(reporter)
    response = client.get(f"/xem-truoc/{article.pk}/")
    assert response.status_code == 200
    assert '<h1 class="article-title">Bài chưa đăng</h1>' in response.text
    assert "Bản xem trước" in response.text


def test_signed_preview_link_works_without_an_account_for_48_hours(client, reporter, settings):
    article = _draft(reporter, title="Bài gửi nguồn tin duyệt")
    token = services.make_preview_token(article)
    assert "Bài gửi nguồn tin duyệt" in client.get(f"/xem-truoc/chia-se/{token}/").text
    assert client.get(f"/xem-truoc/chia-se/{token[:-2]}xx/").status_code == 404
    other = _draft(reporter)
    # Another article's id with this link's timestamp and signature.
    payload = signing.b64_encode(f'{{"a":{other.pk}}}'.encode()).decode()
    forged = f"{payload}:{token.split(':', 1)[1]}"
    assert forged != token
    assert client.get(f"/xem-truoc/chia-se/{forged}/").status_code == 404


def test_signed_preview_link_expires_after_48_hours(client, reporter, monkeypatch):
    article = _draft(reporter)
    token = services.make_preview_token(article)
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 48 * 3600 + 5)
    response = client.get(f"/xem-truoc/chia-se/{token}/")
    assert response.status_code == 410
    assert "hết hạn" in response.text


# --- Uploads --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.gif", "gif", "Định dạng GIF không được chấp nhận"),
        ("anh.jpg", "corrupt", "Tệp không phải là ảnh hợp lệ"),
        ("anh.png", "huge_pixels", "quá nhiều điểm ảnh"),
        ("anh.jpg", "too_large", "Ảnh quá lớn"),
    ],
)
def test_photo_upload_rejections_are_explained(client, editor, settings, name, content, message):
    if content == "gif":
        data = image_bytes(image_format="GIF")
    elif content == "corrupt":
        data = image_bytes()[:200]
    elif content == "huge_pixels":
        settings.PHOTO_MAX_PIXELS = 1000
        data = image_bytes(size=(100, 100), image_format="PNG")
    else:
        settings.PHOTO_MAX_BYTES = 100
        data = image_bytes()
    client.force_login(editor)
    response = client.post(
        "/quan-tri/articles/photo/add/",
        {"image": SimpleUploadedFile(name, data), "caption": "Chú thích giữ lại"},
    )
    assert response.status_code == 200
    assert message in response.text
    assert "Chú thích giữ lại" in response.text
    assert not Photo.objects.exists()


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_photo_upload_accepts_jpeg_png_and_webp(client, editor, image_format):
    client.force_login(editor)
    upload = SimpleUploadedFile(f"anh.{image_format.lower()}", image_bytes(image_format=image_format))
    assert client.post("/quan-tri/articles/photo/add/", {"image": upload}).status_code == 302
    assert Photo.objects.count() == 1


# --- The desk and the list ------------------------------------------------------------------------------


def test_desk_shows_each_persons_lists(client, reporter, editor):
    _draft(reporter, title="Nháp của phóng viên")
    returned = _article_in(S.RETURNED, reporter)
    Article.objects.filter(pk=returned.pk).update(title="Bài bị trả lại")
    submitted = _article_in(S.SUBMITTED, reporter)
    Article.objects.filter(pk=submitted.pk).update(title="Bài chờ duyệt")
    soon = _article_in(S.SCHEDULED, reporter)
    Article.objects.filter(pk=soon.pk).update(title="Bài hẹn giờ sớm")
    later = _article_in(S.SCHEDULED, reporter)
    Article.objects.filter(pk=later.pk).update(
        title="Bài hẹn tuần sau", published_at=timezone.now() + timedelta(days=7)
    )
    ArticleFactory(title="Bài vừa đăng")
    from tests.factories import CommentFactory

    CommentFactory(status="pending")

    client.force_login(reporter)
    mine = client.get("/quan-tri/").text
    assert "Nháp của phóng viên" in mine and "Bài bị trả lại" in mine and "Bài vừa đăng" in mine
    assert "Chờ tôi duyệt" not in mine

    client.force_login(editor)
    desk = client.get("/quan-tri/").text
    review = desk[desk.index("Chờ tôi duyệt") :]
    assert "Bài chờ duyệt" in review
    scheduled = desk[desk.index("Hẹn giờ trong 24 giờ tới") :]
    assert "Bài hẹn giờ sớm" in scheduled and "Bài hẹn tuần sau" not in scheduled
    # An editor may not moderate: the comment queue is not on their desk (tests/articles/stories/test_desk.py).
    assert "bình luận đang chờ duyệt" not in desk


def test_desk_query_count_does_not_grow_with_articles(
    client, editor, reporter, django_assert_max_num_queries
):
    client.force_login(editor)
    _article_in(S.SUBMITTED, reporter)
    with django_assert_max_num_queries(30) as captured:
        client.get("/quan-tri/")
    baseline = len(captured)
    for status in (S.SUBMITTED, S.SCHEDULED, S.PUBLISHED) * 4:
        _article_in(status, reporter)
    with django_assert_max_num_queries(baseline):
        client.get("/quan-tri/")


def test_admin_search_ignores_diacritics_and_case(client, editor):
    ArticleFactory(title="Đăng kiểm xe cơ giới", section=SectionFactory(name="Xã hội"))
    ArticleFactory(title="Lễ hội Then Kin Pang")
    client.force_login(editor)
    for query in ("dang kiem", "ĐĂNG KIỂM", "xe co gioi"):
        text = client.get("/quan-tri/articles/article/", {"q": query}).text
        assert "Đăng kiểm xe cơ giới" in text and "Then Kin Pang" not in text, query


def test_admin_list_filters_by_status(client, editor, reporter):
    _article_in(S.SUBMITTED, reporter)
    Article.objects.update(title="Bài đang chờ")
    ArticleFactory(title="Bài đã đăng")
    client.force_login(editor)
    text = client.get("/quan-tri/articles/article/", {"status__exact": "submitted"}).text
    assert "Bài đang chờ" in text and "Bài đã đăng" not in text
