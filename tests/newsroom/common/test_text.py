import unicodedata

import pytest

from articles.models import Article, Section
from newsroom.common.text import fold, nfc, slugify_vi, strip_leading_mark
from tests.factories import ArticleFactory


def test_slugify_vi_keeps_d_stroke_as_d():
    title = "Đăng kiểm xe cơ giới: Khâu quan trọng để đảm bảo an toàn"
    assert slugify_vi(title) == "dang-kiem-xe-co-gioi-khau-quan-trong-de-dam-bao-an-toan"


def test_slugify_vi_handles_nfd_input_and_capital_d():
    decomposed = unicodedata.normalize("NFD", "ĐẢNG BỘ xã Khun Há")
    assert slugify_vi(decomposed) == "dang-bo-xa-khun-ha"


def test_slugify_vi_cuts_long_titles_at_a_word_boundary():
    slug = slugify_vi("Nâng cao chất lượng hệ thống chính trị " * 20, max_length=50)
    assert len(slug) <= 50
    assert not slug.endswith("-")
    assert "nang-cao-chat-luong-he-thong-chinh-tri" in slug


def test_fold_removes_diacritics_and_case():
    assert fold("CHÍNH TRỊ Đăng Kiểm") == "chinh tri dang kiem"


def test_nfc_leaves_non_strings_alone():
    assert nfc(None) is None
    assert nfc(5) == 5


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("(BLC) - Sau 10 năm thực hiện", "Sau 10 năm thực hiện"),
        ("(BLC)– Sau 10 năm", "Sau 10 năm"),
        ("( blc ) — Sau", "Sau"),
        ("Sau 10 năm (BLC)", "Sau 10 năm (BLC)"),
    ],
)
def test_strip_leading_mark_variants(lead, expected):
    assert strip_leading_mark(lead, "BLC") == expected


@pytest.mark.django_db
def test_article_save_stores_nfc_text():
    decomposed_title = unicodedata.normalize("NFD", "Thủy điện Lai Châu")
    decomposed_lead = unicodedata.normalize("NFD", "Người dân tái định cư ổn định cuộc sống.")
    assert decomposed_title != unicodedata.normalize("NFC", decomposed_title)
    article = ArticleFactory(title=decomposed_title, lead=decomposed_lead)
    article.refresh_from_db()
    assert article.title == unicodedata.normalize("NFC", decomposed_title)
    assert unicodedata.is_normalized("NFC", article.lead)
    assert article.slug == "thuy-dien-lai-chau"


@pytest.mark.django_db
def test_queryset_update_and_lookup_normalize_to_nfc():
    section = Section.objects.create(name="Văn hóa")
    Section.objects.filter(pk=section.pk).update(name=unicodedata.normalize("NFD", "Văn hóa – Du lịch"))
    section.refresh_from_db()
    assert section.name == "Văn hóa – Du lịch"
    assert Section.objects.filter(name=unicodedata.normalize("NFD", "Văn hóa – Du lịch")).exists()


@pytest.mark.django_db
def test_full_clean_normalizes_form_input():
    article = Article(
        title=unicodedata.normalize("NFD", "Mùa lúa chín"), lead="x", section=Section.objects.create(name="A")
    )
    article.full_clean(exclude=["slug"])
    assert article.title == "Mùa lúa chín"
    assert unicodedata.is_normalized("NFC", article.title)


def test_slugify_vi_turns_underscores_into_word_breaks():
    # An underscore in a title used to make get_absolute_url() raise NoReverseMatch on every listing.
    assert slugify_vi("Giá xăng_dầu giảm từ chiều nay") == "gia-xang-dau-giam-tu-chieu-nay"
    assert slugify_vi("a＿b__c") == "a-b-c"
    assert slugify_vi("___") == ""


def test_nfc_replaces_soft_line_breaks_and_drops_what_xml_forbids():
    assert nfc("Dòng một\x0bdòng hai") == "Dòng một dòng hai"
    assert nfc("a\x00b\x1fc\ufffed\uffff") == "abcd"
    assert nfc("tab\tand\nnewline\r") == "tab\tand\nnewline\r"
