"""Every public page type passes the W3C Nu HTML Checker (zero errors) and axe-core (no serious or
critical violation in headless Chromium).

The checkers come from npm (`npm ci` installs vnu-jar and axe-core into node_modules; `make test` does it);
vnu runs on the machine's Java. Without them these tests skip with the reason; with CI=true they fail.
"""

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from articles.models import Article, ArticlePhoto, DailyViews, RelatedArticle
from articles.stories.services import add_correction, make_preview_token
from comments.models import Comment
from tests.conftest import IN_CI
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
    add_authors,
    live_story,
    staff_user,
)

ROOT = Path(__file__).resolve().parents[3]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _require(condition, message):
    if condition:
        return
    if IN_CI:
        pytest.fail("CI=true: " + message)
    pytest.skip(message)


def build_site():
    """One of everything a reader can meet; returns the page URLs by name."""
    managing = staff_user("thuky", "Thư ký tòa soạn")
    section = SectionFactory(name="Văn hóa – Du lịch", description="Tin văn hóa, lễ hội và du lịch Lai Châu.")
    tag = TagFactory(name="Lễ hội")
    article = ArticleFactory(
        title="Lễ hội Then Kin Pang: nét đẹp văn hóa người Lự",
        lead="Lễ hội thu hút hàng nghìn du khách về Tam Đường.",
        body=(
            "<p>Đoạn mở đầu với <strong>chữ đậm</strong> và <a href='https://laichau.gov.vn'>một liên kết</a>.</p>"
            "<p>[ảnh 1]</p><h2>Phần hai</h2><ul><li>Một</li><li>Hai</li></ul><blockquote>Trích dẫn.</blockquote>"
            "<p>[ảnh 2]</p>"
        ),
        section=section,
        cover_photo=PhotoFactory(alt_text="Toàn cảnh lễ hội"),
        featured=True,
    )
    article.tags.add(tag)
    add_authors(article, 2)
    for position in (1, 2):
        ArticlePhoto.objects.create(
            article=article,
            photo=PhotoFactory(),
            position=position,
            caption=f"Chú thích {position}",
            credit="Thu Hà",
        )
    for n in range(3):
        other = ArticleFactory(
            title=f"Du lịch cộng đồng bản Sì Thâu Chải {n}", section=section, cover_photo=PhotoFactory()
        )
        RelatedArticle.objects.create(from_article=article, to_article=other, position=n)
        # Đọc nhiều: today's list and a longer week's list on the home and section pages.
        DailyViews.objects.create(article=other, day=timezone.localdate() - timedelta(days=n), views=10 - n)
    DailyViews.objects.create(article=article, day=timezone.localdate(), views=3)
    # The newest story has no photo: the home page's lead and a row of the section and search pages without one.
    ArticleFactory(title="Lễ hội hoa ban sắp khai mạc", section=section, cover_photo=None).tags.add(tag)
    parent = CommentFactory(article=article, body="Lễ hội rất đẹp.\nMong năm sau được đến.")
    CommentFactory(article=article, parent=parent, body="Tôi cũng đã đi, rất vui.")
    CommentFactory(article=article, parent=parent, body="Tòa soạn cảm ơn bạn.", staff_author=managing)
    add_correction(article=article, user=managing, text="Lễ hội diễn ra ở xã Bản Hon, không phải Bản Giang.")
    gone = ArticleFactory(title="Bài đã gỡ", status=Article.Status.TAKEN_DOWN)
    draft = ArticleFactory(title="Bài nháp để xem trước", draft=True, section=section)
    author = article.byline[0]
    live = live_story(
        section=section, photo=PhotoFactory(alt_text="Hội trường kỳ họp", caption="Kỳ họp thứ 8")
    )
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "live": live.get_absolute_url(),
        "article-replying": f"{article.get_absolute_url()}?tra-loi={parent.pk}#viet-binh-luan",
        "article-comment-sent": article.get_absolute_url() + "?binh-luan=cho-duyet",
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "search": "/tim-kiem/?q=le+hoi",
        "search-empty": "/tim-kiem/?q=%21%21%21",
        "search-none": "/tim-kiem/?q=khong+co+ket+qua+nao",
        "report": f"/binh-luan/{parent.pk}/bao-vi-pham/",
        "not-found": "/khong-co-trang-nay/",
        "gone": gone.get_absolute_url(),
        "preview": f"/xem-truoc/chia-se/{make_preview_token(draft)}/",
        "_comment_form_errors": article,
    }


def _pages(client, urls):
    pages = {}
    for name, url in urls.items():
        if name.startswith("_"):
            continue
        response = client.get(url)
        assert response.status_code in {200, 404, 410}, (name, response.status_code)
        pages[name] = response.content
    article = urls["_comment_form_errors"]
    response = client.post(
        f"/binh-luan/gui/{article.pk}/", {"name": "", "email": "sai", "body": "ngắn", "token": "x"}
    )
    pages["comment-form-errors"] = response.content
    return pages


@pytest.mark.django_db
def test_every_public_page_type_passes_the_nu_html_checker(
    client, tmp_path, django_capture_on_commit_callbacks
):
    java = shutil.which("java")
    _require(java is not None, "Java not found: the Nu HTML Checker needs it (Debian: default-jre-headless)")
    _require(VNU_JAR.exists(), "vnu.jar not found: run `npm ci` (make test does) to install vnu-jar")
    with django_capture_on_commit_callbacks(execute=True):
        urls = build_site()
    pages = _pages(client, urls)
    files = []
    for name, content in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(content)
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout or result.stderr)["messages"]
    errors = [
        f"{Path(m.get('url', '')).stem}:{m.get('lastLine')}: {m.get('message')} [{m.get('extract', '')!r}]"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
    assert errors == [], "\n".join(errors)
    assert len(files) == 16


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_public_page_type_has_no_serious_accessibility_violation(page, live_server):
    _require(AXE_JS.exists(), "axe-core not found: run `npm ci` (make test does) to install axe-core")
    axe_source = AXE_JS.read_text()
    urls = build_site()
    # Renditions are made on commit; in this transactional test they are made as on a real site.
    Article.objects.filter(pk__gt=0).update(published_at=timezone.now() - timedelta(minutes=1))
    Article.objects.filter(title="Bài nháp để xem trước").update(status=Article.Status.DRAFT)
    Article.objects.filter(title="Bài đã gỡ").update(status=Article.Status.TAKEN_DOWN)
    found = {}
    for name, url in urls.items():
        if name.startswith("_"):
            continue
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            # Evaluated through the DevTools protocol: the page's CSP (rightly) refuses an injected <script>.
            page.evaluate(axe_source)
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            serious = [
                f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
                for v in result["violations"]
                if v["impact"] in {"serious", "critical"}
            ]
            if serious:
                found[f"{name}@{width}"] = serious
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
    assert Comment.objects.count() == 3
