"""The managing editor lifts sign-in locks, reads the sign-in audit and sets two-step sign-in per role.

Re-runnable, like the other role migrations (tests call it again after flushing the tables).
"""

from django.db import migrations

ROLE_NAMES = ("Phóng viên", "Biên tập viên", "Thư ký tòa soạn", "Kiểm duyệt viên")
MANAGING_EDITOR = "Thư ký tòa soạn"
MANAGING_EDITOR_RIGHTS = (
    "view_signinlock",
    "delete_signinlock",
    "view_signinrecord",
    "view_signinfailure",
    "view_rolesecurity",
    "change_rolesecurity",
)


def grant_security_rights(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("newsroom")
    # A migration's app stub has no models module and create_permissions needs one; the project's own
    # app configs (tests.factories.ensure_roles passes them) keep theirs, or post_migrate skips them after.
    previous = getattr(app_config, "models_module", None)
    app_config.models_module = previous or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    RoleSecurity = apps.get_model("newsroom", "RoleSecurity")
    for name in ROLE_NAMES:
        group, _created = Group.objects.get_or_create(name=name)
        RoleSecurity.objects.get_or_create(group=group)
    managing = Group.objects.get(name=MANAGING_EDITOR)
    managing.permissions.add(
        *Permission.objects.filter(content_type__app_label="newsroom", codename__in=MANAGING_EDITOR_RIGHTS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("articles", "0004_roles"),
        ("comments", "0002_moderator_group"),
    ]

    operations = [migrations.RunPython(grant_security_rights, migrations.RunPython.noop)]
