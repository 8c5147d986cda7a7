"""Staff sign-in under attack: failures limited per account and per address, locks the managing editor
lifts, an audit of every sign-in, two-step sign-in a role can require, and a password reset by e-mail."""

import re
import time

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.models import RoleSecurity, SignInFailure, SignInLock, SignInRecord

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-dai-123"
LOGIN = "/quan-tri/login/"


def _sign_in(client, username, password=PASSWORD, address="203.0.113.5"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, editor):
    for _ in range(4):
        wrong = _sign_in(client, "bientap", "sai-mat-khau")
        assert (
            wrong.status_code == 200 and 'name="username"' in wrong.text
        )  # the form again, with the name kept
    assert _sign_in(client, "bientap", "sai-mat-khau").status_code == 429  # the fifth locks
    locked = _sign_in(client, "bientap")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.text and "30 phút" in locked.text
    assert "no-store" in locked["Cache-Control"]
    assert client.get("/quan-tri/").status_code == 302  # not signed in
    assert SignInFailure.objects.filter(username="bientap").count() >= 5


def test_an_address_trying_many_accounts_is_locked(client, editor, reporter, moderator):
    for username in ("bientap", "phongvien", "kiemduyet", "khong-ai", "admin"):
        _sign_in(client, username, "doan-bua", address="198.51.100.9")
    assert _sign_in(client, "phongvien", address="198.51.100.9").status_code == 429
    assert _sign_in(client, "phongvien", address="203.0.113.77").status_code == 302  # another address is fine


def test_an_account_attacked_from_many_addresses_is_locked(client, editor):
    for n in range(5):
        _sign_in(client, "bientap", "doan-bua", address=f"198.51.100.{n + 1}")
    assert _sign_in(client, "bientap", address="203.0.113.5").status_code == 429


def test_the_managing_editor_lifts_a_lock_and_the_account_signs_in(client, editor, managing_editor):
    for _ in range(5):
        _sign_in(client, "bientap", "sai")
    lock = SignInLock.objects.get(username="bientap")
    boss = client.__class__()
    boss.force_login(managing_editor)
    listing = boss.get("/quan-tri/newsroom/signinlock/")
    assert listing.status_code == 200 and "bientap" in listing.text and "Mở khóa đăng nhập" in listing.text
    boss.post("/quan-tri/newsroom/signinlock/", {"action": "lift", "_selected_action": [lock.pk], "index": 0})
    assert not SignInLock.objects.exists()
    assert _sign_in(client, "bientap").status_code == 302


def test_an_editor_neither_sees_nor_lifts_locks(client, editor):
    client.force_login(editor)
    assert client.get("/quan-tri/newsroom/signinlock/").status_code == 403


def test_every_sign_in_is_in_the_audit_list(client, editor, managing_editor):
    _sign_in(client, "bientap", "sai")
    _sign_in(client, "bientap")
    assert SignInRecord.objects.filter(username="bientap").count() == 1
    assert SignInFailure.objects.filter(username="bientap").count() == 1
    boss = client.__class__()
    boss.force_login(managing_editor)
    assert "bientap" in boss.get("/quan-tri/newsroom/signinrecord/").text
    assert "bientap" in boss.get("/quan-tri/newsroom/signinfailure/").text


# --- Two-step sign-in -----------------------------------------------------------------------------------


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _require_two_factor_for(group_name):
    RoleSecurity.objects.filter(group__name=group_name).update(require_two_factor=True)


def test_a_role_that_requires_two_steps_must_set_up_the_app_first(client, editor):
    _require_two_factor_for("Biên tập viên")
    assert _sign_in(client, "bientap").status_code == 302
    blocked = client.get("/quan-tri/articles/article/")
    assert blocked.status_code == 302 and blocked["Location"].startswith(reverse("security:setup"))

    setup = client.get(reverse("security:setup"))
    assert "Bật đăng nhập hai bước" in setup.text and 'src="data:image/svg+xml;base64,' in setup.text
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    wrong = client.post(reverse("security:setup"), {"action": "confirm", "code": "000000"})
    assert "Mã không đúng" in wrong.text and not TOTPDevice.objects.get(pk=device.pk).confirmed
    too_soon = client.post(reverse("security:setup"), {"action": "confirm", "code": _code(device)})
    assert "vui lòng đợi vài giây" in too_soon.text  # each failure slows the next try (django-otp throttling)
    time.sleep(1.1)
    done = client.post(reverse("security:setup"), {"action": "confirm", "code": _code(device)})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)
    assert len(codes) == 10 and TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/quan-tri/articles/article/").status_code == 200


