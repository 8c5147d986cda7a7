"""A reader in headless Chromium: home page, an article with its photo and related stories, a redirect."""

import pytest

from articles.models import ArticlePhoto, RelatedArticle
from tests.factories import ArticleFactory, PhotoFactory, SectionFactory, add_authors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_goes_from_home_to_an_article_and_on_to_a_related_story(page):
    section = SectionFactory(name="Nông nghiệp")
    story = ArticleFactory(
        section=section,
        title="Mùa chè mới ở Tam Đường",
        lead="Người trồng chè phấn khởi vì được giá.",
        body='<p>Những đồi chè xanh mướt.</p><figure data-photo="1"></figure>',
    )
    ArticlePhoto.objects.create(
        article=story,
        photo=PhotoFactory(alt_text="Đồi chè"),
        position=1,
        caption="Thu hái chè.",
        credit="Minh Anh",
    )
    add_authors(story, 1)
    related = ArticleFactory(section=section, title="Giá thảo quả tăng", lead="Thảo quả được mùa.")
    RelatedArticle.objects.create(from_article=story, to_article=related, position=0)

    page.goto("/")
    assert "[GMT+7]" in page.locator(".dateline").inner_text()
    page.get_by_role("link", name="Mùa chè mới ở Tam Đường").first.click()

    page.wait_for_url(f"**{story.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "Mùa chè mới ở Tam Đường"
    assert page.locator(".article-lead").inner_text().startswith("(BLC) - Người trồng chè")
    figure = page.locator(".article-body figure")
    assert figure.locator("figcaption").inner_text() == "Thu hái chè. Ảnh: Minh Anh"
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator(".comments .empty").inner_text() == "Hiện tại chưa có bình luận"

    page.locator(".related").get_by_role("link", name="Giá thảo quả tăng").click()
    page.wait_for_url(f"**{related.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "Giá thảo quả tăng"


def test_reader_following_an_old_link_lands_on_the_canonical_url(page):
    story = ArticleFactory(title="Lễ hội Then Kin Pang")
    response = page.goto(f"/thoi-su/ten-cu-{story.pk}.html")
    assert response.ok
    assert page.url.endswith(story.get_absolute_url())
    assert page.locator("h1").inner_text() == "Lễ hội Then Kin Pang"
