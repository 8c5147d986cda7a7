"""Vietnamese for what third-party code writes without gettext: django-otp's names, the admin's yes/no icons.

Only display attributes change. Migrations read a model's options from ``_meta.original_attrs`` and a
field's verbose name from ``_verbose_name``, and ``makemigrations`` runs without translations, so a help
text wrapped in gettext_lazy still equals its English original there: no migration sees any of this
(tests/newsroom/test_vietnamese.py checks it). The translations are in locale/vi/LC_MESSAGES/django.po.
"""

from django.apps import apps
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

# django-otp's plugins name their models and fields in plain English strings.
UNMARKED_APPS = ("otp_totp", "otp_static")

YES_NO = {True: gettext_lazy("Có"), False: gettext_lazy("Không"), None: gettext_lazy("Không rõ")}


def _marked(text):
    if not text:
        return text
    # The English as written (a derived plural is a lazy "{}s" of the English name): it is the msgid.
    with translation.override(None):
        return gettext_lazy(str(text))


def mark_unmarked_names():
    """Pass django-otp's model names, field names and help texts through gettext."""
    for label in UNMARKED_APPS:
        for model in apps.get_app_config(label).get_models():
            opts = model._meta
            opts.verbose_name = _marked(opts.verbose_name)
            opts.verbose_name_plural = _marked(opts.verbose_name_plural)
            for field in opts.get_fields():
                if field.auto_created or not hasattr(field, "verbose_name"):
                    continue
                field.verbose_name = _marked(field.verbose_name)
                field.help_text = _marked(field.help_text)


def boolean_icon(field_val):
    """The admin's yes/no/unknown icon with a Vietnamese alt text (Django's says "True", "False", "None")."""
    name = {True: "yes", False: "no", None: "unknown"}[field_val]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), YES_NO[field_val])


def install():
    from django.contrib.admin.templatetags import admin_list

    mark_unmarked_names()
    # The admin's list, its read-only fields and display_for_value import this name when they draw a
    # boolean, so replacing the module attribute reaches all three.
    admin_list._boolean_icon = boolean_icon
