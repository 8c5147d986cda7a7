"""`manage.py load_demo`: the demo paper it imports, its accounts and photos, what it seeds, and that it loads once.

The demo is loaded once for the module, inside a transaction rolled back at the end (like Django's
``setUpTestData``); each test runs in a savepoint of it, so a test that edits or reloads leaves no trace.
"""

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.demo import loader, painter
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleEvent,
    ArticlePhoto,
    Author,
    Correction,
    Photo,
    RelatedArticle,
    Revision,
    Section,
    Tag,
)
from articles.stories.services import save_article
from comments.models import Comment, CommentReport, ModerationDecision
from newsroom.common.dates import VIETNAM
from tests.factories import ArticleFactory, ensure_roles

USERNAMES = ("thuky", "bientap", "phongvien", "kiemduyet", "admin")
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORIES = [json.loads(line) for line in loader.STORIES_FILE.read_text(encoding="utf-8").splitlines()]
PHOTO_FILES = {photo["file"] for story in STORIES for photo in story["photos"]}


@dataclass(frozen=True)
class LoadedDemo:
    output: str
    errors: str
    media: Path


def run_load_demo(*args):
    out, err = StringIO(), StringIO()
    call_command("load_demo", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo as `make run` loads it into an empty database, once for every test of this module."""
    media = tmp_path_factory.mktemp("demo-media")
    with (
        override_settings(MEDIA_ROOT=media, DEBUG=True, DEMO_PASSWORD="", PASSWORD_HASHERS=FAST_HASHER),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        ensure_roles()
        output, errors = run_load_demo()
        yield LoadedDemo(output=output, errors=errors, media=media)
        transaction.set_rollback(True)


@pytest.fixture
def demo_settings(demo, db, settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = ""  # a developer's .env may set one
    return settings


def passwords_in(output):
    """The password column of the accounts table, by username."""
    return {
        match["username"]: match["password"]
        for match in re.finditer(r"^\s*(?P<username>\w+)\s{2,}.+?\s{2,}(?P<password>\S+)\s*$", output, re.M)
        if match["username"] in USERNAMES
    }


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Section,
            Author,
            Tag,
            Photo,
            Article,
            ArticleAuthor,
            ArticlePhoto,
            RelatedArticle,
            Revision,
            ArticleEvent,
            Correction,
            Comment,
            CommentReport,
            ModerationDecision,
            Group,
            get_user_model(),
        )
    }


def users():
    return {user.username: user for user in get_user_model().objects.filter(username__in=USERNAMES)}


# --- What one load on an empty database makes --------------------------------------------------------------


def test_load_demo_creates_public_drafts_and_scheduled_articles(demo, db):
    now = timezone.now()
    assert Article.objects.published().count() == 42
    assert Article.objects.filter(status=Article.Status.DRAFT, published_at=None).count() == 2
    assert Article.objects.filter(status=Article.Status.SCHEDULED, published_at__gt=now).count() == 1
    assert not Article.objects.published().filter(published_at__lt=now - timedelta(days=61)).exists()
    assert set(Article.objects.values_list("external_id", flat=True)) == {
        f"demo-{number:03d}" for number in range(1, 46)
    }
    assert "45 bài viết (42 đã đăng, 2 bản nháp, 1 hẹn giờ)" in demo.output
    assert demo.errors == ""  # no import warnings


def test_load_demo_moves_the_file_dates_to_today(demo, db):
    today = timezone.localdate(timezone=VIETNAM)
    # In the file, demo-013 was published the day before 2026-12-01 and demo-045 is due two days after.
    latest = Article.objects.get(external_id="demo-013").published_at.astimezone(VIETNAM)
    scheduled = Article.objects.get(external_id="demo-045").published_at.astimezone(VIETNAM)

    assert latest.date() == today - timedelta(days=1)
    assert latest.time().isoformat() == "19:55:00"
    assert (scheduled.date(), scheduled.hour) == (today + timedelta(days=2), 7)


def test_load_demo_spreads_articles_over_sections_and_authors(demo, db):
    assert Section.objects.active().count() == 7
    assert list(Section.objects.values_list("position", flat=True)) == list(range(1, 8))
    assert all(Section.objects.values_list("description", flat=True))
    assert Section.objects.get(name="Quốc phòng – An ninh").slug == "quoc-phong-an-ninh"
    assert Author.objects.count() == 8
    assert all(Author.objects.values_list("bio", flat=True))
    for section in Section.objects.all():
        assert section.articles.count() >= 4, section
    for article in Article.objects.prefetch_related("article_authors", "tags"):
        assert 1 <= len(article.article_authors.all()) <= 2
        assert 1 <= len(article.tags.all()) <= 3
    assert Author.objects.get(name="Thu Hà").user.username == "bientap"
    assert Author.objects.get(name="Minh Anh").user.username == "phongvien"


def test_load_demo_gives_drafts_and_scheduled_stories_to_the_reporter(demo, db):
    owners = {}
    for status, username in Article.objects.values_list("status", "created_by__username"):
        owners.setdefault(status, set()).add(username)

    assert owners == {
        Article.Status.PUBLISHED: {"bientap"},
        Article.Status.SCHEDULED: {"phongvien"},
        Article.Status.DRAFT: {"phongvien"},
    }


def test_load_demo_accounts_have_their_roles(demo, db):
    accounts = users()

    assert all(user.is_staff and user.is_active for user in accounts.values())
    assert all(user.first_name and user.last_name for user in accounts.values())
    managing, editor, reporter, moderator = (
        accounts[name] for name in ("thuky", "bientap", "phongvien", "kiemduyet")
    )
    assert [group.name for group in managing.groups.all()] == ["Thư ký tòa soạn"]
    assert [group.name for group in editor.groups.all()] == ["Biên tập viên"]
    assert [group.name for group in reporter.groups.all()] == ["Phóng viên"]
    assert [group.name for group in moderator.groups.all()] == ["Kiểm duyệt viên"]
    assert managing.has_perm("articles.takedown_article") and managing.has_perm("articles.change_section")
    assert editor.has_perm("articles.publish_article") and not editor.has_perm("articles.takedown_article")
    assert moderator.has_perm("comments.moderate_comment")
    assert reporter.has_perm("articles.add_article") and reporter.has_perm("articles.change_articlephoto")
    assert not reporter.has_perm("articles.publish_article")
    assert not [perm for perm in moderator.get_all_permissions() if perm.startswith("articles.")]
    assert not any(accounts[name].is_superuser for name in ("thuky", "bientap", "phongvien", "kiemduyet"))
    assert accounts["admin"].is_superuser and not accounts["admin"].groups.exists()


def test_load_demo_prints_passwords_that_sign_in(demo, db, client):
    passwords = passwords_in(demo.output)

    assert set(passwords) == set(USERNAMES)
    assert len(set(passwords.values())) == len(USERNAMES)  # random, one per account
    assert "đặt DEMO_PASSWORD trong .env" in demo.output
    for username, password in passwords.items():
        # Through the real sign-in page, as a person would (django-axes counts it).
        signed_in = client.post(reverse("admin:login"), {"username": username, "password": password})
        assert signed_in.status_code == 302, username
        assert client.get(reverse("admin:index")).status_code == 200
        client.logout()
    assert "http://127.0.0.1:8000/quan-tri/" in demo.output
    for role in ("Thư ký tòa soạn", "Biên tập viên", "Phóng viên", "Kiểm duyệt viên", "Quản trị"):
        assert role in demo.output


def test_load_demo_photos_are_valid_jpegs_stored_once(demo, db, settings):
    settings.MEDIA_ROOT = demo.media

    photos = list(Photo.objects.all())
    assert len(photos) == len(PHOTO_FILES) == 21
    assert len({photo.checksum for photo in photos}) == len(photos)
    for photo in photos:
        # The checksum is the painted file's (what an import meets again); the stored original is that
        # file re-encoded by the photo service.
        source = re.sub(r"_\w+(?=\.jpg$)", "", Path(photo.image.name).name)
        assert hashlib.sha256(painter.paint_file(source)).hexdigest() == photo.checksum
        with Image.open(photo.image.path) as image:
            assert image.format == "JPEG"
            assert image.size == (photo.width, photo.height) == painter.PHOTO_SIZE
        assert photo.image.path.startswith(str(demo.media))
        assert re.fullmatch(r"lai-chau-[a-z-]+-\d(_\w+)?\.jpg", Path(photo.image.name).name)


def test_load_demo_articles_have_their_photos_in_the_body(demo, db, client):
    for article in Article.objects.published().for_page():
        uses = list(article.body_photos.all())
        assert 1 <= len(uses) <= 2
        assert article.cover_photo_id == uses[0].photo_id
        assert all(use.caption and use.credit and use.alt_text for use in uses)
        for use in uses:
            assert article.body.count(f"<p>[ảnh {use.position}]</p>") == 1
        assert 4 <= article.body.count("<p>") - len(uses) <= 8
        assert [item for kind, item in article.body_blocks() if kind == "photo"] == uses
    page = client.get(Article.objects.get(external_id="demo-002").get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<figcaption>") == 2 and "[ảnh" not in html
    assert "Người dân xã Tả Phìn phát biểu ý kiến." in html


def test_load_demo_related_articles_are_earlier_and_nearby(demo, db):
    order = [section.slug for section in Section.objects.order_by("position")]

    links = RelatedArticle.objects.select_related("from_article__section", "to_article__section")
    assert links.count() == sum(len(story["related"]) for story in STORIES) > 0
    for link in links:
        here, there = order.index(link.from_article.section.slug), order.index(link.to_article.section.slug)
        assert abs(here - there) <= 1
        assert link.to_article.is_public
        if link.from_article.published_at:
            assert link.to_article.published_at < link.from_article.published_at
    for article in Article.objects.prefetch_related("related_links"):
        positions = [link.position for link in article.related_links.all()]
        assert positions == list(range(1, len(positions) + 1))
        assert len(positions) <= 3


def test_load_demo_text_is_nfc_without_the_paper_mark(demo, db):
    for title, lead, body in Article.objects.values_list("title", "lead", "body"):
        assert unicodedata.is_normalized("NFC", title + lead + body)
        assert not lead.startswith("(")
    # The file itself is NFC too, so a search in it finds what the site finds.
    assert unicodedata.is_normalized("NFC", loader.STORIES_FILE.read_text(encoding="utf-8"))
    assert len({story["title"] for story in STORIES}) == len(STORIES)


def test_load_demo_writes_every_story_through_the_services(demo, db):
    for article in Article.objects.prefetch_related("revisions", "events"):
        revisions = sorted(article.revisions.all(), key=lambda revision: revision.number)
        assert revisions[0].number == 1 and revisions[0].source == Revision.Source.IMPORT, article
        assert revisions[0].created_by is None
        imports = [event for event in article.events.all() if event.action == "import"]
        if article.status == Article.Status.DRAFT:
            # A new story is already a draft, so set_publication has nothing to change and logs nothing.
            assert imports == []
        else:
            assert len(imports) == 1, article
            assert imports[0].actor is None and imports[0].from_status == Article.Status.DRAFT
            assert imports[0].to_status == article.status


def test_load_demo_seeds_comments_a_report_a_revision_and_a_correction(demo, db):
    moderator = get_user_model().objects.get(username="kiemduyet")
    statuses = list(Comment.objects.filter(staff_author=None).values_list("status", flat=True))

    assert sorted(statuses) == sorted(["approved"] * 4 + ["pending"] * 2 + ["rejected", "spam"])
    assert Comment.objects.filter(status="pending", article__status=Article.Status.PUBLISHED).count() == 2
    decided = Comment.objects.exclude(status="pending").filter(staff_author=None)
    assert all(comment.decisions.get().moderator == moderator for comment in decided)
    reply = Comment.objects.get(staff_author=moderator)
    assert reply.parent.status == "approved" and reply.status == "approved"
    report = CommentReport.objects.get()
    assert report.comment.status == "approved" and report.resolved_at is None
    assert Comment.objects.filter(flags__code="link", status="spam").exists()

    edited = Article.objects.get(external_id=loader.EDIT.story)
    second = edited.revisions.get(number=2)
    assert (second.source, second.created_by.username) == (Revision.Source.NEWSROOM, "bientap")
    assert edited.lead == second.lead == loader.EDIT.lead != edited.revisions.get(number=1).lead
    assert edited.version == 2
    correction = Correction.objects.get()
    assert correction.article.external_id == loader.CORRECTION.story
    assert correction.created_by.username == "thuky"
    assert ArticleEvent.objects.get(action="correct").actor == correction.created_by
    assert "9 bình luận" in demo.output


def test_load_demo_gives_every_screen_something_to_show(demo, db, client):
    found = client.get(reverse("articles:search"), {"q": "chè"}).content.decode()
    assert Article.objects.get(external_id="demo-013").get_absolute_url() in found
    reader_pages = [reverse("articles:home")]
    reader_pages += [section.get_absolute_url() for section in Section.objects.all()]
    reader_pages += [author.get_absolute_url() for author in Author.objects.all()]
    reader_pages += [tag.get_absolute_url() for tag in Tag.objects.all()[:5]]
    reader_pages += [article.get_absolute_url() for article in Article.objects.published()]
    for url in reader_pages:
        assert client.get(url).status_code == 200, url

    accounts = users()
    edited = Article.objects.get(external_id=loader.EDIT.story)
    staff_pages = {
        "kiemduyet": [reverse("comments:queue"), reverse("comments:reports"), reverse("comments:log")],
        "bientap": [
            reverse("admin:articles_article_changelist"),
            reverse("admin:articles_article_revisions", args=[edited.pk]),
        ],
        "phongvien": [reverse("admin:articles_article_changelist")],
        "thuky": [reverse("admin:articles_article_change", args=[edited.pk])],
    }
    for username, urls in staff_pages.items():
        client.force_login(accounts[username])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (username, url)
    client.force_login(accounts["kiemduyet"])
    assert "Giàng Thị Mỷ" in client.get(reverse("comments:queue")).content.decode()
    assert "Trần Minh Đức" in client.get(reverse("comments:reports")).content.decode()


# --- Running it again ----------------------------------------------------------------------------------------


def test_load_demo_again_keeps_what_an_editor_changed(demo, demo_settings):
    editor = get_user_model().objects.get(username="bientap")
    article = Article.objects.get(external_id="demo-003")
    article.title = "Phong Thổ đối thoại với thanh niên: 200 kiến nghị được trả lời"
    save_article(article=article, user=editor)
    before = counts()

    output, errors = run_load_demo()

    assert "đã có 45 bài viết: không thay đổi gì" in output and "--reset" in output
    assert errors == ""
    assert counts() == before
    assert Article.objects.get(external_id="demo-003").title == article.title
    passwords = passwords_in(demo.output)
    assert all(user.check_password(passwords[name]) for name, user in users().items())
    assert not passwords_in(output)  # random passwords are not known any more, so none is printed


def test_load_demo_again_prints_the_demo_password(demo_settings):
    demo_settings.DEMO_PASSWORD = "mat-khau-mau-co-dinh"
    for user in users().values():
        user.set_password("mat-khau-mau-co-dinh")
        user.save()
    changed = users()["admin"]
    changed.set_password("admin-tu-dat")
    changed.save()

    output, _errors = run_load_demo()

    assert "không thay đổi gì" in output and "DEMO_PASSWORD" in output
    assert passwords_in(output) == {name: "mat-khau-mau-co-dinh" for name in USERNAMES if name != "admin"}


def test_load_demo_reset_starts_over(demo, demo_settings):
    before = counts()
    editor = get_user_model().objects.get(username="bientap")
    article = Article.objects.get(external_id="demo-003")
    original_title = article.title
    article.title = "Tiêu đề biên tập viên đã sửa"
    save_article(article=article, user=editor)
    ArticleFactory(title="Bài không thuộc bản mẫu", section=Section.objects.create(name="Chuyên mục lạ"))
    Tag.objects.create(name="Thẻ lạ")
    old_passwords = passwords_in(demo.output)

    output, errors = run_load_demo("--reset")

    assert "Đã nạp dữ liệu mẫu." in output and errors == ""
    assert counts() == before
    assert Article.objects.get(external_id="demo-003").title == original_title
    assert not Article.objects.filter(external_id=None).exists()
    assert not Section.objects.filter(name="Chuyên mục lạ").exists()
    assert not Tag.objects.filter(name="Thẻ lạ").exists()
    assert Article.objects.get(external_id="demo-003").revisions.count() == 1
    new_passwords = passwords_in(output)
    assert all(new_passwords[name] != old_passwords[name] for name in USERNAMES)


def test_load_demo_password_setting_fixes_every_password(demo_settings):
    demo_settings.DEMO_PASSWORD = "mat-khau-mau-co-dinh"

    output, _errors = run_load_demo("--reset")

    assert passwords_in(output) == {name: "mat-khau-mau-co-dinh" for name in USERNAMES}
    assert "DEMO_PASSWORD trong .env" in output
    assert all(user.check_password("mat-khau-mau-co-dinh") for user in users().values())


def test_load_demo_password_argument_wins_over_the_setting(demo_settings):
    demo_settings.DEMO_PASSWORD = "tu-cai-dat"

    summary = loader.load_demo(reset=True, password="tu-tham-so")

    assert summary.loaded and summary.password_source == loader.PasswordSource.ARGUMENT
    assert {account.password for account in summary.accounts} == {"tu-tham-so"}
    assert (summary.articles, summary.public, summary.drafts, summary.scheduled) == (45, 42, 2, 1)


# --- Production guard ----------------------------------------------------------------------------------------


def test_load_demo_refuses_when_debug_is_off(demo_settings):
    demo_settings.DEBUG = False
    before = counts()

    with pytest.raises(CommandError, match="--force"):
        run_load_demo("--reset")

    assert counts() == before


def test_load_demo_runs_with_force_when_debug_is_off(demo_settings):
    demo_settings.DEBUG = False

    output, _errors = run_load_demo("--force", "--reset")

    assert Article.objects.published().count() == 42
    assert set(passwords_in(output)) == set(USERNAMES)
