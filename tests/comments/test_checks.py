import pytest

from comments.checks import content_reasons, word_reasons
from comments.models import CommentFlag, WordListEntry

BANNED, SUSPECT = WordListEntry.Kind.BANNED, WordListEntry.Kind.SUSPECT


def _codes(reasons):
    return [(reason.code, reason.detail) for reason in reasons]


@pytest.mark.parametrize("text", ["Anh Nguyễn nói đúng", "Theo nguồn tin", "NGUYÊN tắc", "ngụ ý"])
def test_banned_word_does_not_catch_longer_or_accented_words(text):
    assert word_reasons(text, [("ngu", BANNED)]) == []


@pytest.mark.parametrize("text", ["Đồ ngu!", "mày NGU quá", "ngu, thật"])
def test_banned_word_matches_whole_word_in_any_case(text):
    assert _codes(word_reasons(text, [("ngu", BANNED)])) == [(CommentFlag.Code.BANNED_WORD, "ngu")]


def test_banned_phrase_matches_across_spacing_and_nfd_input():
    import unicodedata

    text = unicodedata.normalize("NFD", "Bọn   lừa   đảo cả")
    assert _codes(word_reasons(text, [("lừa đảo", BANNED)])) == [(CommentFlag.Code.BANNED_WORD, "lừa đảo")]


def test_word_written_without_diacritics_counts_as_suspect():
    assert _codes(word_reasons("bon lua dao", [("lừa đảo", BANNED)])) == [
        (CommentFlag.Code.SUSPECT_WORD, "lừa đảo")
    ]


def test_differently_accented_word_is_not_an_undiacritized_spelling():
    # "lửa đạo" has its own diacritics: it is another word, not "lừa đảo" typed without marks.
    assert word_reasons("lửa đạo", [("lừa đảo", BANNED)]) == []


def test_suspect_list_word_is_reported_as_suspect():
    assert _codes(word_reasons("Giá vàng tăng", [("vàng", SUSPECT)])) == [
        (CommentFlag.Code.SUSPECT_WORD, "vàng")
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("xem tại https://lua-dao.example/x", CommentFlag.Code.LINK),
        ("vào www.quangcao.vn nhé", CommentFlag.Code.LINK),
        ("mua ở shopgiare.com", CommentFlag.Code.LINK),
        ("gọi 0912 345 678 ngay", CommentFlag.Code.PHONE),
        ("gọi +84 912.345.678", CommentFlag.Code.PHONE),
        ("liên hệ ban.doc@gmail.com", CommentFlag.Code.EMAIL),
    ],
)
def test_content_checks_find_links_phones_and_emails(text, code):
    assert [reason.code for reason in content_reasons(text)] == [code]


@pytest.mark.parametrize(
    "text", ["Năm 2024 tỉnh có 11.769 đảng viên", "Tỷ lệ tăng từ 29,2% lên 44,9%.", "Nghị quyết số 05"]
)
def test_content_checks_leave_ordinary_numbers_alone(text):
    assert content_reasons(text) == []
