"""The archive importer: `manage.py import_articles FILE.jsonl` on real files and a real database."""

import hashlib
import io
import json
import unicodedata
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles.models import Article, ArticlePhoto, Author, Photo, RelatedArticle, Section, Tag
from articles.stories.history import Revision
from articles.stories.importer import place_photos
from articles.stories.services import restore_revision, save_article, transition_article
from tests.factories import rendered_body


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    settings.MEDIA_URL = "/media/"
    settings.NEWSROOM = {**settings.NEWSROOM, "MARK": "BLC"}
    return root


@pytest.fixture
def archive(tmp_path):
    directory = tmp_path / "archive"
    directory.mkdir()
    return directory


def make_image(path, *, color=(200, 30, 30), size=(40, 30), image_format="JPEG"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, image_format)
    return path


def write_jsonl(path, lines):
    """Lines are dicts (dumped as JSON) or strings (written as they are, for broken lines)."""
    text = "\n".join(
        line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines
    )
    path.write_text(text + "\n", encoding="utf-8")
    return path


def run_import(path, *args):
    """Run the command; returns (stdout, stderr, error) where error is the CommandError, if any."""
    stdout, stderr = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("import_articles", str(path), *args, stdout=stdout, stderr=stderr)
    except CommandError as exc:
        error = exc
    return stdout.getvalue(), stderr.getvalue(), error


def story(external_id, **fields):
    return {
        "external_id": external_id,
        "title": f"Bài {external_id}",
        "lead": "Sapo của bài.",
        "body_html": "<p>Nội dung.</p>",
        "published_at": "2012-08-27T16:29:00+07:00",
        "section": "Thời sự",
        **fields,
    }


@pytest.mark.django_db
def test_import_good_lines_create_articles_with_their_relations(archive):
    make_image(archive / "anh" / "cau.jpg")
    make_image(archive / "anh" / "cho.png", color=(10, 120, 10), image_format="PNG")
    body = (
        '<p>Mở đầu.</p><figure class="x"><img alt="Cầu" src="anh/cau.jpg">'
        "<figcaption>Chú thích cũ</figcaption></figure><p>Kết.</p>"
    )
    path = write_jsonl(
        archive / "bai.jsonl",
        [
            story(
                "a-1",
                title="Khánh thành cầu Nậm Na",
                body_html=body,
                authors=["Trần Văn B", "Nguyễn Thị A"],
                tags=["Giao thông", "Cầu"],
                photos=[
                    {"file": "anh/cau.jpg", "caption": "Cầu mới", "credit": "Minh Đức", "alt": "Cây cầu"},
                    {"file": "anh/cho.png", "caption": "Chợ phiên"},
                ],
                extra_key_from_old_system="ignored",
            ),
            story("a-2", section="Kinh tế", authors=["Nguyễn Thị A"]),
        ],
    )

    stdout, stderr, error = run_import(path)

    assert error is None, stderr
    article = Article.objects.get(external_id="a-1")
    assert article.title == "Khánh thành cầu Nậm Na"
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at.isoformat() == "2012-08-27T09:29:00+00:00"
    assert article.section.name == "Thời sự"
    assert [author.name for author in article.byline] == ["Trần Văn B", "Nguyễn Thị A"]
    assert list(article.article_authors.values_list("position", flat=True)) == [1, 2]
    assert sorted(article.tags.values_list("name", flat=True)) == ["Cầu", "Giao thông"]
    assert article.body == "<p>Mở đầu.</p><p>[ảnh 1]</p><p>Kết.</p>"
    uses = list(article.body_photos.select_related("photo"))
    assert [(use.position, use.caption, use.credit, use.alt_text) for use in uses] == [
        (1, "Cầu mới", "Minh Đức", "Cây cầu"),
        (2, "Chợ phiên", "", ""),
    ]
    assert article.cover_photo == uses[0].photo
    assert (uses[0].photo.width, uses[0].photo.height) == (40, 30)
    assert uses[0].photo.checksum == hashlib.sha256((archive / "anh" / "cau.jpg").read_bytes()).hexdigest()
    rendered = rendered_body(article)
    assert rendered.index("Cầu mới") < rendered.index("Kết.") < rendered.index("Chợ phiên")
    assert Author.objects.filter(name="Nguyễn Thị A").count() == 1
    assert Section.objects.get(name="Kinh tế").articles.get().external_id == "a-2"


