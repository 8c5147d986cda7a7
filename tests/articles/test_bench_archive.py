"""make_bench_archive: the counts it promises, the derived columns save() would write, pages on the result."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F

from articles.models import Article, ArticlePhoto, Photo, RelatedArticle, Section, Tag
from articles.stories.models import normalize_photo_placeholders
from comments.models import Comment
from newsroom.common.sanitizer import sanitize_html
from newsroom.common.text import search_columns, slugify_vi
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

STORIES = 30


@pytest.fixture
def archive():
    out = io.StringIO()
    call_command("make_bench_archive", stories=STORIES, seed=7, batch_size=12, stdout=out)
    return out.getvalue()


def test_archive_counts_match_what_the_command_promises(archive):
    assert Article.objects.count() == STORIES
    assert "Đã tạo 30 bài và 750 bình luận" in archive
    assert Section.objects.count() == 12
    assert Tag.objects.count() == 300
    assert Photo.objects.count() == 12  # a small pool, reused
    per_story = Article.objects.annotate(
        photos=Count("body_photos", distinct=True),
        related_count=Count("related_links", distinct=True),
        comments_made=Count("comments", distinct=True),
        tag_count=Count("tags", distinct=True),
        author_count=Count("article_authors", distinct=True),
    )
    for story in per_story:
        assert story.photos == 3
        assert story.related_count == 10
        assert story.comments_made == 25
        assert 2 <= story.tag_count <= 5
        assert story.author_count >= 1
    assert not RelatedArticle.objects.filter(from_article=F("to_article")).exists()
    approved = Comment.objects.filter(status=Comment.Status.APPROVED).count()
    assert approved > Comment.objects.count() * 0.75  # most approved
    assert ArticlePhoto.objects.values("article", "position").distinct().count() == STORIES * 3


def test_archive_spreads_stories_over_years_with_diacritics(archive):
    published = Article.objects.filter(published_at__isnull=False)
    years = {story.published_at.year for story in published}
    assert len(years) >= 5
    titles = " ".join(Article.objects.values_list("title", flat=True))
    assert any(char in titles for char in "ăâđêôơư")
    assert all(story.cover_photo_id for story in Article.objects.all())


def test_archive_derived_columns_equal_what_save_computes(archive):
    for story in Article.objects.order_by("?")[:5]:
        assert story.slug == (slugify_vi(story.title) or "bai-viet")
        assert story.body == normalize_photo_placeholders(sanitize_html(story.body))
        assert (story.search_title, story.search_text, story.search_exact) == search_columns(
            story.title, story.lead, story.body
        )
        stored = (story.slug, story.body, story.search_title, story.search_text, story.search_exact)
        story.save()  # what Article.save() derives, written back: nothing changes
        story.refresh_from_db()
        assert (story.slug, story.body, story.search_title, story.search_text, story.search_exact) == stored


def test_archive_with_few_stories_relates_to_all_others():
    call_command("make_bench_archive", stories=4, stdout=io.StringIO())
    counts = Article.objects.annotate(n=Count("related_links")).values_list("n", flat=True)
    assert list(counts) == [3, 3, 3, 3]


def test_archive_site_answers_on_the_result(archive, client):
    assert client.get("/").status_code == 200
    story = Article.objects.published().select_related("section").first()
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    assert story.title in page.content.decode()
    assert client.get(story.section.get_absolute_url()).status_code == 200
    found = client.get("/tim-kiem/", {"q": "nong nghiep"})
    assert found.status_code == 200
    assert "nông nghiệp" in found.content.decode().casefold()
    assert client.get("/tim-kiem/", {"q": "Lai Châu"}).status_code == 200


def test_archive_ids_continue_after_the_archive(archive):
    # The command gives ids itself: the database's counter must have moved past them.
    story = ArticleFactory()
    assert story.pk > max(Article.objects.exclude(pk=story.pk).values_list("pk", flat=True))


def test_archive_refuses_a_database_with_stories():
    ArticleFactory()
    with pytest.raises(CommandError, match="đã có 1 bài viết"):
        call_command("make_bench_archive", stories=3, stdout=io.StringIO())
    assert Article.objects.count() == 1


def test_archive_force_adds_to_a_database_with_stories():
    ArticleFactory()
    call_command("make_bench_archive", stories=3, force=True, stdout=io.StringIO())
    assert Article.objects.count() == 4


def test_archive_refuses_nonsense_counts():
    with pytest.raises(CommandError, match="số dương"):
        call_command("make_bench_archive", stories=0, stdout=io.StringIO())


@pytest.mark.postgresql
def test_archive_rebuilds_the_search_indexes_and_keeps_the_statement_timeout():
    from django.db import connection

    def state():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef ~ ' USING (gin|gist) '",
                [Article._meta.db_table],
            )
            indexes = sorted(name for (name,) in cursor.fetchall())
            cursor.execute("SHOW statement_timeout")
            return indexes, cursor.fetchone()[0]

    before = state()
    assert before[0]  # the trigram (or full-text) indexes of search
    call_command("make_bench_archive", stories=3, stdout=io.StringIO())
    assert state() == before
