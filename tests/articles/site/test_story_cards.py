"""Story cards from the shared cache on anonymous readers' uncached pages, never older than those pages."""

import pytest
from django.template import Context, Template
from django.template.loader import get_template
from django.test import Client
from django.utils import timezone
from hypothesis import example, given, settings
from hypothesis import strategies as st

from articles.models import Article, Section
from articles.photos.renditions import SIZES
from articles.site.search import SearchQuery
from articles.templatetags.cards import LAYOUTS, _highlighted
from tests.factories import ArticleFactory, PhotoFactory, SectionFactory

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


_typed = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=120)


@given(
    title=_typed,
    lead=st.text(st.characters(exclude_categories=("Cs", "Cc")) | st.just(" "), max_size=400),
    query=_typed,
)
@example(title='Nông nghiệp <b>&</b> "Lai Châu"', lead="Nông dân Tam Đường " * 20, query="nong")
@example(title="x", lead="</p><p>x</p>", query="p")
@settings(max_examples=150, deadline=None)
def test_a_search_card_marked_from_the_kept_card_is_the_one_the_template_marks(title, lead, query):
    """Search results reuse the kept cards: marking the words in the plain card's title and lead must give
    exactly what the card's template (either layout) gives with the terms."""
    terms = SearchQuery(query).folded
    section = Section(pk=3, name="Kinh tế", slug="kinh-te")
    story = Article(pk=41, title=title, slug="bai", lead=lead, section=section, published_at=timezone.now())
    for template_name in LAYOUTS.values():
        card = get_template(template_name)
        plain = card.render({"story": story, "level": "h2", "terms": None})
        expected = card.render({"story": story, "level": "h2", "terms": terms})
        assert _highlighted(plain, story, "h2", terms) == expected, template_name


@pytest.mark.usefixtures("page_cache")
def test_search_results_come_from_kept_cards_with_the_words_marked():
    section = SectionFactory(name="Nông thôn mới")
    ArticleFactory(
        section=section, title="Nông nghiệp sạch ở Tam Đường", lead="Bà con làm nông nghiệp hữu cơ."
    )
    reader = Client()
    first = reader.get("/tim-kiem/", {"q": "nong nghiep", "lan": 1}).content.decode()
    assert "<mark>Nông</mark> <mark>nghiệp</mark> sạch ở Tam Đường" in first
    # A change that skips the services and signals (no purge) shows that the card was kept.
    Section.objects.filter(pk=section.pk).update(name="Tên sửa thẳng")
    html = reader.get("/tim-kiem/", {"q": "tam duong", "lan": 2}).content.decode()
    card = html[html.index('<article class="story-row') :]
    assert "Nông nghiệp sạch ở <mark>Tam</mark> <mark>Đường</mark>" in card  # the kept card, marked anew
    assert "Bà con làm nông nghiệp hữu cơ." in card
    assert ">Nông thôn mới</a>" in card and "Tên sửa thẳng" not in card


def _render(source, **context):
    return Template("{% load cards %}" + source).render(Context(context))


def test_a_row_has_its_thumbnail_beside_the_text_with_sizes_for_the_row(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the renditions are made on commit
        story = ArticleFactory(title="Chè Shan tuyết", cover_photo=PhotoFactory())
    html = _render('{% story_cards stories level="h2" layout="row" %}', stories=[story])
    assert html.count('<article class="story-row with-photo">') == 1
    assert '<a class="story-row-photo"' in html and '<div class="story-row-text">' in html
    assert f'sizes="{SIZES["row"]}"' in html and f'sizes="{SIZES["card"]}"' not in html
    assert '<h2 class="story-title"><a href="' in html and "Chè Shan tuyết" in html


def test_a_row_without_a_cover_photo_has_no_picture_box():
    story = ArticleFactory(title="Tin không ảnh", cover_photo=None)
    html = _render('{% story_cards stories layout="row" %}', stories=[story])
    assert '<article class="story-row">' in html
    assert "story-row-photo" not in html and "<picture" not in html and "<img" not in html
    assert '<h3 class="story-title">' in html  # the default level


def test_the_default_layout_is_still_the_card(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story = ArticleFactory(cover_photo=PhotoFactory())
    html = _render("{% story_cards stories %}", stories=[story])
    assert '<article class="story-card">' in html and "story-row" not in html
    assert f'sizes="{SIZES["card"]}"' in html


def test_an_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="layout must be one of"):
        _render('{% story_cards stories layout="grid" %}', stories=[ArticleFactory()])


def test_rows_and_cards_of_one_story_are_kept_apart():
    """The card cache's key holds the layout: the section page's rows are not the home page's cards."""
    section = SectionFactory(name="Du lịch")
    ArticleFactory(section=section, title="Bản Sì Thâu Chải", cover_photo=PhotoFactory())
    ArticleFactory(section=section, title="Tin mới nhất")  # the home page's lead: the story above is a card
    reader = Client()
    for n in (1, 2):  # the second render takes both from the card cache
        listing = _uncached(reader, section.get_absolute_url(), n)
        home = _uncached(reader, "/", n).split('<section class="section-block"')[0]
        assert listing.count('<article class="story-row') == 2 and "story-card" not in listing
        assert home.count('<article class="story-card">') == 1 and "story-row" not in home


def test_the_home_lead_story_without_a_photo_has_no_picture():
    ArticleFactory(title="Tin chính không ảnh", cover_photo=None)
    html = Client().get("/").content.decode()
    lead = html[html.index('<section class="lead-story') : html.index("</section>")]
    assert lead.startswith('<section class="lead-story without-photo"')
    assert "<picture" not in lead and "<img" not in lead and "Tin chính không ảnh" in lead


def test_the_home_lead_story_with_a_photo_keeps_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="Tin chính có ảnh", cover_photo=PhotoFactory())
    html = Client().get("/").content.decode()
    lead = html[html.index('<section class="lead-story') : html.index("</section>")]
    assert lead.startswith('<section class="lead-story"') and "<picture>" in lead
    assert f'sizes="{SIZES["lead"]}"' in lead
