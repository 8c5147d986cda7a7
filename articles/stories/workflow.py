"""The editorial workflow's vocabulary: statuses, which are live, the transitions and who may take them.

A leaf module: it imports nothing of ours, so models, querysets, services and history can all read it.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("article status", "Nháp")
    SUBMITTED = "submitted", pgettext_lazy("article status", "Chờ duyệt")
    RETURNED = "returned", pgettext_lazy("article status", "Trả lại")
    SCHEDULED = "scheduled", pgettext_lazy("article status", "Hẹn giờ")
    PUBLISHED = "published", pgettext_lazy("article status", "Đã xuất bản")
    TAKEN_DOWN = "taken_down", pgettext_lazy("article status", "Đã gỡ")


# Statuses whose articles readers see once their publish time has come (scheduling needs no cron job).
LIVE_STATUSES = frozenset({Status.PUBLISHED, Status.SCHEDULED})
# What a reporter may still change in their own story; an editor changes any story that is not taken down.
REPORTER_EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})

# The rights, as Django permission names (the roles migration gives them to the newsroom's groups).
VIEW = "articles.view_article"
ADD = "articles.add_article"
CHANGE = "articles.change_article"
EDIT_ANY = "articles.edit_any_article"
PUBLISH = "articles.publish_article"
TAKE_DOWN = "articles.takedown_article"
CORRECT = "articles.correct_article"


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset
    target: str
    permission: str | None  # None: whoever may edit the story (its own reporter, or an editor)
    note_required: bool = False


TRANSITIONS = {
    t.action: t
    for t in (
        Transition(
            "submit", _("Gửi duyệt"), frozenset({Status.DRAFT, Status.RETURNED}), Status.SUBMITTED, None
        ),
        Transition(
            "return",
            _("Trả lại phóng viên"),
            frozenset({Status.SUBMITTED, Status.SCHEDULED}),
            Status.RETURNED,
            PUBLISH,
            note_required=True,
        ),
        Transition(
            "publish",
            _("Xuất bản ngay"),
            frozenset({Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.SCHEDULED}),
            Status.PUBLISHED,
            PUBLISH,
        ),
        Transition(
            "schedule",
            _("Hẹn giờ xuất bản"),
            frozenset({Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.SCHEDULED}),
            Status.SCHEDULED,
            PUBLISH,
        ),
        Transition(
            "take_down",
            _("Gỡ bài"),
            frozenset({Status.PUBLISHED, Status.SCHEDULED}),
            Status.TAKEN_DOWN,
            TAKE_DOWN,
            note_required=True,
        ),
    )
}

# The steps the story list applies to many stories at once, and the statuses each accepts there: publishing
# or scheduling in bulk is for stories a reporter submitted, never a draft nobody has asked to be read.
BULK_SOURCES = {
    "publish": frozenset({Status.SUBMITTED}),
    "schedule": frozenset({Status.SUBMITTED}),
    "take_down": TRANSITIONS["take_down"].sources,
}

# Steps in a story's history that are not transitions between statuses.
OTHER_ACTIONS = {
    "correct": _("Đính chính"),
    "feature": _("Đưa lên nổi bật"),
    "unfeature": _("Bỏ nổi bật"),
    "import": _("Nhập từ kho lưu trữ"),
    "photo_changed": _("Thay ảnh hoặc chú thích ảnh"),
    "live_start": _("Bắt đầu tường thuật trực tiếp"),
    "live_plan": _("Đổi giờ dự kiến kết thúc tường thuật"),
    "live_end": _("Kết thúc tường thuật trực tiếp"),
}


def action_label(action):
    if action in TRANSITIONS:
        return TRANSITIONS[action].label
    return OTHER_ACTIONS.get(action, action)


def status_label(value):
    return Status(value).label if value in Status.values else value


def is_live(status, published_at, now):
    """Whether a story with this status and publish time is what readers see at ``now``."""
    return status in LIVE_STATUSES and published_at is not None and published_at <= now


def shown_status(status, published_at, now):
    """The status as a person means it: a scheduled story whose time has come is published."""
    if status == Status.SCHEDULED and is_live(status, published_at, now):
        return Status.PUBLISHED
    return Status(status)


def may_edit(user, *, status, owner_id):
    """Editors edit any story not taken down; a reporter edits only their own drafts and returned stories."""
    if status == Status.TAKEN_DOWN or not user.has_perm(CHANGE):
        return False
    if user.has_perm(EDIT_ANY):
        return True
    return owner_id == user.pk and status in REPORTER_EDITABLE


def may_take(user, transition, *, status, owner_id):
    """Whether ``user`` has the right to take ``transition`` (the source status is checked separately)."""
    if transition.permission is None:
        return may_edit(user, status=status, owner_id=owner_id)
    return user.has_perm(transition.permission)


def may_post_live(user, *, status, owner_id, bylined):
    """Whether ``user`` may post, edit or remove entries of a live story: an editor on any story not taken
    down; a reporter on the story they own or whose byline names them (``bylined``), at any status."""
    if status == Status.TAKEN_DOWN or not user.has_perm(CHANGE):
        return False
    return user.has_perm(EDIT_ANY) or owner_id == user.pk or bylined
