"""The benchmark's naive baseline page: 4 queries whatever the story has, its content, never in production."""

import io

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def baseline_urls(settings):
    settings.ROOT_URLCONF = "bench.baseline_urls"


@pytest.fixture
def archive():
    call_command("make_bench_archive", stories=12, stdout=io.StringIO())


def test_baseline_renders_the_story_in_four_queries(
    archive, baseline_urls, client, django_assert_num_queries
):
    story = Article.objects.published().first()
    with django_assert_num_queries(4):
        page = client.get(f"/bench/baseline/{story.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert story.title in html
    assert html.count('<figure class="photo">') == 3
    assert html.count("<img ") == 3 and 'width="' in html
    assert 10 <= html.count('<li class="comment"') <= 20  # the approved of 25 comments, at most 20
    assert html.split('<section class="related">')[1].count("<li><a ") == 5
    assert 'name="csrfmiddlewaretoken"' in html and 'name="body"' in html  # the comment form


def test_baseline_has_about_the_content_of_the_article_page(archive, baseline_urls, client):
    """The issue compares pages "of the same content size": the two differ by less than a quarter
    (the article page has more: picture sources for each width, byline, tags)."""
    story = max(
        Article.objects.published(), key=lambda story: story.comments.filter(status="approved").count()
    )
    baseline = len(client.get(f"/bench/baseline/{story.pk}/").content)
    article = len(client.get(story.get_absolute_url()).content)
    assert abs(baseline - article) < article / 4, (baseline, article)


def test_baseline_unknown_story_is_404(baseline_urls, client):
    assert client.get("/bench/baseline/999999/").status_code == 404


def test_baseline_site_pages_still_answer(archive, baseline_urls, client):
    assert client.get("/").status_code == 200


def test_baseline_is_not_in_production_urls():
    with pytest.raises(NoReverseMatch):
        reverse("bench-baseline", kwargs={"pk": 1})
