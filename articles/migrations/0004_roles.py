"""The newsroom's groups and their rights. Safe to run again: groups are fetched or made, rights set."""

from django.db import migrations

VIEW_TAXONOMY = [
    ("articles", "view_section"),
    ("articles", "view_author"),
    ("articles", "view_tag"),
    ("articles", "add_tag"),
]
WRITE_STORIES = [
    ("articles", f"{verb}_{model}")
    for model in ("article", "photo", "articlephoto", "articleauthor", "relatedarticle")
    for verb in ("add", "change", "view")
]
REPORTER = WRITE_STORIES + VIEW_TAXONOMY
EDITOR = REPORTER + [
    ("articles", "edit_any_article"),
    ("articles", "publish_article"),
    ("articles", "change_tag"),
    ("articles", "view_correction"),
    ("comments", "view_comment"),
]
MANAGING_EDITOR = EDITOR + [
    ("articles", "takedown_article"),
    ("articles", "correct_article"),
    ("articles", "add_correction"),
    ("articles", "add_section"),
    ("articles", "change_section"),
    ("articles", "delete_section"),
    ("articles", "add_author"),
    ("articles", "change_author"),
    ("articles", "delete_author"),
    ("articles", "delete_tag"),
]
ROLES = {"Phóng viên": REPORTER, "Biên tập viên": EDITOR, "Thư ký tòa soạn": MANAGING_EDITOR}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # A migration's app stub has no models module and create_permissions needs one; the project's own
        # app configs (tests.factories.ensure_roles passes them) keep theirs, or post_migrate skips them after.
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = previous or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = previous

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, rights in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in rights
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial_workflow"),
        ("comments", "0002_moderator_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
