"""Article pages kept with their stories (articles/site/stored_pages.py): one query, and never stale."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.utils import timezone

from articles.models import Article, RelatedArticle, StoredPage
from articles.photos.services import save_photo
from articles.site import stored_pages
from articles.stories import services
from comments.models import Comment
from comments.services import moderate_comment
from tests.factories import ArticleFactory, CommentFactory, PhotoFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

ORIGIN = "http://testserver"


def _get(client, story, n, **params):
    """The story's page at a URL no page copy has: the reader's page cache misses, the stored page may not."""
    return client.get(story.get_absolute_url(), {"lan": n, **params})


def _html(client, story, n, **params):
    response = _get(client, story, n, **params)
    assert response.status_code == 200
    return response.content.decode()


def _stored(story):
    return StoredPage.objects.filter(article_id=story.pk, segments__isnull=False).first()


def _without_request_values(html):
    html = re.sub(r'<p class="dateline">[^<]*</p>', "", html)
    return re.sub(r'name="token" value="[^"]*"', "", html)


def _edit(story, editor, **changes):
    for name, value in changes.items():
        setattr(story, name, value)
    services.save_article(article=story, user=editor, opened_version=story.version)


def test_the_first_read_stores_the_page_and_the_next_reads_it_in_one_query(django_assert_num_queries):
    story = ArticleFactory(title="Đón Tết ở Mường Tè", body="<p>Bản làng rộn ràng.</p>")
    CommentFactory(article=story, body="Cảm ơn báo đã đưa tin.")
    connection.features.supports_json_field  # noqa: B018  (a probe Django makes once per connection)
    # The next scheduled publication (once per site version), the lookup, the story, the comment counts and
    # page, the store (no photo: no renditions).
    with django_assert_num_queries(6):
        first = _html(Client(), story, 1)
    assert _stored(story) is not None
    with django_assert_num_queries(1):
        second = _html(Client(), story, 2)
    assert "Bản làng rộn ràng." in second and "Cảm ơn báo đã đưa tin." in second
    # Byte for byte the page rendered on the spot, but for the date line and the form's token.
    assert _without_request_values(first) == _without_request_values(second)
    staff_free = _html(Client(), story, 3, **{"trang-binh-luan": 1})  # rendered on the spot, not stored
    assert _without_request_values(staff_free).count("Bản làng rộn ràng.") == 1


def test_the_holes_are_filled_for_each_request():
    story = ArticleFactory(title="Chè Shan tuyết Sìn Hồ")
    _html(Client(), story, 1)
    html = _html(Client(), story, 2)
    assert not re.search(r"@[0-9a-f]{24}:\w+@", html)  # no marker is left
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    data = signing.loads(token, salt="comments.form-token")
    assert data["a"] == story.pk and abs(data["t"] - timezone.now().timestamp()) < 60
    dateline = re.search(r'<p class="dateline">([^<]+)</p>', html).group(1)
    assert "[GMT+7]" in dateline and timezone.localtime().strftime("%d/%m/%Y") in dateline


def test_a_comment_sent_from_a_stored_page_is_received():
    story = ArticleFactory(title="Ruộng bậc thang Bản Hon")
    _html(Client(), story, 1)
    reader = Client(enforce_csrf_checks=False)
    html = _html(reader, story, 2)
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    action = re.search(r'<form class="comment-form" method="post" action="([^"]+)"', html).group(1)
    data = signing.loads(token, salt="comments.form-token")
    # Sent as a person would: some seconds after the page was drawn.
    data["t"] -= 30
    response = reader.post(
        action,
        {
            "token": signing.dumps(data, salt="comments.form-token"),
            "name": "Lò Văn Mạnh",
            "email": "manh@example.com",
            "body": "Cảnh đẹp quá, mùa lúa chín năm nay rất sớm.",
            "website": "",
        },
    )
    assert response.status_code == 302
    assert Comment.objects.get(article=story).status == Comment.Status.PENDING


def test_an_edit_through_the_services_is_shown_at_once(editor):
    story = ArticleFactory(title="Cầu treo Nậm Ban", body="<p>Bản cũ của bài.</p>")
    _html(Client(), story, 1)
    # A change that skips the services leaves the stored page as it was: that is what is stored.
    Article.objects.filter(pk=story.pk).update(body="<p>Không qua dịch vụ.</p>")
    assert "Bản cũ của bài." in _html(Client(), story, 2)
    story.refresh_from_db()
    _edit(story, editor, body="<p>Bản mới của bài.</p>")
    html = _html(Client(), story, 3)
    assert "Bản mới của bài." in html and "Bản cũ của bài." not in html


def test_a_change_to_a_linked_story_reaches_the_page_that_links_to_it(editor, managing_editor):
    section = SectionFactory(name="Kinh tế")
    story = ArticleFactory(section=section, title="Giá chè búp tươi tăng")
    linked = ArticleFactory(section=section, title="Vùng chè Tam Đường mở rộng")
    RelatedArticle.objects.create(from_article=story, to_article=linked, position=1)
    assert "Vùng chè Tam Đường mở rộng" in _html(Client(), story, 1)
    _edit(linked, editor, title="Vùng chè Tam Đường mở rộng thêm 200 ha")
    assert "Vùng chè Tam Đường mở rộng thêm 200 ha" in _html(Client(), story, 2)
    linked.refresh_from_db()
    services.transition_article(article=linked, user=managing_editor, action="take_down", note="Sai số liệu")
    assert "Vùng chè Tam Đường" not in _html(Client(), story, 3)


def test_the_sections_newest_follow_every_publication_without_a_new_rendering(editor):
    section = SectionFactory(name="Xã hội")
    story = ArticleFactory(section=section, title="Trường mới ở Pa Vây Sử")
    _html(Client(), story, 1)
    generation = StoredPage.objects.get(article=story).generation
    newer = ArticleFactory(section=section, title="Điện về bản Nậm Pục")
    html = _html(Client(), story, 2)
    assert "Điện về bản Nậm Pục" in html  # in "Tin liên quan", after the editor's picks
    assert html.count(newer.get_absolute_url()) == 1
    assert StoredPage.objects.get(article=story).generation == generation  # no new rendering


def test_an_approved_comment_shows_at_once(moderator):
    story = ArticleFactory(title="Lễ hội Then Kin Pang")
    _html(Client(), story, 1)
    comment = CommentFactory(article=story, body="Lễ hội rất đẹp, cảm ơn báo.", status=Comment.Status.PENDING)
    assert "Lễ hội rất đẹp" not in _html(Client(), story, 2)
    moderate_comment(comment=comment, moderator=moderator, to_status=Comment.Status.APPROVED)
    assert "Lễ hội rất đẹp, cảm ơn báo." in _html(Client(), story, 3)
    moderate_comment(comment=comment, moderator=moderator, to_status=Comment.Status.REJECTED)
    assert "Lễ hội rất đẹp" not in _html(Client(), story, 4)


def test_a_section_rename_makes_every_stored_page_stale():
    section = SectionFactory(name="Văn hóa")
    story = ArticleFactory(section=section)
    _html(Client(), story, 1)
    section.name = "Văn hóa – Du lịch"
    section.save()
    html = _html(Client(), story, 2)
    assert "Văn hóa – Du lịch" in html


def test_a_photo_caption_edit_reaches_the_pages_that_show_it(managing_editor):
    photo = PhotoFactory(caption="Ruộng bậc thang mùa nước đổ")
    story = ArticleFactory(cover_photo=photo, body="<p>Mùa nước đổ.</p>")
    _html(Client(), story, 1)
    assert "," + str(photo.pk) + "," in StoredPage.objects.get(article=story).photo_ids
    photo.caption = "Ruộng bậc thang Mù Cang Chải"
    save_photo(photo=photo, user=managing_editor)
    assert _stored(story) is None


def test_a_picked_story_scheduled_later_appears_when_its_time_comes(settings):
    section = SectionFactory(name="Thể thao")
    story = ArticleFactory(section=section, title="Giải bóng chuyền các dân tộc")
    later = timezone.now() + timedelta(minutes=30)
    scheduled = ArticleFactory(
        section=section,
        title="Lịch thi đấu vòng chung kết",
        status=Article.Status.SCHEDULED,
        published_at=later,
    )
    RelatedArticle.objects.create(from_article=story, to_article=scheduled, position=1)
    assert "Lịch thi đấu vòng chung kết" not in _html(Client(), story, 1)
    assert StoredPage.objects.get(article=story).valid_until == later
    Article.objects.filter(pk=scheduled.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    StoredPage.objects.filter(article=story).update(valid_until=timezone.now() - timedelta(seconds=1))
    assert "Lịch thi đấu vòng chung kết" in _html(Client(), story, 2)


def test_comments_closing_by_age_bound_the_stored_page(settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    story = ArticleFactory(published_at=timezone.now() - timedelta(days=10))
    _html(Client(), story, 1)
    assert StoredPage.objects.get(article=story).valid_until == story.published_at + timedelta(days=30)
    closed = ArticleFactory(published_at=timezone.now() - timedelta(days=40))
    assert "Bài viết này đã đóng bình luận." in _html(Client(), closed, 1)
    assert StoredPage.objects.get(article=closed).valid_until is None  # closed for good: no bound
    assert stored_pages.lookup(closed.pk, ORIGIN).segments is not None


def test_a_page_rendered_before_a_change_is_never_stored_after_it(editor):
    """The race: a reader reads the row, an editor's change commits, the reader stores what it rendered."""
    for has_row in (False, True):
        story = ArticleFactory(title=f"Bài {has_row}")
        if has_row:
            stored_pages.forget([story.pk])
        found = stored_pages.lookup(story.pk, ORIGIN)
        assert found.segments is None
        stored_pages.forget([story.pk])  # the change, between the reader's read and its store
        stored_pages.store(found, ORIGIN, segments=["cũ"], related=[], photo_ids=set(), until=None)
        assert _stored(story) is None


