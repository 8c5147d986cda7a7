"""Editorial writes: workflow transitions, revisions, corrections, preview links. Admin and views call these.

Each transition checks the user's right on the server, moves the article under a row lock and records who,
when and why. A transition that is not allowed raises ``ValidationError`` (Vietnamese message) or
``PermissionDenied`` and changes nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .dates import format_publish_time
from .history import ArticleEvent, Correction, Revision
from .models import Article, ArticleAuthor, ArticlePhoto, Author, Photo, RelatedArticle, Section, Tag
from .page_cache import purge_article_page
from .text import nfc

Status = Article.Status
PREVIEW_SALT = "articles.preview"
PREVIEW_MAX_AGE = timedelta(hours=48)


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset
    target: str
    permission: str | None  # None: the article's own reporter (or anyone who may edit it)
    note_required: bool = False


TRANSITIONS = {
    t.action: t
    for t in (
        Transition(
            "submit",
            gettext_lazy("Gửi duyệt"),
            frozenset({Status.DRAFT, Status.RETURNED}),
            Status.SUBMITTED,
            None,
        ),
        Transition(
            "return",
            gettext_lazy("Trả lại phóng viên"),
            frozenset({Status.SUBMITTED, Status.SCHEDULED}),
            Status.RETURNED,
            "articles.publish_article",
            note_required=True,
        ),
        Transition(
            "publish",
            gettext_lazy("Xuất bản ngay"),
            frozenset({Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.SCHEDULED}),
            Status.PUBLISHED,
            "articles.publish_article",
        ),
        Transition(
            "schedule",
            gettext_lazy("Hẹn giờ xuất bản"),
            frozenset({Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.SCHEDULED}),
            Status.SCHEDULED,
            "articles.publish_article",
        ),
        Transition(
            "take_down",
            gettext_lazy("Gỡ bài"),
            frozenset({Status.PUBLISHED, Status.SCHEDULED}),
            Status.TAKEN_DOWN,
            "articles.takedown_article",
            note_required=True,
        ),
    )
}


def can_edit(user, article):
    """Editors edit any article; a reporter edits only their own drafts and returned articles."""
    if article.status == Status.TAKEN_DOWN or not user.has_perm("articles.change_article"):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.created_by_id == user.pk and article.status in {Status.DRAFT, Status.RETURNED}


def _may(user, transition, article):
    if transition.permission is None:
        return can_edit(user, article)
    return user.has_perm(transition.permission)


def allowed_transitions(user, article):
    """The transitions ``user`` may apply to ``article`` now, for the buttons on its page."""
    current = article.shown_status
    return [t for t in TRANSITIONS.values() if current in t.sources and _may(user, t, article)]


def transition_article(*, article, user, action, note="", publish_at=None):
    """Apply the workflow step ``action`` to ``article``; returns the recorded event."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError(_("Thao tác không hợp lệ."), code="unknown_action")
    note = nfc(note or "").strip()
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if not _may(user, transition, locked):
            raise PermissionDenied(
                _("Bạn không có quyền “%(action)s” với bài này.") % {"action": transition.label}
            )
        current = locked.shown_status
        if current not in transition.sources:
            raise ValidationError(
                _("Không thể “%(action)s” bài đang ở trạng thái “%(status)s”.")
                % {"action": transition.label, "status": current.label},
                code="invalid_transition",
            )
        if transition.note_required and not note:
            raise ValidationError(
                _("Vui lòng ghi lý do khi “%(action)s”.") % {"action": transition.label}, code="note_required"
            )
        changes = {"status": transition.target}
        now = timezone.now()
        if action == "publish":
            changes["published_at"] = now
        elif action == "schedule":
            publish_at = publish_at or locked.published_at
            if publish_at is None or publish_at <= now:
                raise ValidationError(
                    _("Thời điểm hẹn giờ phải ở tương lai (giờ Việt Nam, GMT+7)."), code="schedule_in_past"
                )
            changes["published_at"] = publish_at
        Article.objects.filter(pk=locked.pk).update(**changes)
        event = ArticleEvent.objects.create(
            article=locked,
            actor=user,
            action=action,
            from_status=locked.status,
            to_status=transition.target,
            note=note,
        )
        transaction.on_commit(lambda: purge_article_page(locked.pk))
    for field, value in changes.items():
        setattr(article, field, value)
    return event


def add_correction(*, article, user, text):
    """Publish a correction on a live article: shown in its "Đính chính" block with the time."""
    if not user.has_perm("articles.correct_article"):
        raise PermissionDenied(_("Chỉ thư ký tòa soạn được đính chính bài."))
    text = nfc(text or "").strip()
    if not text:
        raise ValidationError(_("Nội dung đính chính không được để trống."), code="required")
    if not article.is_public:
        raise ValidationError(_("Chỉ đính chính được bài đang xuất bản."), code="not_public")
    with transaction.atomic():
        correction = Correction.objects.create(article=article, text=text, created_by=user)
        # The page changed: feeds, sitemaps and dateModified read updated_at.
        Article.objects.filter(pk=article.pk).update(updated_at=correction.created_at)
        ArticleEvent.objects.create(
            article=article,
            actor=user,
            action="correct",
            from_status=article.status,
            to_status=article.status,
            note=text,
        )
        transaction.on_commit(lambda: purge_article_page(article.pk))
    return correction