@pytest.mark.django_db
def test_import_documented_example_line_imports(archive):
    documentation = (Path(__file__).resolve().parents[3] / "docs" / "import-format.md").read_text()
    example = json.loads(documentation.split("```json\n", 1)[1].split("\n```", 1)[0])
    for photo in example["photos"]:
        make_image(archive / photo["file"])
    path = write_jsonl(archive / "articles.jsonl", [example])

    stdout, stderr, error = run_import(path)

    assert error is None, stderr
    article = Article.objects.get(external_id=example["external_id"])
    assert article.lead == "Sáng nay, cầu Nậm Na chính thức thông xe."
    assert "<p>[ảnh 1]</p>" in article.body
    assert article.body_photos.count() == 2
    assert stderr.count("(cảnh báo)") == 2  # its related stories are not in this database


@pytest.mark.django_db
def test_import_same_file_twice_updates_without_duplicates(archive):
    make_image(archive / "cau.jpg")
    line = story("a-1", authors=["A", "B"], tags=["x", "y"], photos=[{"file": "cau.jpg"}])
    path = write_jsonl(archive / "bai.jsonl", [line, story("a-2")])
    run_import(path)

    changed = {**line, "title": "Tiêu đề đã sửa", "authors": ["B"], "tags": ["z"]}
    write_jsonl(path, [changed, story("a-2")])
    stdout, stderr, error = run_import(path)

    assert error is None, stderr
    assert "Đã tạo: 0, đã cập nhật: 2, lỗi: 0" in stdout
    assert Article.objects.count() == 2
    assert Photo.objects.count() == 1
    assert ArticlePhoto.objects.count() == 1
    article = Article.objects.get(external_id="a-1")
    assert article.title == "Tiêu đề đã sửa"
    assert [author.name for author in article.byline] == ["B"]
    assert list(article.tags.values_list("name", flat=True)) == ["z"]


@pytest.mark.django_db
def test_import_same_image_in_two_articles_stores_one_photo(archive):
    make_image(archive / "a.jpg")
    (archive / "b.jpg").write_bytes((archive / "a.jpg").read_bytes())
    path = write_jsonl(
        archive / "bai.jsonl",
        [story("a-1", photos=[{"file": "a.jpg"}]), story("a-2", photos=[{"file": "b.jpg"}])],
    )

    run_import(path)

    assert Photo.objects.count() == 1
    assert ArticlePhoto.objects.count() == 2
    assert len(list((archive.parent / "media").rglob("*.jpg"))) == 1


@pytest.mark.django_db
def test_import_related_forward_ids_resolved_in_order(archive):
    path = write_jsonl(
        archive / "bai.jsonl",
        [
            story("a-1", related=["a-3", "a-2", "a-1"]),
            story("a-2", related=["a-1"]),
            story("a-3"),
        ],
    )

    stdout, stderr, error = run_import(path)

    assert error is None, stderr
    links = RelatedArticle.objects.filter(from_article__external_id="a-1").order_by("position")
    assert [(link.to_article.external_id, link.position) for link in links] == [("a-3", 1), ("a-2", 2)]
    assert RelatedArticle.objects.get(from_article__external_id="a-2").to_article.external_id == "a-1"
    assert stderr == ""


@pytest.mark.django_db
def test_import_related_id_found_nowhere_warns_without_failing(archive):
    path = write_jsonl(archive / "bai.jsonl", [story("a-1"), story("a-2", related=["khong-co", "a-1"])])

    stdout, stderr, error = run_import(path)

    assert error is None
    assert "Dòng 2 (cảnh báo): không tìm thấy bài liên quan “khong-co”" in stderr
    assert "cảnh báo: 1" in stdout
    assert RelatedArticle.objects.get().to_article.external_id == "a-1"


