"""{% reader_fragment %}: the home page's section blocks, kept for anonymous readers until the site changes."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.site.page_cache import purge_story
from tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def _home(client, n):
    """A home page no page copy has: rendered, its section blocks may come from the fragment cache."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/", {"lan": n})
    assert response.status_code == 200
    blocks = response.content.decode().split('<section class="section-block"', 1)
    return (blocks[1] if len(blocks) > 1 else ""), len(queries)


def test_section_blocks_are_kept_until_a_purge_and_their_query_skipped():
    story = ArticleFactory(title="Lễ hội Hoa Ban", section=SectionFactory(name="Văn hóa"))
    reader = Client()
    first, first_queries = _home(reader, 1)
    assert "Lễ hội Hoa Ban" in first

    # A change that skips the services (no purge) shows that the blocks were kept, and not read again.
    Article.objects.filter(pk=story.pk).update(title="Tên sửa thẳng trong bảng")
    second, second_queries = _home(reader, 2)
    assert "Lễ hội Hoa Ban" in second and "sửa thẳng" not in second
    assert second_queries < first_queries

    purge_story(story.pk)  # what every edit through the services does
    third, _queries = _home(reader, 3)
    assert "Tên sửa thẳng trong bảng" in third


def test_a_scheduled_story_enters_the_section_blocks_at_its_time():
    section = SectionFactory(name="Kinh tế")
    ArticleFactory(title="Tin đã đăng", section=section, published_at=timezone.now() - timedelta(hours=1))
    ArticleFactory(
        title="Tin hẹn giờ",
        section=section,
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(seconds=2),
    )
    reader = Client()
    before, _queries = _home(reader, 1)
    assert "Tin đã đăng" in before and "Tin hẹn giờ" not in before
    time.sleep(2.5)
    after, _queries = _home(reader, 2)
    assert "Tin hẹn giờ" in after


def test_staff_never_get_or_fill_kept_blocks(editor):
    story = ArticleFactory(title="Chợ phiên Tam Đường")
    staff = Client()
    staff.force_login(editor)
    assert "Chợ phiên Tam Đường" in _home(staff, 1)[0]
    Article.objects.filter(pk=story.pk).update(title="Sửa trực tiếp")
    assert "Sửa trực tiếp" in _home(staff, 2)[0]
    # Nor did the staff's page fill anything a reader gets.
    assert "Sửa trực tiếp" in _home(Client(), 3)[0]
