"""Permission names: Vietnamese after every migrate, whatever a migration wrote."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from newsroom.permissions import name_permissions_in_vietnamese


def _name(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename).name


@pytest.mark.django_db
def test_builtin_permissions_have_vietnamese_names_after_migrate():
    assert _name("articles", "add_article") == "Thêm bài viết"
    assert _name("auth", "view_user") == "Xem người dùng"
    assert _name("auth", "change_group") == "Sửa nhóm"
    assert _name("sessions", "delete_session") == "Xóa phiên đăng nhập"
    assert _name("axes", "view_accessattempt") == "Xem lượt đăng nhập sai (axes)"
    assert not Permission.objects.filter(name__startswith="Can ").exists()


@pytest.mark.django_db
def test_permission_rewritten_in_english_by_a_migration_is_renamed_on_the_next_migrate():
    # What a new migration does: create_permissions writes "Can ..." rows for a model it meets.
    Permission.objects.filter(content_type__app_label="comments", codename="view_comment").update(
        name="Can view comment"
    )
    call_command("migrate", verbosity=0)
    assert _name("comments", "view_comment") == "Xem bình luận"


@pytest.mark.django_db
def test_permission_picker_shows_app_model_and_right_in_vietnamese():
    permission = Permission.objects.get(content_type__app_label="auth", codename="add_user")
    assert str(permission) == "Xác thực và ủy quyền | người dùng | Thêm người dùng"


@pytest.mark.django_db
def test_renaming_leaves_custom_rights_and_groups_alone(django_assert_max_num_queries):
    custom = Permission.objects.exclude(codename__regex=r"^(add|change|delete|view)_").first()
    assert custom is not None
    before = custom.name
    groups = {
        group.name: set(group.permissions.values_list("pk", flat=True)) for group in Group.objects.all()
    }
    # Nothing to rename: one read, no write.
    with django_assert_max_num_queries(1):
        name_permissions_in_vietnamese()
    custom.refresh_from_db()
    assert custom.name == before
    assert groups == {
        group.name: set(group.permissions.values_list("pk", flat=True)) for group in Group.objects.all()
    }