@pytest.mark.django_db
def test_import_related_id_in_database_resolved_and_links_replaced(archive):
    path = write_jsonl(archive / "cu.jsonl", [story("cu-1"), story("cu-2"), story("moi", related=["cu-1"])])
    run_import(path)

    path = write_jsonl(archive / "moi.jsonl", [story("moi", related=["cu-2"])])
    stdout, stderr, error = run_import(path)

    assert error is None, stderr
    assert list(
        RelatedArticle.objects.filter(from_article__external_id="moi").values_list("to_article__external_id")
    ) == [("cu-2",)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ('{"external_id": "x", "title": ', "JSON không hợp lệ"),
        ('["a", "b"]', "đối tượng JSON"),
        ({"external_id": "x", "section": "Thời sự"}, "thiếu tiêu đề (title)"),
        ({"external_id": "  ", "title": "T", "section": "Thời sự"}, "thiếu mã bài (external_id)"),
        ({"external_id": 7, "title": "T", "section": "Thời sự"}, "mã bài (external_id) phải là chuỗi"),
        (story("x", published_at="27/08/2012 16:29"), "không phải thời điểm ISO 8601"),
        (story("x", published_at="2012-08-27T16:29:00"), "thiếu múi giờ"),
        (story("x", status="Published"), "trạng thái (status)"),
        (story("x", tags="Giao thông"), "tags phải là danh sách chuỗi"),
        (story("x", photos=[{"file": "khong-co.jpg"}]), "không tìm thấy tệp ảnh “khong-co.jpg”"),
        (story("x", photos=[{"file": "hong.jpg"}]), "ảnh “hong.jpg” không dùng được"),
        (story("x", photos=[{"file": "../ngoai.jpg"}]), "phải nằm trong thư mục"),
        (story("x", section=""), "thiếu chuyên mục (section)"),
    ],
)
def test_import_bad_line_reported_with_number_while_good_lines_kept(archive, bad_line, reason):
    (archive / "hong.jpg").write_bytes(b"not a jpeg at all")
    make_image(archive.parent / "ngoai.jpg")
    path = write_jsonl(archive / "bai.jsonl", [story("a-1"), bad_line, story("a-3")])

    stdout, stderr, error = run_import(path)

    assert isinstance(error, CommandError)
    [message] = stderr.splitlines()
    assert message.startswith("Dòng 2: ")
    assert reason in message
    assert "Đã tạo: 2, đã cập nhật: 0, lỗi: 1" in stdout
    assert sorted(Article.objects.values_list("external_id", flat=True)) == ["a-1", "a-3"]


@pytest.mark.django_db
def test_import_several_bad_lines_each_reported(archive):
    path = write_jsonl(
        archive / "bai.jsonl",
        [
            "{oops",
            story("a-2"),
            {"external_id": "a-3"},
            story("a-4", photos=[{"file": "mat.jpg"}]),
            story("a-5", published_at="2012-08-27"),
        ],
    )

    stdout, stderr, error = run_import(path)

    assert isinstance(error, CommandError)
    assert [line.split(":")[0] for line in stderr.splitlines()] == ["Dòng 1", "Dòng 3", "Dòng 4", "Dòng 5"]
    assert "Dòng 3: thiếu tiêu đề (title)" in stderr
    assert list(Article.objects.values_list("external_id", flat=True)) == ["a-2"]


@pytest.mark.django_db
def test_import_unreadable_image_saves_nothing_from_its_line(archive, media_root):
    make_image(archive / "tot.jpg")
    (archive / "hong.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    line = story(
        "a-1",
        section="Mục mới",
        authors=["Tác giả mới"],
        tags=["Thẻ mới"],
        photos=[{"file": "tot.jpg"}, {"file": "hong.png"}],
    )
    path = write_jsonl(archive / "bai.jsonl", [line, story("a-2", section="Kinh tế")])

    stdout, stderr, error = run_import(path)

    assert isinstance(error, CommandError)
    assert "Dòng 1: ảnh “hong.png” không dùng được" in stderr
    assert list(Article.objects.values_list("external_id", flat=True)) == ["a-2"]
    assert list(Section.objects.values_list("name", flat=True)) == ["Kinh tế"]
    assert not Author.objects.exists()
    assert not Tag.objects.exists()
    assert not Photo.objects.exists()
    assert not [file for file in media_root.rglob("*") if file.is_file()]


@pytest.fixture
def photo_rows_refused():
    """A database trigger that refuses every ArticlePhoto row: a failure in the middle of a line's writes."""
    table = ArticlePhoto._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_row() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ "
                "LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER refuse_photo_use BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_row()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER refuse_photo_use BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER refuse_photo_use ON {table}")
            cursor.execute("DROP FUNCTION refuse_row()")
        else:
            cursor.execute("DROP TRIGGER refuse_photo_use")


