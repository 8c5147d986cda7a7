"""The Content-Security-Policy holds on every screen: Chromium visits each page type, public and staff, and
any blocked script, style, image or frame (a securitypolicyviolation event) fails the test."""

import pytest

from articles.models import ArticlePhoto, Revision
from articles.photos.renditions import ensure_renditions
from articles.stories.services import make_preview_token, save_article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
    staff_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collects violations from the first script on, before any of the page's own code runs.
WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`
    + ` at ${event.sourceFile}:${event.lineNumber} (${event.sample})`);
});
"""


@pytest.fixture
def newsroom():
    section = SectionFactory(name="Thời sự")
    tag, author = TagFactory(name="Giao thông"), AuthorFactory(name="Thu Hà")
    cover = PhotoFactory(caption="Cầu Nậm Na")
    ensure_renditions(cover)
    article = ArticleFactory(
        title="Cầu treo mới nối hai bản",
        section=section,
        cover_photo=cover,
        body="<p>Mở đầu.</p><p>[ảnh 1]</p>",
    )
    ArticlePhoto.objects.create(article=article, photo=cover, position=1, caption="Cầu mới")
    article.tags.add(tag)
    article.article_authors.create(author=author, position=1)
    CommentFactory(article=article, body="Cảm ơn tòa soạn đã đưa tin.")
    CommentFactory(article=article, status="pending", body="Bình luận đang chờ duyệt.")
    draft = ArticleFactory(title="Bài nháp", section=section, status="draft", published_at=None)
    save_article(article=article, user=None)
    return {
        "article": article,
        "section": section,
        "tag": tag,
        "author": author,
        "draft": draft,
        "photo": cover,
    }


def _visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status < 500, (url, response.status)
    return page.evaluate("window.__cspViolations")


def _watching(page):
    page.context.add_init_script(WATCH)
    return page


def test_public_pages_load_with_no_csp_violation(browser_for, newsroom):
    page = _watching(browser_for(None))
    article, draft = newsroom["article"], newsroom["draft"]
    urls = [
        "/",
        newsroom["section"].get_absolute_url(),
        newsroom["tag"].get_absolute_url(),
        newsroom["author"].get_absolute_url(),
        "/tim-kiem/?q=cau+treo",
        "/tim-kiem/?q=",
        article.get_absolute_url(),
        f"/xem-truoc/chia-se/{make_preview_token(draft)}/",
        f"/binh-luan/{article.comments.filter(status='approved').first().pk}/bao-vi-pham/",
        "/khong-co-trang-nay/",
    ]
    found = {url: _visit(page, url) for url in urls}
    # The comment form: its script fetches a token and sends the form; the result page too.
    page.goto(article.get_absolute_url())
    page.fill("#id_name", "Lò Văn A")
    page.fill("#id_email", "a@example.com")
    page.fill("#id_body", "Mong cây cầu sớm được đưa vào sử dụng.")
    page.get_by_role("button", name="Gửi bình luận").click()
    page.wait_for_load_state("networkidle")
    found["comment sent"] = page.evaluate("window.__cspViolations")
    assert {url: violations for url, violations in found.items() if violations} == {}


def test_staff_screens_load_with_no_csp_violation(browser_for, newsroom, settings):
    staff_user("thuky", "Thư ký tòa soạn")
    staff_user("kiemduyet", "Kiểm duyệt viên")
    article, photo = newsroom["article"], newsroom["photo"]
    revision = Revision.objects.filter(article=article).first()
    screens = {
        "thuky": [
            "/quan-tri/",
            "/quan-tri/articles/article/",
            "/quan-tri/articles/article/add/",
            f"/quan-tri/articles/article/{article.pk}/change/",
            f"/quan-tri/articles/article/{article.pk}/phien-ban/?a={revision.number}&b={revision.number}",
            f"/xem-truoc/{article.pk}/",
            "/quan-tri/articles/photo/",
            "/quan-tri/articles/photo/add/",
            f"/quan-tri/articles/photo/{photo.pk}/change/",
            "/quan-tri/articles/section/",
            "/quan-tri/articles/section/add/",
            "/quan-tri/newsroom/signinlock/",
            "/quan-tri/newsroom/signinrecord/",
            "/quan-tri/newsroom/rolesecurity/",
            "/quan-tri/bao-mat/",
            "/quan-tri/password_change/",
        ],
        "kiemduyet": [
            "/kiem-duyet/",
            "/kiem-duyet/bao-cao/",
            "/kiem-duyet/nhat-ky/",
            "/quan-tri/comments/comment/",
        ],
    }
    found = {}
    for username, urls in screens.items():
        page = _watching(browser_for(username))
        for url in urls:
            found[f"{username} {url}"] = _visit(page, url)
        if username == "thuky":
            # The body editor (a rich-text widget) must work under the policy: type into it.
            page.goto(f"/quan-tri/articles/article/{article.pk}/change/")
            page.locator(".ProseMirror[contenteditable=true]").click()
            page.keyboard.type(" Thêm một câu.")
            found["body editor typing"] = page.evaluate("window.__cspViolations")
    anonymous = _watching(browser_for(None))
    for url in ("/quan-tri/login/", "/quan-tri/quen-mat-khau/"):
        found[f"anonymous {url}"] = _visit(anonymous, url)
    assert {screen: violations for screen, violations in found.items() if violations} == {}


def test_the_policy_header_says_what_the_issue_asks(client, newsroom):
    header = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and "unsafe-inline" not in header
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'" and directives["report-uri"] == "/csp-report/"
