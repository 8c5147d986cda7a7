"""Staff sign-in: the address django-axes counts, and who must sign in in two steps."""

import operator
from functools import reduce

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import RoleSecurity


def client_ip(request):
    """The address django-axes counts failures for: REMOTE_ADDR as TrustedProxyMiddleware set it."""
    return request.META.get("REMOTE_ADDR") or None


def two_factor_required(user):
    """Whether one of ``user``'s roles requires two-step sign-in (set by the managing editor)."""
    if not user.is_authenticated:
        return False
    return RoleSecurity.objects.filter(group__user=user, require_two_factor=True).exists()


def second_step(user):
    """What ``user`` must still do before the staff pages open: "verify" (give a code), "setup" (turn on
    an app their role requires) or None. One query for a staff member not verified yet, none after."""
    if not (user.is_authenticated and user.is_staff) or user.is_verified():
        return None
    devices = [TOTPDevice, StaticDevice]
    found = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            has_device=reduce(
                operator.or_,
                (Exists(model.objects.filter(user=OuterRef("pk"), confirmed=True)) for model in devices),
            ),
            required=Exists(RoleSecurity.objects.filter(group__user=OuterRef("pk"), require_two_factor=True)),
        )
        .values_list("has_device", "required")
        .first()
    )
    has_device, required = found or (False, False)
    if has_device:
        return "verify"
    return "setup" if required else None


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets: in Vietnamese, with how long the lock lasts; 429 Too Many Requests."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else None
    context = {
        **admin.site.each_context(request),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
    }
    response = render(request, "registration/locked.html", context, status=429)
    response["Cache-Control"] = "private, no-store"
    return response