@pytest.mark.django_db(transaction=True)
def test_import_database_failure_mid_line_rolls_back_the_whole_line(archive, media_root, photo_rows_refused):
    make_image(archive / "tot.jpg")
    path = write_jsonl(
        archive / "bai.jsonl",
        [
            story(
                "a-1",
                section="Mục mới",
                authors=["Tác giả mới"],
                tags=["Thẻ mới"],
                photos=[{"file": "tot.jpg"}],
            ),
            story("a-2", section="Mục mới", authors=["Tác giả mới"], tags=["Thẻ mới"]),
        ],
    )

    stdout, stderr, error = run_import(path)

    assert isinstance(error, CommandError)
    assert "Dòng 1: lỗi cơ sở dữ liệu" in stderr
    assert not Article.objects.filter(external_id="a-1").exists()
    assert Photo.objects.count() == 0
    assert not [file for file in media_root.rglob("*") if file.is_file()]
    # The section, author and tag the failed line created were rolled back; the next line makes them again.
    article = Article.objects.get(external_id="a-2")
    assert article.section.name == "Mục mới"
    assert [author.name for author in article.byline] == ["Tác giả mới"]
    assert list(article.tags.values_list("name", flat=True)) == ["Thẻ mới"]
    assert (Section.objects.count(), Author.objects.count(), Tag.objects.count()) == (1, 1, 1)


@pytest.mark.django_db
def test_import_hostile_body_html_sanitized(archive):
    body = (
        "<p>Tin.</p><script>alert(1)</script>"
        '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)" onclick="alert(4)">bấm</a>'
        '<p style="color:red" onmouseover="alert(5)">chữ</p>'
    )
    path = write_jsonl(archive / "bai.jsonl", [story("a-1", body_html=body)])

    run_import(path)

    stored = Article.objects.get().body
    for hostile in ("<script", "alert", "onerror", "onclick", "onmouseover", "javascript:", "style="):
        assert hostile not in stored
    assert "<p>Tin.</p>" in stored
    assert "bấm" in stored


@pytest.mark.django_db
def test_import_leading_paper_mark_stripped_from_lead(archive):
    path = write_jsonl(
        archive / "bai.jsonl",
        [
            story("a-1", lead="(BLC) - Sáng nay, cầu được khánh thành."),
            story("a-2", lead="(blc)– Chiều nay."),
        ],
    )

    run_import(path)

    assert Article.objects.get(external_id="a-1").lead == "Sáng nay, cầu được khánh thành."
    assert Article.objects.get(external_id="a-2").lead == "Chiều nay."


@pytest.mark.django_db
def test_import_nfd_input_stored_as_nfc_and_matches_existing_names(archive):
    section = Section.objects.create(name="Thời sự")
    author = Author.objects.create(name="Nguyễn Thị Ánh")
    tag = Tag.objects.create(name="Điện Biên")

    def nfd(text):
        return unicodedata.normalize("NFD", text)

    path = write_jsonl(
        archive / "bai.jsonl",
        [
            story(
                "a-1",
                title=nfd("Mùa lúa chín"),
                lead=nfd("Về Mường Tè"),
                body_html=nfd("<p>Ruộng bậc thang</p>"),
                section=nfd("Thời sự"),
                authors=[nfd("Nguyễn Thị Ánh")],
                tags=[nfd("Điện Biên")],
            )
        ],
    )

    run_import(path)

    article = Article.objects.get()
    assert article.title == "Mùa lúa chín" == unicodedata.normalize("NFC", article.title)
    assert article.lead == "Về Mường Tè"
    assert article.body == "<p>Ruộng bậc thang</p>"
    assert article.section == section
    assert article.byline == [author]
    assert list(article.tags.all()) == [tag]
    assert (Section.objects.count(), Author.objects.count(), Tag.objects.count()) == (1, 1, 1)


@pytest.mark.django_db
def test_import_draft_keeps_missing_published_at(archive):
    path = write_jsonl(
        archive / "bai.jsonl", [story("a-1", status="draft", published_at=None), story("a-2", status="draft")]
    )

    run_import(path)

    assert Article.objects.get(external_id="a-1").published_at is None
    assert Article.objects.get(external_id="a-1").status == Article.Status.DRAFT
    assert Article.objects.get(external_id="a-2").published_at.isoformat() == "2012-08-27T09:29:00+00:00"


@pytest.mark.django_db
def test_import_published_without_date_gets_import_time_and_a_warning(archive):
    line = story("a-1")
    del line["published_at"]
    path = write_jsonl(archive / "bai.jsonl", [line])

    stdout, stderr, error = run_import(path)

    assert error is None
    assert "Dòng 1 (cảnh báo): bài đã xuất bản nhưng thiếu published_at" in stderr
    assert Article.objects.get().is_public


