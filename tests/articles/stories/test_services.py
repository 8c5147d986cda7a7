"""The story services: the only writers of a story, its status and its publish time."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import Article, ArticleEvent, Revision
from articles.stories import services
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
S = Article.Status


def test_save_article_creates_a_draft_owned_by_its_writer_with_a_first_revision(reporter):
    article = Article(title="Chợ phiên Sìn Hồ", lead="Sapo.", section=SectionFactory())
    article.status, article.published_at = S.PUBLISHED, timezone.now()  # what a forged form might set

    revision = services.save_article(article=article, user=reporter)

    stored = Article.objects.get()
    assert (stored.status, stored.published_at, stored.created_by, stored.version) == (
        S.DRAFT,
        None,
        reporter,
        1,
    )
    assert (revision.number, revision.created_by, revision.title) == (1, reporter, "Chợ phiên Sìn Hồ")


def test_save_article_never_writes_status_or_publish_time(editor):
    article = ArticleFactory(status=S.SUBMITTED, published_at=None)
    article.title, article.status, article.published_at = "Tiêu đề mới", S.PUBLISHED, timezone.now()

    services.save_article(article=article, user=editor, opened_version=article.version)

    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.status, stored.published_at, stored.version) == (
        "Tiêu đề mới",
        S.SUBMITTED,
        None,
        2,
    )
    assert (article.status, article.published_at) == (S.SUBMITTED, None)  # the caller sees what is stored
    assert not ArticleEvent.objects.exists()


def test_save_article_from_an_older_version_is_a_conflict_and_writes_nothing(editor, reporter):
    article = ArticleFactory(title="Bản gốc", created_by=reporter, status=S.DRAFT, published_at=None)
    opened = article.version
    fresh = Article.objects.get(pk=article.pk)
    fresh.title = "Bản của người khác"
    services.save_article(article=fresh, user=reporter, opened_version=opened)

    article.title = "Bản của tôi"
    with pytest.raises(services.EditConflict) as conflict:
        services.save_article(article=article, user=editor, opened_version=opened)

    assert conflict.value.code == "edit_conflict" and "sau khi bạn mở nó" in conflict.value.messages[0]
    assert Article.objects.get(pk=article.pk).title == "Bản của người khác"
    assert Revision.objects.filter(article=article).count() == 1


def test_save_article_refuses_a_reporter_on_someone_elses_story(reporter, editor):
    article = ArticleFactory(title="Bài của biên tập", created_by=editor, status=S.DRAFT, published_at=None)
    article.title = "Sửa trộm"
    with pytest.raises(PermissionDenied):
        services.save_article(article=article, user=reporter)
    assert Article.objects.get(pk=article.pk).title == "Bài của biên tập"
    assert not Revision.objects.exists()


def test_save_article_keeps_featured_and_comments_for_those_without_the_right_to_publish(reporter):
    article = ArticleFactory(created_by=reporter, status=S.DRAFT, published_at=None, featured=False)
    article.featured, article.comments_open = True, False
    services.save_article(article=article, user=reporter)
    stored = Article.objects.get(pk=article.pk)
    assert (stored.featured, stored.comments_open) == (False, True)


def test_set_publication_needs_a_time_for_a_live_status_and_logs_the_system():
    article = ArticleFactory(status=S.DRAFT, published_at=None)
    with pytest.raises(ValidationError) as refused:
        services.set_publication(article=article, status=S.PUBLISHED, published_at=None)
    assert refused.value.code == "publish_time_required"

    moment = timezone.now()
    event = services.set_publication(article=article, status=S.PUBLISHED, published_at=moment)
    assert (event.actor, event.action, event.to_status) == (None, "import", S.PUBLISHED)
    assert services.set_publication(article=article, status=S.PUBLISHED, published_at=moment) is None


def test_workflow_step_on_a_story_changed_since_it_was_opened_is_refused(client, editor, reporter):
    article = ArticleFactory(status=S.SUBMITTED, published_at=None, created_by=reporter)
    opened = article.version
    article.title = "Phóng viên sửa thêm"
    services.save_article(article=article, user=editor, opened_version=opened)

    client.force_login(editor)
    response = client.post(
        f"/quan-tri/articles/article/{article.pk}/quy-trinh/",
        {"action": "publish", "version": opened},
        follow=True,
    )

    assert "sau khi bạn mở nó" in response.text
    assert Article.objects.get(pk=article.pk).status == S.SUBMITTED


def test_workflow_step_is_a_post_only_screen(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    assert client.get(f"/quan-tri/articles/article/{article.pk}/quy-trinh/").status_code == 405