def snapshot(article):
    """Everything an editor sets on an article, as plain data for a revision."""
    return {
        "section": [article.section_id, article.section.name],
        "cover_photo": article.cover_photo_id,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "comments_open": article.comments_open,
        "tags": [[tag.pk, tag.name] for tag in article.tags.order_by("name")],
        "authors": [
            [link.author_id, link.author.name] for link in article.article_authors.select_related("author")
        ],
        "photos": [
            [use.photo_id, use.position, use.caption, use.credit, use.alt_text]
            for use in article.body_photos.order_by("position")
        ],
        "related": [link.to_article_id for link in article.related_links.order_by("position", "pk")],
    }


def save_revision(*, article, user, note=""):
    """Store the article as it is now; called after every save, so no editor's work is ever lost."""
    with transaction.atomic():
        last = Revision.objects.select_for_update().filter(article=article).order_by("-number").first()
        return Revision.objects.create(
            article=article,
            number=(last.number + 1) if last else 1,
            created_by=user,
            title=article.title,
            lead=article.lead,
            body=article.body,
            data=snapshot(article),
            note=note[:200],
        )


def last_change(article):
    """(who, when) of the latest saved revision, for the edit-conflict message."""
    revision = article.revisions.select_related("created_by").order_by("-number").first()
    if revision is None:
        return None, article.updated_at
    return revision.created_by, revision.created_at


def restore_revision(*, revision, user):
    """Copy an old revision back into the article; the restore itself becomes a new revision."""
    article = revision.article
    if not can_edit(user, article):
        raise PermissionDenied(_("Bạn không có quyền sửa bài này."))
    data = revision.data
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        article.title, article.lead, article.body = revision.title, revision.lead, revision.body
        section_id = data.get("section", [None])[0]
        if section_id and Section.objects.filter(pk=section_id).exists():
            article.section_id = section_id
        cover = data.get("cover_photo")
        article.cover_photo_id = cover if cover and Photo.objects.filter(pk=cover).exists() else None
        article.version += 1
        article.save()
        article.tags.set(Tag.objects.filter(pk__in=[pk for pk, _name in data.get("tags", [])]))
        ArticleAuthor.objects.filter(article=article).delete()
        existing_authors = set(
            Author.objects.filter(pk__in=[pk for pk, _n in data.get("authors", [])]).values_list(
                "pk", flat=True
            )
        )
        ArticleAuthor.objects.bulk_create(
            [
                ArticleAuthor(article=article, author_id=pk, position=index)
                for index, (pk, _name) in enumerate(data.get("authors", []))
                if pk in existing_authors
            ]
        )
        ArticlePhoto.objects.filter(article=article).delete()
        photo_ids = set(
            Photo.objects.filter(pk__in=[row[0] for row in data.get("photos", [])]).values_list(
                "pk", flat=True
            )
        )
        ArticlePhoto.objects.bulk_create(
            [
                ArticlePhoto(
                    article=article, photo_id=pk, position=pos, caption=cap, credit=cred, alt_text=alt
                )
                for pk, pos, cap, cred, alt in data.get("photos", [])
                if pk in photo_ids
            ]
        )
        RelatedArticle.objects.filter(from_article=article).delete()
        related_ids = set(Article.objects.filter(pk__in=data.get("related", [])).values_list("pk", flat=True))
        RelatedArticle.objects.bulk_create(
            [
                RelatedArticle(from_article=article, to_article_id=pk, position=index)
                for index, pk in enumerate(data.get("related", []))
                if pk in related_ids and pk != article.pk
            ]
        )
        return save_revision(
            article=article,
            user=user,
            note=_("Khôi phục từ phiên bản #%(number)s") % {"number": revision.number},
        )


def make_preview_token(article):
    return signing.dumps({"a": article.pk}, salt=PREVIEW_SALT, compress=True)


def article_from_preview_token(token):
    """The article a signed preview link opens; raises ``signing.SignatureExpired`` or ``BadSignature``."""
    data = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    return Article.objects.for_page().filter(pk=data.get("a")).first()


def conflict_message(article):
    who, when = last_change(article)
    name = (who.get_full_name() or who.get_username()) if who else _("một người khác")
    return _(
        "Bài này đã được %(who)s sửa lúc %(when)s (GMT+7) sau khi bạn mở nó. Nội dung bạn vừa nhập vẫn còn "
        "dưới đây, chưa được lưu: hãy mở bài ở tab khác để đối chiếu, gộp các thay đổi rồi bấm Lưu lần nữa."
    ) % {"who": name, "when": format_publish_time(when)}