def test_with_the_app_set_up_each_sign_in_needs_a_code_or_a_recovery_code_once(client, editor):
    _require_two_factor_for("Biên tập viên")
    _sign_in(client, "bientap")
    device = TOTPDevice.objects.get_or_create(user=editor, defaults={"name": "app", "confirmed": False})[0]
    page = client.post(reverse("security:setup"), {"action": "confirm", "code": _code(device)})
    recovery = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page.text)[0]
    client.post(reverse("admin:logout"))

    _sign_in(client, "bientap")
    asked = client.get("/quan-tri/")
    assert asked["Location"].startswith(reverse("security:verify"))
    wrong = client.post(reverse("security:verify"), {"code": "123456"})
    assert "Mã không đúng hoặc đã hết hạn" in wrong.text
    assert client.get("/quan-tri/").status_code == 302
    assert (
        client.post(reverse("security:verify"), {"code": recovery, "next": "/quan-tri/"}).status_code == 302
    )
    assert client.get("/quan-tri/").status_code == 200

    client.post(reverse("admin:logout"))
    _sign_in(client, "bientap")
    again = client.post(reverse("security:verify"), {"code": recovery})
    assert "Mã không đúng" in again.text  # a recovery code works once


def test_staff_whose_role_does_not_require_it_are_not_stopped(client, reporter):
    _sign_in(client, "phongvien")
    assert client.get("/quan-tri/").status_code == 200


def test_a_required_second_step_cannot_be_turned_off(client, editor):
    _require_two_factor_for("Biên tập viên")
    _sign_in(client, "bientap")
    device = TOTPDevice.objects.get_or_create(user=editor, defaults={"name": "app", "confirmed": False})[0]
    client.post(reverse("security:setup"), {"action": "confirm", "code": _code(device)})
    refused = client.post(reverse("security:setup"), {"action": "disable"}, follow=True)
    assert "bắt buộc đăng nhập hai bước" in refused.text
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_the_managing_editor_requires_two_steps_for_a_role_from_the_admin(client, managing_editor):
    client.force_login(managing_editor)
    listing = client.get("/quan-tri/newsroom/rolesecurity/")
    assert listing.status_code == 200 and "Biên tập viên" in listing.text
    rows = list(RoleSecurity.objects.order_by("group__name"))
    data = {"form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": len(rows), "_save": "Lưu"}
    for index, row in enumerate(rows):
        data[f"form-{index}-id"] = row.pk
        if row.group.name == "Biên tập viên":
            data[f"form-{index}-require_two_factor"] = "on"
    assert client.post("/quan-tri/newsroom/rolesecurity/", data).status_code == 302
    assert list(
        RoleSecurity.objects.filter(require_two_factor=True).values_list("group__name", flat=True)
    ) == ["Biên tập viên"]


# --- Forgotten password -------------------------------------------------------------------------------


def test_a_forgotten_password_is_reset_by_email_in_vietnamese(client, editor):
    login = client.get(LOGIN)
    assert reverse("admin_password_reset") in login.text
    form = client.get(reverse("admin_password_reset"))
    assert "Quên mật khẩu" in form.text
    sent = client.post(reverse("admin_password_reset"), {"email": editor.email})
    assert sent.status_code == 302
    [message] = mail.outbox
    assert "Đặt lại mật khẩu" in message.subject and "Báo Lai Châu" in message.subject
    link = re.search(r"http://testserver(/quan-tri/dat-lai-mat-khau/\S+/)", message.body).group(1)
    page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in page.text
    done = client.post(
        page.redirect_chain[-1][0], {"new_password1": "Cau-Nam-Na-2026", "new_password2": "Cau-Nam-Na-2026"}
    )
    assert done.status_code == 302
    assert _sign_in(client, "bientap", "Cau-Nam-Na-2026").status_code == 302


def test_a_reset_asked_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    sent = client.post(reverse("admin_password_reset"), {"email": "khong-co@example.com"}, follow=True)
    assert "Hãy kiểm tra hộp thư" in sent.text and not mail.outbox
