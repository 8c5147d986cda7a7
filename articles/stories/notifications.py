"""Mail about a story's workflow: its reporter hears when it is returned, published or scheduled; whoever
may publish hears when one is submitted. Sent once the step commits, one mail per person per step.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from newsroom.common.dates import format_publish_time

from . import workflow
from .history import ArticleEvent

logger = logging.getLogger(__name__)

# The steps that mail someone, and whom: the story's reporter, or the people who may publish it.
TO_REPORTER = frozenset({"return", "publish", "schedule"})
TO_EDITORS = frozenset({"submit"})


def story_form_url(article_id):
    """The story's page in the admin, as an absolute URL on the newsroom's own address (SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + reverse("admin:articles_article_change", args=[article_id])


def should_notify(event):
    """Whether this step mails anyone: a person's step (never the system's) of a kind someone hears of."""
    return event.actor_id is not None and event.action in TO_REPORTER | TO_EDITORS


def publishers():
    """Active accounts with an address that may publish: by group, by their own right, or as superusers."""
    app_label, codename = workflow.PUBLISH.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    rights = Q(is_superuser=True)
    if permission is not None:
        rights |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return get_user_model().objects.filter(rights, is_active=True).exclude(email="").distinct()


def recipients(event):
    article = event.article
    if event.action in TO_EDITORS:
        people = list(publishers().exclude(pk=event.actor_id).order_by("pk"))
    else:
        owner = article.created_by
        people = [owner] if owner and owner.is_active and owner.email and owner.pk != event.actor_id else []
    return people


def _one_line(text):
    # A title is typed by a person: no line break may reach a mail header.
    return " ".join((text or "").split())


def _name(user):
    return user.get_full_name() or user.get_username()


def compose(event, person):
    """The subject and text of the mail ``person`` gets about ``event``, in Vietnamese."""
    article = event.article
    values = {
        "paper": settings.NEWSROOM["NAME"],
        "name": _name(person),
        "actor": _name(event.actor),
        "title": _one_line(article.title),
        "when": format_publish_time(event.at),
        "publish_at": format_publish_time(article.published_at) if article.published_at else "",
        "note": event.note,
        "url": story_form_url(article.pk),
    }
    if event.action == "submit":
        subject = _("[%(paper)s] Bài chờ duyệt: %(title)s")
        body = _(
            "Chào %(name)s,\n\n%(actor)s đã gửi duyệt bài “%(title)s” lúc %(when)s (GMT+7).\n\n"
            "Mở bài để duyệt: %(url)s\n"
        )
    elif event.action == "return":
        subject = _("[%(paper)s] Bài bị trả lại: %(title)s")
        body = _(
            "Chào %(name)s,\n\n%(actor)s đã trả lại bài “%(title)s” lúc %(when)s (GMT+7), với ghi chú:\n\n"
            "%(note)s\n\nSửa bài rồi gửi duyệt lại: %(url)s\n"
        )
    elif event.action == "publish":
        subject = _("[%(paper)s] Bài đã xuất bản: %(title)s")
        body = _(
            "Chào %(name)s,\n\n%(actor)s đã xuất bản bài “%(title)s” lúc %(when)s (GMT+7).\n\nMở bài: %(url)s\n"
        )
    else:
        subject = _("[%(paper)s] Bài được hẹn giờ xuất bản: %(title)s")
        body = _(
            "Chào %(name)s,\n\n%(actor)s đã hẹn giờ xuất bản bài “%(title)s” vào %(publish_at)s (GMT+7).\n\n"
            "Mở bài: %(url)s\n"
        )
    return _one_line(subject % values), body % values


def notify_step(event_id):
    """Mail everyone the step ``event_id`` concerns; returns how many mails were sent. Run on commit."""
    event = ArticleEvent.objects.select_related("article__created_by", "actor").filter(pk=event_id).first()
    if event is None or not should_notify(event):
        return 0
    messages = []
    for person in recipients(event):
        subject, body = compose(event, person)
        messages.append(EmailMessage(subject=subject, body=body, to=[person.email]))
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:  # the step is done and committed: a mail relay that fails must not undo or hide it
        logger.exception("workflow mail for event %s was not sent", event_id)
        return 0
