"""Error pages: the desk's (admin look, Vietnamese, the missing right named) and the reader's site's."""

import pytest

pytestmark = pytest.mark.django_db


def test_moderation_page_refused_to_a_reporter_names_the_right_and_links_to_the_desk(client, reporter):
    client.force_login(reporter)
    response = client.get("/kiem-duyet/")
    assert response.status_code == 403
    text = response.text
    assert "Trang này cần quyền “Kiểm duyệt bình luận”." in text
    assert 'href="/quan-tri/"' in text and "Về bàn làm việc" in text
    assert 'id="site-name"' in text  # the admin's own look
    assert "Forbidden" not in text


def test_admin_list_refused_names_the_admin_right_it_needs(client, reporter):
    client.force_login(reporter)
    response = client.get("/quan-tri/auth/user/")
    assert response.status_code == 403
    assert "Trang này cần quyền “Xem người dùng”." in response.text


def test_admin_change_refused_names_the_change_right(client, reporter):
    from django.contrib.auth.models import Group

    client.force_login(reporter)
    group = Group.objects.first()
    response = client.get(f"/quan-tri/auth/group/{group.pk}/change/")
    assert response.status_code == 403
    assert "Trang này cần quyền “Sửa nhóm”." in response.text


def test_unknown_desk_page_is_a_vietnamese_404_in_the_admin_look(client, editor):
    client.force_login(editor)
    response = client.get("/quan-tri/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Trang bạn tìm không có hoặc đã được chuyển đi." in response.text
    assert 'id="site-name"' in response.text and 'href="/quan-tri/"' in response.text
    assert "Not Found" not in response.text


def test_unknown_reader_page_keeps_the_public_404(client):
    response = client.get("/khong-co-trang-nay/trang-con/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text and "site.css" in response.text
    assert 'id="site-name"' not in response.text


def test_error_on_a_desk_page_is_a_vietnamese_500_in_the_admin_look(client, settings):
    settings.ROOT_URLCONF = "tests.urls_broken"
    client.raise_request_exception = False
    response = client.get("/quan-tri/loi/")
    assert response.status_code == 500
    assert "Xin lỗi, đã có lỗi xảy ra" in response.text and 'id="site-name"' in response.text
    assert "Traceback" not in response.text and "lỗi thử nghiệm" not in response.text
    assert response["Cache-Control"] == "private, no-store"


def test_reader_page_refused_is_a_vietnamese_403(client, rf):
    from django.core.exceptions import PermissionDenied

    from newsroom.views import permission_denied

    response = permission_denied(rf.get("/bai-viet/"), PermissionDenied())
    assert response.status_code == 403
    assert "Bạn không có quyền xem trang này." in response.content.decode()
