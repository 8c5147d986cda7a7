"""Permission names in Vietnamese: Django writes "Can add <model>" rows in English, we rename them after each migrate."""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import _get_builtin_permissions
from django.db import DEFAULT_DB_ALIAS, router
from django.utils import translation
from django.utils.translation import gettext as _

# The four rights Django gives every model, by codename prefix.
ACTIONS = {
    "add": lambda model: _("Thêm %(model)s") % {"model": model},
    "change": lambda model: _("Sửa %(model)s") % {"model": model},
    "delete": lambda model: _("Xóa %(model)s") % {"model": model},
    "view": lambda model: _("Xem %(model)s") % {"model": model},
}


def vietnamese_permission_names():
    """{(app_label, codename): name} for the built-in rights of every installed model, in Vietnamese."""
    names = {}
    with translation.override(settings.LANGUAGE_CODE):
        for model in global_apps.get_models():
            opts = model._meta
            verbose_name = str(opts.verbose_name)
            for codename, _english in _get_builtin_permissions(opts):
                action = codename.split("_", 1)[0]
                names[(opts.app_label, codename)] = ACTIONS[action](verbose_name)[:255]
    return names


def name_permissions_in_vietnamese(*, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """post_migrate: give the built-in permission rows their Vietnamese names; a later migration that adds a
    model or re-creates its rows in English is renamed on the same run. Rows already right are not written."""
    try:
        Permission = apps.get_model("auth", "Permission")
    except LookupError:  # a migrate that stops before django.contrib.auth's tables
        return
    if not router.allow_migrate_model(using, Permission):
        return
    names = vietnamese_permission_names()
    changed = []
    rows = Permission.objects.using(using).select_related("content_type")
    for permission in rows.filter(codename__regex=r"^(add|change|delete|view)_"):
        name = names.get((permission.content_type.app_label, permission.codename))
        if name and permission.name != name:
            permission.name = name
            changed.append(permission)
    Permission.objects.using(using).bulk_update(changed, ["name"], batch_size=500)
