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
    assert html.count("<figure>") == 3
    assert html.count("<img ") == 3 and 'width="' in html
    assert 10 <= html.count("<article><p><strong>") <= 20  # the approved of 25 comments, at most 20
    assert html.count("<li><a ") == 5


def test_baseline_unknown_story_is_404(baseline_urls, client):
    assert client.get("/bench/baseline/999999/").status_code == 404


def test_baseline_site_pages_still_answer(archive, baseline_urls, client):
    assert client.get("/").status_code == 200


def test_baseline_is_not_in_production_urls():
    with pytest.raises(NoReverseMatch):
        reverse("bench-baseline", kwargs={"pk": 1})