def test_another_address_or_another_deploy_does_not_use_the_stored_page(monkeypatch):
    story = ArticleFactory(title="Mùa hoa ban")
    _html(Client(), story, 1)
    assert stored_pages.lookup(story.pk, ORIGIN).segments is not None
    assert stored_pages.lookup(story.pk, "https://baolaichau.vn").segments is None
    monkeypatch.setattr(stored_pages, "made_for", lambda origin: "a-new-deploy|" + origin)
    assert stored_pages.lookup(story.pk, ORIGIN).segments is None


def test_pages_that_depend_on_the_request_are_rendered_on_the_spot(editor):
    story = ArticleFactory(title="Hoa ban nở", body="<p>Trắng núi rừng.</p>")
    _html(Client(), story, 1)
    Article.objects.filter(pk=story.pk).update(body="<p>Sửa trực tiếp.</p>")
    staff = Client()
    staff.force_login(editor)
    assert "Sửa trực tiếp." in _html(staff, story, 2)
    for params in ({"trang-binh-luan": "1"}, {"tra-loi": "1"}, {"binh-luan": "da-gui"}):
        assert "Sửa trực tiếp." in _html(Client(), story, 3, **params)
    assert "Trắng núi rừng." in _html(Client(), story, 4)  # the stored page itself is as it was


