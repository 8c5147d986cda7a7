from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticlePhoto, RelatedArticle
from tests.factories import (
    ArticleFactory,
    PhotoFactory,
    SectionFactory,
    add_authors,
    add_body_photos,
    add_related,
    add_tags,
    rendered_body,
)

pytestmark = pytest.mark.django_db


def test_article_url_has_section_slug_and_id():
    article = ArticleFactory(
        title="Đăng kiểm xe cơ giới: Khâu quan trọng", section=SectionFactory(name="Xã hội")
    )
    assert article.get_absolute_url() == f"/xa-hoi/dang-kiem-xe-co-gioi-khau-quan-trong-{article.pk}.html"


def test_article_page_answers_200_at_its_canonical_url(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in response.text


@pytest.mark.parametrize(
    "path",
    ["/{section}/ten-cu-{pk}.html", "/chuyen-muc-khac/{slug}-{pk}.html", "/{section}/-{pk}.html"],
)
def test_article_wrong_or_old_slug_redirects_permanently_to_canonical(client, path):
    article = ArticleFactory()
    response = client.get(path.format(section=article.section.slug, slug=article.slug, pk=article.pk))
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_article_unknown_id_is_404(client):
    assert client.get("/thoi-su/khong-co-999999.html").status_code == 404


def test_draft_article_is_404_to_readers(client):
    article = ArticleFactory(draft=True)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_future_article_is_404_until_its_time(client):
    article = ArticleFactory(published_at=timezone.now() + timedelta(minutes=5))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article not in Article.objects.published()
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200


def test_unpublished_articles_stay_off_home_and_section_pages(client):
    public = ArticleFactory(title="Bài công khai")
    ArticleFactory(title="Bài nháp", draft=True)
    ArticleFactory(title="Bài hẹn giờ", published_at=timezone.now() + timedelta(days=1))
    for path in ("/", public.section.get_absolute_url()):
        text = client.get(path).text
        assert "Bài công khai" in text
        assert "Bài nháp" not in text
        assert "Bài hẹn giờ" not in text


def test_article_page_shows_the_seed_structure_in_order(client, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "MARK": "BLC"}
    article = ArticleFactory(
        title="Chú trọng nâng cao chất lượng cơ sở",
        lead="Sau nhiều năm thực hiện, tình hình đã chuyển biến.",
        body='<p>Đoạn một.</p><figure data-photo="1"></figure><p>Đoạn hai.</p>',
        published_at=timezone.make_aware(timezone.datetime(2012, 8, 27, 16, 29)),
    )
    ArticlePhoto.objects.create(
        article=article,
        photo=PhotoFactory(),
        position=1,
        caption="Buổi họp của Đảng bộ xã.",
        credit="Anh Nhi",
    )
    add_authors(article, 2)
    other = ArticleFactory(
        section=article.section, title="Một bài cùng chuyên mục", lead="Sapo của bài cùng chuyên mục."
    )
    text = client.get(article.get_absolute_url()).text
    markers = [
        "[GMT+7]",
        '<h1 class="article-title">Chú trọng nâng cao chất lượng cơ sở</h1>',
        "Thứ hai, 27/08/2012 - 16:29",
        "<strong>(BLC) - </strong>Sau nhiều năm thực hiện",
        "<p>Đoạn một.</p>",
        '<figcaption>Buổi họp của Đảng bộ xã. <span class="credit">Ảnh: Anh Nhi</span></figcaption>',
        "<p>Đoạn hai.</p>",
        'class="byline"',
        "Bình luận",
        "Hiện tại chưa có bình luận",
        "Tin liên quan",
        other.title,
        "Sapo của bài cùng chuyên mục.",
    ]
    positions = [text.index(marker) for marker in markers]
    assert positions == sorted(positions)
    byline = text[text.index('class="byline"') :]
    assert byline.index(article.byline[0].name) < byline.index(article.byline[1].name)


def test_article_photos_not_placed_in_body_follow_it():
    article = ArticleFactory(body="<p>Nội dung.</p>")
    add_body_photos(article, 2)
    html = rendered_body(Article.objects.for_page().get(pk=article.pk))
    assert html.startswith("<p>Nội dung.</p>")
    assert html.count("<figure") == 2
    assert html.index("Ảnh trong bài 1") < html.index("Ảnh trong bài 2")


def test_article_photo_placeholder_without_photo_is_dropped():
    article = ArticleFactory(body='<p>a</p><figure data-photo="7"></figure>')
    assert rendered_body(Article.objects.for_page().get(pk=article.pk)) == "<p>a</p>"


def test_photo_caption_is_escaped_when_rendered():
    article = ArticleFactory(body='<figure data-photo="1"></figure>')
    ArticlePhoto.objects.create(
        article=article, photo=PhotoFactory(), position=1, caption="<script>x</script>"
    )
    html = rendered_body(Article.objects.for_page().get(pk=article.pk))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_related_stories_put_editor_picks_first_then_fill_from_section():
    section = SectionFactory(name="Kinh tế")
    article = ArticleFactory(section=section)
    now = timezone.now()
    latest = [
        ArticleFactory(section=section, published_at=now - timedelta(minutes=m)) for m in range(10, 70, 10)
    ]
    picked_old = ArticleFactory(
        section=SectionFactory(name="Văn hóa"), published_at=now - timedelta(days=300)
    )
    picked_draft = ArticleFactory(section=section, draft=True)
    RelatedArticle.objects.create(from_article=article, to_article=picked_old, position=0)
    RelatedArticle.objects.create(from_article=article, to_article=picked_draft, position=1)
    stories = Article.objects.for_page().get(pk=article.pk).related_stories()
    assert stories == [picked_old, *latest[:4]]
    assert article not in stories


def test_related_stories_keep_the_editor_order():
    article = ArticleFactory()
    first, second = ArticleFactory(), ArticleFactory()
    RelatedArticle.objects.create(from_article=article, to_article=second, position=0)
    RelatedArticle.objects.create(from_article=article, to_article=first, position=1)
    assert Article.objects.for_page().get(pk=article.pk).related_stories()[:2] == [second, first]


def _page_queries(client, article):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def _article_with(count):
    article = ArticleFactory(cover_photo=PhotoFactory())
    add_authors(article, count)
    add_tags(article, count)
    add_body_photos(article, count)
    add_related(article, count)
    return article


def test_article_page_query_count_does_not_grow_with_its_content(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # photos get their renditions as on a real save
        small_article, large_article = _article_with(1), _article_with(20)
    small = _page_queries(client, small_article)
    with django_assert_max_num_queries(small):
        response = client.get(large_article.get_absolute_url())
    assert response.text.count("<figure") == 20
    # article, authors, tags, corrections, cover renditions, photos, their renditions, related, fill-up,
    # sections menu, comments (count, page, total)
    assert small <= 13


def test_section_page_out_of_range_is_404(client):
    article = ArticleFactory()
    url = article.section.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url + "?trang=99").status_code == 404
    assert client.get(url + "?trang=abc").status_code == 404


def test_home_page_query_count_does_not_grow_with_stories(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(cover_photo=PhotoFactory())
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(12):
            ArticleFactory(cover_photo=PhotoFactory(), section=SectionFactory())
    with django_assert_max_num_queries(len(one)):
        response = client.get("/")
    assert response.text.count('class="story-card"') == 12  # HOME_LATEST after the lead story
