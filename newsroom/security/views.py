"""The staff's own security screens: give the code of the second step, set up an authenticator app, recovery codes."""

import base64
import io
import logging

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .signin import two_factor_required

logger = logging.getLogger("newsroom.security")
RECOVERY_CODES = 10
APP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã dự phòng"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": gettext_lazy("Vui lòng nhập mã gồm 6 chữ số (hoặc một mã dự phòng).")},
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _page(request, template, **context):
    return TemplateResponse(
        request, template, {**admin.site.each_context(request), "next": _next_url(request), **context}
    )


def _matching_device(user, code):
    """The confirmed device that accepts ``code``, or (None, throttled) when none does.

    Six digits are an app's code, anything else a recovery code: only that kind of device is asked, so a
    mistyped app code does not also slow down the recovery codes (each failure throttles its device).
    """
    kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    throttled = False
    for device in kind.objects.devices_for_user(user, confirmed=True):
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        if device.verify_token(code):
            return device, False
    return None, throttled


@never_cache
@login_required(login_url="admin:login")
def verify(request):
    """The second step: a code from the authenticator app, or one recovery code (used once)."""
    if not user_has_device(request.user):
        return redirect("security:setup")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = _matching_device(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            logger.info("Two-step sign-in of %s with %s", request.user.get_username(), device.persistent_id)
            return redirect(_next_url(request))
        logger.warning("Wrong two-step code for %s", request.user.get_username())
        form.add_error(
            "code",
            _("Bạn đã nhập sai nhiều lần. Vui lòng đợi ít phút rồi thử lại.")
            if throttled
            else _("Mã không đúng hoặc đã hết hạn. Hãy nhập mã mới nhất trên ứng dụng."),
        )
    return _page(request, "admin/security/verify.html", form=form, title=_("Xác thực hai bước"))


def _qr_data_uri(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _new_recovery_codes(user):
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@never_cache
@login_required(login_url="admin:login")
def setup(request):
    """Turn two-step sign-in on (scan, confirm with a code, keep the recovery codes), renew codes, turn off."""
    user = request.user
    required = two_factor_required(user)
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    action = request.POST.get("action") if request.method == "POST" else None

    if confirmed is not None:
        if action == "recovery" and user.is_verified():
            codes = _new_recovery_codes(user)
            return _page(request, "admin/security/codes.html", codes=codes, title=_("Mã dự phòng mới"))
        if action == "disable" and user.is_verified():
            if required:
                messages.error(request, _("Vai trò của bạn bắt buộc đăng nhập hai bước: không thể tắt."))
            else:
                with transaction.atomic():
                    TOTPDevice.objects.filter(user=user).delete()
                    StaticDevice.objects.filter(user=user).delete()
                messages.success(request, _("Đã tắt đăng nhập hai bước."))
            return redirect("security:setup")
        return _page(
            request,
            "admin/security/setup.html",
            enabled=True,
            required=required,
            title=_("Bảo mật tài khoản"),
        )

    # Not set up yet: one pending device per person, kept until confirmed, so the QR code stays the same.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name=APP_DEVICE_NAME, confirmed=False
    )
    form = CodeForm(request.POST or None) if action == "confirm" or action is None else CodeForm()
    if action == "confirm" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _("Bạn vừa nhập sai: vui lòng đợi vài giây rồi nhập mã mới nhất."))
        elif device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(user)
            otp_login(request, device)
            logger.info("Two-step sign-in turned on for %s", user.get_username())
            return _page(
                request,
                "admin/security/codes.html",
                codes=codes,
                first_time=True,
                title=_("Đã bật đăng nhập hai bước"),
            )
        else:
            form.add_error("code", _("Mã không đúng. Hãy nhập mã 6 chữ số đang hiện trên ứng dụng."))
    secret = base64.b32encode(device.bin_key).decode()
    return _page(
        request,
        "admin/security/setup.html",
        enabled=False,
        required=required,
        form=form,
        qr=_qr_data_uri(device.config_url),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        title=_("Bật đăng nhập hai bước"),
    )


class _AdminPage:
    """Auth's own views, drawn in the admin's frame (header, the paper's name) like every staff page."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **admin.site.each_context(self.request)}


class PasswordResetView(_AdminPage, auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.html"
    subject_template_name = "registration/password_reset_subject.txt"

    def get_extra_email_context(self):
        return {"site_name": settings.NEWSROOM["NAME"]}

    def form_valid(self, form):
        self.extra_email_context = self.get_extra_email_context()
        return super().form_valid(form)


class PasswordResetDoneView(_AdminPage, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(_AdminPage, auth_views.PasswordResetConfirmView):
    pass


class PasswordResetCompleteView(_AdminPage, auth_views.PasswordResetCompleteView):
    pass
