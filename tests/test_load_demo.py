"""`manage.py load_demo`: the demo paper it builds, its accounts, its photos, and that a second run changes nothing."""

import hashlib
import re
import unicodedata
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from PIL import Image

from articles import demo
from articles.models import Article, ArticleAuthor, ArticlePhoto, Author, Photo, RelatedArticle, Section, Tag

USERNAMES = ("thuky", "bientap", "phongvien", "kiemduyet", "admin")


@pytest.fixture
def demo_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DEBUG = True
    # Four accounts get a password on every run; the default hasher would dominate the test time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


def run_load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


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
            Group,
            get_user_model(),
        )
    }


@pytest.mark.django_db
def test_load_demo_creates_public_drafts_and_scheduled_articles(demo_settings):
    run_load_demo()

    now = timezone.now()
    assert Article.objects.published().count() >= 35
    assert Article.objects.filter(status=Article.Status.DRAFT, published_at=None).count() == 2
    assert Article.objects.filter(status=Article.Status.SCHEDULED, published_at__gt=now).count() == 1
    assert not Article.objects.published().filter(published_at__lt=now - timedelta(days=61)).exists()
    assert set(Article.objects.values_list("external_id", flat=True)) == {
        demo.external_id(index) for index in range(len(demo.STORIES))
    }


@pytest.mark.django_db
def test_load_demo_spreads_articles_over_sections_and_authors(demo_settings):
    run_load_demo()

    assert 6 <= Section.objects.active().count() <= 8
    assert list(Section.objects.values_list("position", flat=True)) == list(
        range(1, Section.objects.count() + 1)
    )
    assert 6 <= Author.objects.count() <= 10
    for section in Section.objects.all():
        assert section.articles.count() >= 4, section
    for article in Article.objects.prefetch_related("article_authors", "tags"):
        assert 1 <= len(article.article_authors.all()) <= 2
        assert 1 <= len(article.tags.all()) <= 3
    assert Author.objects.get(name="Thu Hà").user.username == "bientap"
    assert Author.objects.get(name="Minh Anh").user.username == "phongvien"