@pytest.mark.django_db
def test_import_summary_and_progress_printed(archive):
    path = write_jsonl(archive / "bai.jsonl", [story(f"a-{n}") for n in range(1, 6)])

    stdout, stderr, error = run_import(path, "--progress-every", "2")

    assert error is None
    assert stdout.splitlines() == [
        "Đã đọc 2 dòng…",
        "Đã đọc 4 dòng…",
        "Đã tạo: 5, đã cập nhật: 0, lỗi: 0, cảnh báo: 0",
    ]


@pytest.mark.django_db
def test_import_quiet_prints_only_the_summary(archive):
    path = write_jsonl(archive / "bai.jsonl", [story(f"a-{n}") for n in range(1, 6)])

    stdout, stderr, error = run_import(path, "--quiet", "--progress-every", "1")

    assert stdout.splitlines() == ["Đã tạo: 5, đã cập nhật: 0, lỗi: 0, cảnh báo: 0"]


@pytest.mark.django_db
def test_import_blank_lines_skipped_and_counted_in_line_numbers(archive):
    path = write_jsonl(archive / "bai.jsonl", [story("a-1"), "", "   ", "{bad"])

    stdout, stderr, error = run_import(path)

    assert stderr.startswith("Dòng 4: JSON không hợp lệ")
    assert "Đã tạo: 1, đã cập nhật: 0, lỗi: 1" in stdout


