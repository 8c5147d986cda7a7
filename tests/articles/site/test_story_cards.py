"""Story cards from the shared cache on anonymous readers' uncached pages, never older than those pages."""

import pytest
from django.test import Client

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def _uncached(client, path, n):
    """A URL no page copy has: the page is rendered, its cards may come from the card cache."""
    response = client.get(path, {"lan": n})
    assert response.status_code == 200
    return response.content.decode()


def test_cards_are_reused_between_renders_and_renewed_by_an_edit():
    section = SectionFactory(name="Nông nghiệp")
    story = ArticleFactory(section=section, title="Mùa lúa chín ở Tam Đường")
    ArticleFactory(section=section, title="Tin mới nhất")  # the home page's lead: the story above is a card
    reader = Client()
    assert "Mùa lúa chín ở Tam Đường" in _uncached(reader, section.get_absolute_url(), 1)
    assert "Mùa lúa chín ở Tam Đường" in _uncached(reader, "/", 1)

    # A change that skips the services (no purge, no new updated_at) shows that the card was reused.
    Article.objects.filter(pk=story.pk).update(title="Tiêu đề không qua dịch vụ")
    assert "Mùa lúa chín ở Tam Đường" in _uncached(reader, section.get_absolute_url(), 2)
    assert "Mùa lúa chín ở Tam Đường" in _uncached(reader, "/", 3)  # the home page has its own cards

    # An edit through save() (updated_at, and the purge every edit makes) renews every card of the story.
    story.refresh_from_db()
    story.title = "Mùa vàng Tam Đường"
    story.save()
    for n, path in enumerate([section.get_absolute_url(), "/"], start=4):
        # The cards only: the home page's section blocks are kept until a purge (test_fragments.py).
        html = _uncached(reader, path, n).split('<section class="section-block"')[0]
        assert "Mùa vàng Tam Đường" in html and "Mùa lúa chín" not in html and "không qua dịch vụ" not in html


def test_a_section_rename_renews_the_cards_that_name_it(django_capture_on_commit_callbacks):
    section = SectionFactory(name="Kinh tế")
    ArticleFactory(section=section, title="Giá chè búp tươi")
    ArticleFactory(section=section, title="Tin mới nhất")
    reader = Client()
    assert ">Kinh tế</a>" in _uncached(reader, "/", 1)
    section.name = "Kinh tế – Xã hội"
    with django_capture_on_commit_callbacks(execute=True):  # the purge runs on commit, as in production
        section.save()
    html = _uncached(reader, "/", 2)
    assert "Kinh tế – Xã hội" in html


def test_staff_and_search_results_are_rendered_without_the_card_cache(editor):
    section = SectionFactory()
    story = ArticleFactory(section=section, title="Cầu treo bản Lả")
    reader = Client()
    _uncached(reader, section.get_absolute_url(), 1)
    Article.objects.filter(pk=story.pk).update(title="Cầu treo bản Lả mới")
    staff = Client()
    staff.force_login(editor)
    assert "Cầu treo bản Lả mới" in staff.get(section.get_absolute_url()).content.decode()
    # Search highlights the reader's words in each card: never a cached card.
    html = reader.get("/tim-kiem/", {"q": "cau treo"}).content.decode()
    assert "<mark>Cầu</mark> <mark>treo</mark> bản Lả mới" in html


def test_a_listing_with_no_story_says_so():
    section = SectionFactory()
    assert "Chưa có bài viết nào." in _uncached(Client(), section.get_absolute_url(), 1)


def test_without_the_page_cache_no_card_is_stored(settings):
    settings.PAGE_CACHE_SECONDS = 0
    section = SectionFactory()
    story = ArticleFactory(section=section, title="Chợ phiên Sìn Hồ")
    reader = Client()
    _uncached(reader, section.get_absolute_url(), 1)
    Article.objects.filter(pk=story.pk).update(title="Chợ phiên Sìn Hồ hôm nay")
    assert "Chợ phiên Sìn Hồ hôm nay" in _uncached(reader, section.get_absolute_url(), 2)
