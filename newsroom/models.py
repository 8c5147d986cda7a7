"""The staff's sign-in security: which roles must sign in in two steps, and the sign-in audit in Vietnamese.

The sign-in records themselves are django-axes' (counted in the database, so every app server agrees);
the proxies here give them Vietnamese names and rights of their own in the admin.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from .common.dates import format_publish_time


def _record(text, username, moment):
    """What a sign-in row is called on its admin page (django-axes names its rows in English)."""
    return _gettext(text) % {
        "username": username or "—",
        "time": format_publish_time(moment) if moment else "—",
    }


class RoleSecurity(models.Model):
    """What a role (a staff group) must do to sign in; set by the managing editor."""

    group = models.OneToOneField(
        Group, verbose_name=_("vai trò"), on_delete=models.CASCADE, related_name="security"
    )
    require_two_factor = models.BooleanField(
        _("bắt buộc đăng nhập hai bước"),
        default=False,
        help_text=_("Người có vai trò này phải nhập mã từ ứng dụng xác thực (TOTP) mỗi lần đăng nhập."),
    )

    class Meta:
        verbose_name = _("bảo mật theo vai trò")
        verbose_name_plural = _("bảo mật theo vai trò")
        ordering = ["group__name"]

    def __str__(self):
        return self.group.name


class SignInLock(AccessAttempt):
    """Failed sign-ins counted per account and per address; deleting one lifts the lock."""

    class Meta:
        proxy = True
        verbose_name = _("khóa đăng nhập")
        verbose_name_plural = _("khóa đăng nhập")

    def __str__(self):
        return _record("Khóa đăng nhập của %(username)s, %(time)s", self.username, self.attempt_time)


class SignInRecord(AccessLog):
    """Every successful sign-in and sign-out."""

    class Meta:
        proxy = True
        verbose_name = _("lần đăng nhập")
        verbose_name_plural = _("nhật ký đăng nhập")

    def __str__(self):
        return _record("Lần đăng nhập của %(username)s, %(time)s", self.username, self.attempt_time)


class SignInFailure(AccessFailureLog):
    """Every failed sign-in, locked out or not."""

    class Meta:
        proxy = True
        verbose_name = _("lần đăng nhập sai")
        verbose_name_plural = _("đăng nhập sai")

    def __str__(self):
        return _record("Lần đăng nhập sai của %(username)s, %(time)s", self.username, self.attempt_time)
