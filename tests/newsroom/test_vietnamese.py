"""Vietnamese for third-party text written without gettext: django-otp's names, the admin's yes/no icons."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_marking_otp_names_for_translation_makes_no_migration():
    # makemigrations exits with 1 when a model changed; it runs without translations, so nothing changed.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_otp_models_and_fields_are_named_in_vietnamese():
    with translation.override("vi"):
        assert str(TOTPDevice._meta.verbose_name_plural) == "thiết bị TOTP"
        field = TOTPDevice._meta.get_field("throttling_failure_count")
        assert str(field.verbose_name) == "số lần nhập sai liên tiếp"
        assert str(field.help_text) == "Số lần nhập sai liên tiếp."
    with translation.override("en"):
        assert str(TOTPDevice._meta.verbose_name) == "TOTP device"  # the English is the msgid


def test_third_party_apps_have_vietnamese_names():
    with translation.override("vi"):
        assert str(apps.get_app_config("axes").verbose_name) == "Chống dò mật khẩu"
        assert str(apps.get_app_config("otp_totp").verbose_name) == "Ứng dụng xác thực"
        assert str(apps.get_app_config("otp_static").verbose_name) == "Mã dự phòng"
        assert str(apps.get_app_config("sessions").verbose_name) == "Phiên đăng nhập"


def test_admin_yes_no_icons_say_co_and_khong(client, editor):
    ArticleFactory(featured=False)
    client.force_login(editor)
    text = client.get("/quan-tri/articles/article/").text
    assert 'alt="Không"' in text
    assert 'alt="False"' not in text and 'alt="True"' not in text
    assert 'alt="Tìm kiếm"' in text and 'alt="Search"' not in text


def test_totp_device_screen_is_in_vietnamese(client):
    admin = User.objects.create_superuser("quantri", "quantri@baolaichau.example", "mat-khau-dai-123")
    device = TOTPDevice.objects.create(user=admin, name="Điện thoại", confirmed=False)
    client.force_login(admin)
    text = client.get(f"/quan-tri/otp_totp/totpdevice/{device.pk}/change/").text
    for vietnamese in ["Thiết bị", "Chặn dò mã", "Số lần nhập sai liên tiếp.", "Xem mã QR"]:
        assert vietnamese in text
    for english in ["Identity", "Throttling", "Number of successive failed attempts.", ">qrcode<"]:
        assert english not in text
    config = client.get(f"/quan-tri/otp_totp/totpdevice/{device.pk}/config/").text
    assert "ứng dụng xác thực" in config and "Install" not in config
