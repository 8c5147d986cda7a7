import pytest

from newsroom.common.sanitizer import sanitize_html
from tests.factories import ArticleFactory

HOSTILE = [
    '<script>alert("x")</script><p>ok</p>',
    '<p onclick="steal()">ok</p>',
    '<img src="/media/a.jpg" onerror="steal()">',
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<a href="java&#x09;script:alert(1)">bấm</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">bấm</a>',
    '<iframe src="https://evil.example"></iframe><p>ok</p>',
    '<svg onload="alert(1)"><p>ok</p></svg>',
    '<p style="background:url(javascript:alert(1))">ok</p>',
    "<style>body{display:none}</style><p>ok</p>",
    '<img src="https://evil.example/track.gif">',
    '<img src="/media/../../etc/passwd">',
    '<img src="/media//evil.example/x.gif">',
    '<form action="/x"><input name="q"></form>',
    "<!-- <script>alert(1)</script> -->",
]


@pytest.mark.parametrize("html", HOSTILE)
def test_sanitize_html_removes_hostile_markup(html):
    cleaned = sanitize_html(html).lower()
    for needle in (
        "<script",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "data:",
        "<iframe",
        "<svg",
        "style=",
        "<style",
        "evil.example",
        "/etc/passwd",
        "<form",
        "<input",
        "<!--",
    ):
        assert needle not in cleaned


def test_sanitize_html_drops_script_content_entirely():
    assert sanitize_html('<p>a</p><script>alert("x")</script>') == "<p>a</p>"


def test_sanitize_html_keeps_allowed_markup():
    html = (
        '<h2>Tiêu đề</h2><p><strong>Đậm</strong> <em>nghiêng</em> <a href="https://laichau.gov.vn" title="t">link</a>'
        ' <a href="mailto:toasoan@example.com">thư</a></p><ul><li>một</li></ul><blockquote>trích</blockquote>'
        '<figure data-photo="2"></figure><figure><img src="/media/photos/a.jpg" alt="ảnh"><figcaption>c</figcaption></figure>'
    )
    assert sanitize_html(html) == html


def test_sanitize_html_rejects_non_numeric_photo_reference():
    assert sanitize_html('<figure data-photo="1 onclick=x"></figure>') == "<figure></figure>"


@pytest.mark.django_db
def test_article_body_is_sanitized_on_save():
    article = ArticleFactory(body='<p onmouseover="x()">Nội dung</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>Nội dung</p>"


@pytest.mark.parametrize("html", ["<A><TABLE><A>", "<a href='https://x.example'><table><a>y</a></table></a>"])
def test_misnested_markup_is_stable_when_saved_again(html):
    once = sanitize_html(html)
    assert sanitize_html(once) == once