def test_a_story_taken_down_or_moved_after_its_page_was_stored():
    section = SectionFactory(slug="xa-hoi")
    story = ArticleFactory(section=section, title="Cầu Pa Tần")
    url = story.get_absolute_url()
    assert Client().get(url, {"lan": 1}).status_code == 200
    moved = SectionFactory(slug="kinh-te")
    Article.objects.filter(pk=story.pk).update(section=moved)
    response = Client().get(url, {"lan": 2})
    assert response.status_code == 301 and "/kinh-te/" in response["Location"]
    Article.objects.filter(pk=story.pk).update(status=Article.Status.TAKEN_DOWN)
    assert Client().get(url.replace("/xa-hoi/", "/kinh-te/"), {"lan": 3}).status_code == 410


def test_text_that_looks_like_a_hole_is_left_as_written():
    story = ArticleFactory(title="@0123456789abcdef01234567:token@", lead="@abc:dateline@ và @x:related@")
    CommentFactory(article=story, body="@0123456789abcdef01234567:related@")
    _html(Client(), story, 1)
    html = _html(Client(), story, 2)
    assert html.count("@0123456789abcdef01234567:token@") >= 2  # the title, in <title> and <h1>
    assert "@0123456789abcdef01234567:related@" in html


def test_render_stories_renders_every_public_story_once(settings, capsys):
    settings.SITE_URL = ORIGIN
    stories = ArticleFactory.create_batch(3)
    ArticleFactory(draft=True)
    call_command("render_stories")
    assert "Đã dựng 3 trang bài" in capsys.readouterr().out
    assert all(_stored(story) for story in stories)
    call_command("render_stories")
    out = capsys.readouterr().out
    assert "Đã dựng 0 trang bài" in out and "3 trang còn mới" in out
    with_render = _html(Client(), stories[0], 1)
    assert stories[0].title in with_render
    call_command("render_stories", "--part", "1/2", "--force")
    assert "Đã dựng" in capsys.readouterr().out
    with pytest.raises(CommandError, match="K/N"):
        call_command("render_stories", "--part", "3/2")
    with pytest.raises(CommandError, match="K/N"):
        call_command("render_stories", "--part", "một")


def test_a_full_story_stored_and_read_in_at_most_6_then_1_queries(django_assert_max_num_queries):
    """Everything a full story has (3 photos, 3 bylines, tags, 10 related, 20 comments) comes back the same."""
    from tests.articles.site.test_listing_scale import _full_story

    story = _full_story()
    fresh = _html(Client(), story, 1, **{"trang-binh-luan": "1"})  # rendered on the spot, not stored
    assert _stored(story) is None
    # The lookup, the story, the photos' renditions, the comment counts and page, the store.
    with django_assert_max_num_queries(6):
        _html(Client(), story, 2)
    with django_assert_max_num_queries(1):
        stored = _html(Client(), story, 3)
    assert _stored(story) is not None
    assert _without_request_values(fresh) == _without_request_values(stored)
    assert stored.count('class="comment"') == 20 and stored.count("<figure") == 3
    assert len(re.findall(r'<section class="related".*?</section>', stored, re.S)[0].split("<li>")) == 6
