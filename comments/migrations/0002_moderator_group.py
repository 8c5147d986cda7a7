"""The "Kiểm duyệt viên" group: comments only. Safe to run again (get_or_create, set permissions)."""

from django.db import migrations

MODERATOR_GROUP = "Kiểm duyệt viên"
MODERATOR_PERMISSIONS = [
    ("comments", "moderate_comment"),
    ("comments", "view_comment"),
    ("comments", "view_commentflag"),
    ("comments", "view_commentreport"),
    ("comments", "change_commentreport"),
    ("comments", "view_moderationdecision"),
    ("comments", "view_wordlistentry"),
    ("comments", "add_wordlistentry"),
    ("comments", "change_wordlistentry"),
    ("comments", "delete_wordlistentry"),
]


def create_moderator_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; this migration needs them now.
    for app_config in apps.get_app_configs():
        # A migration's app stub has no models module and create_permissions needs one; the project's own
        # app configs (tests.factories.ensure_roles passes them) keep theirs, or post_migrate skips them after.
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = previous or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=MODERATOR_GROUP)
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in MODERATOR_PERMISSIONS
    ]
    group.permissions.set(permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_moderator_group, migrations.RunPython.noop)]
