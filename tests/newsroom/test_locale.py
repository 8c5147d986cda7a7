"""The project's Vietnamese catalogues: complete, not fuzzy, compiled into the committed .mo files."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"
CATALOGUES = ["django", "djangojs"]


def _entries(catalogue):
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): (entry.msgstr, dict(entry.msgstr_plural))
        for entry in catalogue
    }


def test_locale_paths_point_at_the_project_catalogue():
    assert LOCALE.parent.parent in [Path(path) for path in settings.LOCALE_PATHS]
    for name in CATALOGUES:
        assert (LOCALE / f"{name}.po").exists()
        assert (LOCALE / f"{name}.mo").exists()


@pytest.mark.parametrize("name", CATALOGUES)
def test_catalogue_has_no_fuzzy_or_untranslated_entry(name):
    catalogue = polib.pofile(str(LOCALE / f"{name}.po"))
    assert len(catalogue) > 50
    assert not [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not [entry.msgid for entry in catalogue.obsolete_entries()]
    assert catalogue.metadata["Plural-Forms"] == "nplurals=1; plural=0;"


@pytest.mark.parametrize("name", CATALOGUES)
def test_catalogue_placeholders_survive_translation(name):
    import re

    placeholder = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")
    for entry in polib.pofile(str(LOCALE / f"{name}.po")):
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in translations:
            assert sorted(placeholder.findall(text)) == sorted(placeholder.findall(entry.msgid)), entry.msgid


@pytest.mark.parametrize("name", CATALOGUES)
def test_committed_mo_matches_its_po(name, tmp_path):
    # A fresh clone has no GNU gettext: Django reads the committed .mo, which must say what the .po says.
    source = polib.pofile(str(LOCALE / f"{name}.po"))
    compiled = tmp_path / f"{name}.mo"
    source.save_as_mofile(str(compiled))
    committed = polib.mofile(str(LOCALE / f"{name}.mo"))
    assert _entries(committed) == _entries(polib.mofile(str(compiled)))


def test_project_translation_wins_over_django_own():
    # Django's vi catalogue says "Các mô models trong %(name)s"; the project's wording is the one shown.
    with translation.override("vi"):
        assert translation.gettext("Models in the %(name)s application") == "Các mục trong %(name)s"
        assert translation.gettext("Show counts") == "Hiện số lượng"
        assert (
            translation.ngettext("Please correct the error below.", "Please correct the errors below.", 3)
            == "Vui lòng sửa các lỗi bên dưới."
        )


# Names that are the same word in Vietnamese: what Django derives from them is already right.
SAME_IN_VIETNAMESE = {"email"}


def test_every_field_of_ours_has_a_verbose_name():
    from django.apps import apps

    missing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in {"articles", "comments", "newsroom"}
        for field in model._meta.get_fields()
        if field.concrete and not field.auto_created and field.name not in SAME_IN_VIETNAMESE
        if str(field.verbose_name) == field.name.replace("_", " ")
    ]
    assert not missing