@pytest.mark.django_db
def test_import_missing_file_raises_command_error(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_articles", str(tmp_path / "khong-co.jsonl"), stdout=io.StringIO())


def test_place_photos_handles_attribute_order_quotes_and_figures():
    positions = {"anh/1.jpg": 1, "anh/2 mới.jpg": 2}
    body = (
        "<p>a</p><img width=10 src='anh/1.jpg' alt=\"x > y\">"
        '<FIGURE class="f"><img alt="b" src="anh/2 mới.jpg" /><figcaption>cũ</figcaption></FIGURE>'
        '<figure><img src="http://cu.example/khac.jpg"><figcaption>giữ</figcaption></figure>'
        '<img data-src="anh/1.jpg" src="khac.jpg">'
    )

    assert place_photos(body, positions=positions) == (
        "<p>a</p><p>[ảnh 1]</p><p>[ảnh 2]</p>"
        '<figure><img src="http://cu.example/khac.jpg"><figcaption>giữ</figcaption></figure>'
        '<img data-src="anh/1.jpg" src="khac.jpg">'
    )


def test_place_photos_unescapes_entities_in_src():
    assert place_photos('<img src="a&amp;b.jpg">', positions={"a&b.jpg": 3}) == "<p>[ảnh 3]</p>"


@pytest.mark.django_db
def test_import_queries_per_line_constant_and_bounded(archive):
    def import_lines(prefix, count):
        lines = [
            story(f"{prefix}-{n}", authors=["A", "B"], tags=["x", "y", "z"], related=[f"{prefix}-0"])
            for n in range(count)
        ]
        path = write_jsonl(archive / f"{prefix}.jsonl", lines)
        with CaptureQueriesContext(connection) as queries:
            stdout, stderr, error = run_import(path, "--quiet")
        assert error is None, stderr
        return len(queries)

    import_lines("warm", 1)  # creates the section, the authors and the tags
    ten, thirty = import_lines("ten", 10), import_lines("thirty", 30)

    per_line, remainder = divmod(thirty - ten, 20)
    assert remainder == 0
    # Each line is written like an editor's save: the story, its byline, photos and tags, a revision of
    # all of it (read back for the snapshot) and a workflow event, each service in its own savepoint; the
    # publication makes any stored page of the story stale (one statement, articles/site/stored_pages.py).
    assert per_line <= 23
    assert ten - 10 * per_line <= 10  # what a run costs whatever its size
    assert RelatedArticle.objects.count() == 9 + 29


# --- Re-import never loses an editor's work -------------------------------------------------------------


@pytest.mark.django_db
def test_import_records_a_revision_and_an_event_for_every_story(archive):
    path = write_jsonl(archive / "bai.jsonl", [story("a-1"), story("a-2", status="draft")])
    run_import(path)
    for article in Article.objects.all():
        [revision] = article.revisions.all()
        assert revision.source == Revision.Source.IMPORT and revision.created_by is None
    published = Article.objects.get(external_id="a-1")
    [event] = published.events.all()
    assert (event.action, event.actor, event.from_status, event.to_status) == (
        "import",
        None,
        "draft",
        "published",
    )
    # A draft keeps the archive's time (an editor may schedule it later); the step records it.
    [event] = Article.objects.get(external_id="a-2").events.all()
    assert (event.action, event.to_status) == ("import", "draft")


@pytest.mark.django_db
def test_reimport_keeps_a_story_the_newsroom_edited_and_keeps_what_the_file_said(archive, editor):
    tags = ["Giao thông"]
    path = write_jsonl(
        archive / "bai.jsonl", [story("a-1", title="Tiêu đề trong kho", tags=tags), story("a-2")]
    )
    run_import(path)
    article = Article.objects.get(external_id="a-1")
    article.title = "Tiêu đề biên tập viên đã sửa"
    save_article(article=article, user=editor, opened_version=article.version)
    article.tags.clear()  # the newsroom dropped the tag too; the file's version still has it

    write_jsonl(
        archive / "bai.jsonl",
        [story("a-1", title="Tiêu đề mới trong kho", tags=tags), story("a-2", title="Đổi")],
    )
    stdout, stderr, error = run_import(path)

    assert error is None, stderr
    assert "Dòng 1 (cảnh báo): đã được sửa trong tòa soạn" in stderr
    assert "Đã tạo: 0, đã cập nhật: 1, giữ bản của tòa soạn: 1, lỗi: 0" in stdout
    article.refresh_from_db()
    assert article.title == "Tiêu đề biên tập viên đã sửa"
    kept = article.revisions.get(source=Revision.Source.UNAPPLIED)
    assert kept.title == "Tiêu đề mới trong kho" and "chưa áp dụng" in kept.note
    assert Article.objects.get(external_id="a-2").title == "Đổi"  # never edited: updated as before

    # The file's version can be compared and restored from the revisions page like any other.
    restored = restore_revision(revision=kept, user=editor)
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới trong kho" and restored.number == kept.number + 1
    assert list(article.tags.values_list("name", flat=True)) == ["Giao thông"]  # known names keep their tag


@pytest.mark.django_db
def test_reimport_with_overwrite_replaces_the_edited_story_with_a_revision_of_each(archive, editor):
    path = write_jsonl(archive / "bai.jsonl", [story("a-1", title="Tiêu đề trong kho")])
    run_import(path)
    article = Article.objects.get(external_id="a-1")
    article.title = "Tiêu đề biên tập viên đã sửa"
    save_article(article=article, user=editor, opened_version=article.version)

    write_jsonl(path, [story("a-1", title="Tiêu đề mới trong kho")])
    stdout, stderr, error = run_import(path, "--overwrite")

    assert error is None, stderr
    article.refresh_from_db()
    assert article.title == "Tiêu đề mới trong kho"
    titles = list(article.revisions.order_by("number").values_list("source", "title"))
    assert titles == [
        ("import", "Tiêu đề trong kho"),
        ("newsroom", "Tiêu đề biên tập viên đã sửa"),
        ("import", "Tiêu đề mới trong kho"),
    ]


@pytest.mark.django_db
def test_reimport_keeps_a_story_the_newsroom_published(archive, editor):
    path = write_jsonl(archive / "bai.jsonl", [story("a-1", status="draft")])
    run_import(path)
    article = Article.objects.get(external_id="a-1")
    transition_article(article=article, user=editor, action="publish")

    stdout, stderr, error = run_import(path)

    assert "đã được sửa trong tòa soạn" in stderr
    assert Article.objects.get(external_id="a-1").status == Article.Status.PUBLISHED


@pytest.mark.django_db
def test_import_gives_a_story_to_the_account_named_in_created_by(archive, reporter):
    path = write_jsonl(
        archive / "bai.jsonl",
        [story("a-1", status="draft", created_by="phongvien"), story("a-2", created_by="khong-co-ai")],
    )
    stdout, stderr, error = run_import(path)
    assert Article.objects.get(external_id="a-1").created_by == reporter
    assert Article.objects.get(external_id="a-2").created_by is None
    assert "Dòng 2 (cảnh báo): không có tài khoản “khong-co-ai” (created_by)" in stderr