@pytest.mark.django_db
def test_load_demo_accounts_have_their_roles(demo_settings):
    run_load_demo()
    users = {user.username: user for user in get_user_model().objects.filter(username__in=USERNAMES)}

    assert all(user.is_staff and user.is_active for user in users.values())
    assert all(user.first_name and user.last_name for user in users.values())
    managing, editor, reporter, moderator = (
        users[name] for name in ("thuky", "bientap", "phongvien", "kiemduyet")
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
    assert reporter.has_perm("articles.view_section") and reporter.has_perm("articles.view_tag")
    assert not reporter.has_perm("articles.delete_article")
    assert not reporter.has_perm("articles.change_section")
    assert not [perm for perm in moderator.get_all_permissions() if perm.startswith("articles.")]
    assert not editor.is_superuser and not reporter.is_superuser and not moderator.is_superuser
    assert users["admin"].is_superuser


@pytest.mark.django_db
def test_load_demo_prints_working_passwords(demo_settings):
    output = run_load_demo()

    passwords = passwords_in(output)
    assert set(passwords) == set(USERNAMES)
    for user in get_user_model().objects.filter(username__in=USERNAMES):
        assert user.check_password(passwords[user.username]), user.username
    assert "http://127.0.0.1:8000/quan-tri/" in output
    for role in ("Biên tập viên", "Phóng viên", "Kiểm duyệt viên", "Quản trị"):
        assert role in output
    assert "chuyên mục" in output and "bài viết" in output and "ảnh" in output


@pytest.mark.django_db
def test_load_demo_photos_are_valid_jpegs(demo_settings):
    run_load_demo()

    photos = list(Photo.objects.all())
    assert photos
    for photo in photos:
        with photo.image.open("rb") as file:
            data = file.read()
        assert hashlib.sha256(data).hexdigest() == photo.checksum
        with Image.open(photo.image.path) as image:
            assert image.format == "JPEG"
            assert image.size == (photo.width, photo.height) == demo.PHOTO_SIZE
        assert str(demo_settings.MEDIA_ROOT) in photo.image.path
    assert len({photo.checksum for photo in photos}) == len(photos)


@pytest.mark.django_db
def test_load_demo_articles_have_cover_and_captioned_body_photos(demo_settings):
    run_load_demo()

    for article in Article.objects.filter(status=Article.Status.PUBLISHED).for_page():
        assert article.cover_photo is not None, article
        uses = list(article.body_photos.all())
        assert 1 <= len(uses) <= 2
        assert all(use.caption and use.credit for use in uses)
        assert all(use.photo_id != article.cover_photo_id for use in uses)
        html = article.render_body()
        assert html.count("<figure") == len(uses)
        assert html.count("<figcaption>") == len(uses)
        assert "data-photo" not in html and "[ảnh" not in html
        for use in uses:
            assert f"<p>[ảnh {use.position}]</p>" in article.body
        assert 4 <= article.body.count("<p>") - len(uses) <= 8


@pytest.mark.django_db
def test_load_demo_related_articles_are_earlier_and_nearby(demo_settings):
    run_load_demo()
    order = [section.slug for section in Section.objects.order_by("position")]

    links = RelatedArticle.objects.select_related("from_article__section", "to_article__section")
    assert links.exists()
    for link in links:
        here, there = order.index(link.from_article.section.slug), order.index(link.to_article.section.slug)
        assert abs(here - there) <= 1
        assert link.to_article.is_public
    for article in Article.objects.prefetch_related("related_links"):
        positions = [link.position for link in article.related_links.all()]
        assert positions == list(range(1, len(positions) + 1))
        assert len(positions) <= 3


@pytest.mark.django_db
def test_load_demo_text_is_nfc_without_the_paper_mark(demo_settings):
    run_load_demo()

    for title, lead, body in Article.objects.values_list("title", "lead", "body"):
        assert unicodedata.is_normalized("NFC", title)
        assert unicodedata.is_normalized("NFC", lead)
        assert unicodedata.is_normalized("NFC", body)
        assert not lead.startswith("(")
    # The fields normalise on save; the source itself must be NFC too, so searches in it behave.
    for story in demo.STORIES:
        assert unicodedata.is_normalized("NFC", story.title + story.lead + "".join(story.details))
    assert len({story.title for story in demo.STORIES}) == len(demo.STORIES)


@pytest.mark.django_db
def test_load_demo_twice_keeps_counts_and_changes_passwords(demo_settings):
    first = run_load_demo()
    before = counts()
    files_before = sorted(path.name for path in demo_settings.MEDIA_ROOT.rglob("*.jpg"))

    second = run_load_demo()

    assert counts() == before
    assert sorted(path.name for path in demo_settings.MEDIA_ROOT.rglob("*.jpg")) == files_before
    first_passwords, second_passwords = passwords_in(first), passwords_in(second)
    assert all(first_passwords[name] != second_passwords[name] for name in USERNAMES)


@pytest.mark.django_db
def test_load_demo_restores_photo_files_missing_from_media(demo_settings):
    run_load_demo()
    photo = Photo.objects.first()
    photo.image.delete(save=False)

    run_load_demo()

    photo.refresh_from_db()
    assert photo.image.storage.exists(photo.image.name)
    assert Photo.objects.count() == len(demo.SCENES) * demo.PHOTOS_PER_SCENE


@pytest.mark.django_db
def test_load_demo_refuses_when_debug_is_off(demo_settings):
    demo_settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        run_load_demo()

    assert not Article.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_load_demo_runs_with_force_when_debug_is_off(demo_settings):
    demo_settings.DEBUG = False

    output = run_load_demo("--force")

    assert Article.objects.published().count() >= 35
    assert all(username in output for username in USERNAMES)
