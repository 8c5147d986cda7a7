"""{% comment_threads %}: each comment's markup, built in Python, escapes whatever a reader can type."""

from datetime import UTC, datetime
from html.parser import HTMLParser

from hypothesis import example, given
from hypothesis import strategies as st

from comments.models import Comment
from comments.templatetags.comments import comment_threads

ALLOWED_TAGS = {"ol", "li", "article", "header", "strong", "span", "time", "p", "br", "footer", "a"}
SUBMITTED = datetime(2012, 8, 27, 9, 29, tzinfo=UTC)


class _Reader(HTMLParser):
    """The tags, the names, the texts and the links of the rendered threads, as a browser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.names, self.texts, self.links, self.times = set(), [], [], [], []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if tag == "strong" and attrs.get("class") == "comment-name":
            self._in = "name"
            self.names.append("")
        elif tag == "p":
            self._in = "text"
            self.texts.append("")
        elif tag == "br" and self._in == "text":
            self.texts[-1] += "\n"
        elif tag == "a":
            self.links.append(attrs["href"])
        elif tag == "time":
            self.times.append(attrs["datetime"])

    def handle_endtag(self, tag):
        if tag in ("strong", "p"):
            self._in = None

    def handle_data(self, data):
        if self._in == "name":
            self.names[-1] += data
        elif self._in == "text":
            self.texts[-1] += data


def _comment(pk, name, body, **kwargs):
    comment = Comment(pk=pk, name=name, body=body, submitted_at=SUBMITTED, **kwargs)
    comment.approved_replies = []
    return comment


def _read(threads, *, is_open=True):
    reader = _Reader()
    reader.feed(str(comment_threads(threads, is_open)))
    reader.close()
    return reader


# Anything a person can paste (the form strips what XML forbids; the markup must not rely on it).
typed = st.text(st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\n\r\t"), min_size=1)


@given(name=typed, body=typed)
@example(name='<script>alert("x")</script>', body="</p><img src=x onerror=alert(1)>")
@example(name="Đ & Ư &amp; \"'", body="dòng một\r\ndòng hai\rdòng ba\n")
def test_any_name_and_text_come_back_as_typed_and_never_as_markup(name, body):
    reader = _read([_comment(7, name, body)])
    assert reader.tags <= ALLOWED_TAGS
    assert reader.names == [name]
    assert reader.texts == [body.replace("\r\n", "\n").replace("\r", "\n")]


def test_replies_follow_their_comment_and_only_top_level_comments_take_a_reply():
    parent = _comment(1, "An", "Ý kiến gốc.")
    parent.approved_replies = [
        _comment(2, "Tòa soạn Lai Châu", "Cảm ơn bạn.", staff_author_id=5),
        _comment(3, "Bình", "Đồng ý."),
    ]
    html = str(comment_threads([parent, _comment(4, "Chi", "Ý kiến khác.")], True))
    assert (
        html.index('id="binh-luan-1"') < html.index('<ol class="replies">') < html.index('id="binh-luan-2"')
    )
    assert html.index('id="binh-luan-3"') < html.index('id="binh-luan-4"')
    assert html.count('<span class="badge">Tòa soạn</span>') == 1
    reader = _read([parent])
    assert [link for link in reader.links if link.startswith("?tra-loi=")] == ["?tra-loi=1#viet-binh-luan"]
    assert reader.texts == ["Ý kiến gốc.", "Cảm ơn bạn.", "Đồng ý."]


def test_each_comment_has_its_own_report_link_and_time_in_gmt7():
    reader = _read([_comment(11, "An", "a"), _comment(12, "Bình", "b")], is_open=False)
    assert reader.links == ["/binh-luan/11/bao-vi-pham/", "/binh-luan/12/bao-vi-pham/"]
    assert reader.times == ["2012-08-27T16:29:00+07:00"] * 2
    assert "Thứ hai, 27/08/2012 - 16:29" in str(comment_threads([_comment(11, "An", "a")], False))
