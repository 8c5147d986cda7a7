"""Article.objects.page_story(): for_page()'s query compiled once, rerun with each story's id and the time."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Correction
from newsroom.common.precompiled import PrecompiledQuery
from tests.factories import (
    ArticleFactory,
    SectionFactory,
    add_authors,
    add_body_photos,
    add_related,
    add_tags,
)

pytestmark = pytest.mark.django_db


def _what_the_page_reads(article):
    return {
        "title": article.title,
        "section": article.section.name,
        "byline": [author.name for author in article.byline],
        "tags": [tag.name for tag in article.tags.all()],
        "corrections": [correction.text for correction in article.corrections.all()],
        "photos": [(use.photo.pk, use.caption) for use in article.body_photos.all()],
        "related": [story.pk for story in article.related_stories()],
    }


def _full_story(**kwargs):
    article = ArticleFactory(**kwargs)
    add_authors(article, 2)
    add_tags(article, 3)
    add_body_photos(article, 2)
    add_related(article, 3)
    editor, _created = get_user_model().objects.get_or_create(username="thu-ky")
    Correction.objects.create(article=article, text="Sửa tên xã cho đúng.", created_by=editor)
    return article


def test_page_story_reads_what_for_page_reads_for_every_story():
    first, second = _full_story(), _full_story()
    for story in (first, second, first):  # the second and third calls reuse the compiled text
        loaded = Article.objects.page_story(story.pk)
        assert loaded.pk == story.pk
        assert _what_the_page_reads(loaded) == _what_the_page_reads(
            Article.objects.for_page().get(pk=story.pk)
        )
    assert _what_the_page_reads(Article.objects.page_story(first.pk))["byline"] != []


def test_page_story_of_an_unknown_id_is_none():
    ArticleFactory()
    assert Article.objects.page_story(2_000_000_000) is None


def test_page_story_takes_the_time_of_each_call_not_of_the_first():
    section = SectionFactory()
    story = ArticleFactory(section=section, published_at=timezone.now() - timedelta(days=1))
    later = ArticleFactory(section=section, published_at=timezone.now() + timedelta(hours=1))
    now = timezone.now()
    assert later not in Article.objects.page_story(story.pk, at=now).related_stories()
    assert later in Article.objects.page_story(story.pk, at=now + timedelta(hours=2)).related_stories()
    assert later not in Article.objects.page_story(story.pk).related_stories()


def test_page_story_loads_in_two_queries_whatever_the_story_has():
    story = _full_story()
    Article.objects.page_story(story.pk)  # compiled here, if no test before did
    with CaptureQueriesContext(connection) as queries:
        loaded = Article.objects.page_story(story.pk)
        _what_the_page_reads(loaded)
    assert len(queries) <= 2, [query["sql"][:80] for query in queries]


def test_page_story_refuses_a_filtered_queryset():
    story = ArticleFactory()
    with pytest.raises(TypeError):
        Article.objects.filter(section=story.section).page_story(story.pk)


def test_a_value_that_is_not_a_parameter_is_refused_at_first_use():
    ArticleFactory()
    ignores_pk = PrecompiledQuery(lambda queryset, pk: queryset.all(), pk=(-1_234_567, "pk"))
    with pytest.raises(ImproperlyConfigured):
        ignores_pk.run(Article.objects.all(), pk=1)


def test_precompiled_rows_are_the_orm_rows():
    stories = [ArticleFactory() for _ in range(3)]
    by_section = PrecompiledQuery(
        lambda queryset, pk: queryset.filter(pk__gte=pk).select_related("section").order_by("pk"),
        pk=(-7_654_321, "pk"),
    )
    for start in (stories[0].pk, stories[2].pk):
        rows = by_section.run(Article.objects.all(), pk=start)
        expected = list(Article.objects.filter(pk__gte=start).select_related("section").order_by("pk"))
        assert rows == expected
        assert [row.section.name for row in rows] == [story.section.name for story in expected]
