"""Every write on a story (save, workflow steps one or many, featuring, corrections, restore); preview links.

These are the only functions that change an article. The admin, the workflow view, the archive importer,
revision restore and the demo loader all call them; nothing else assigns ``status`` or ``published_at``.
Each one checks the person's right on the server, works under a row lock inside one transaction, records
what happened (a revision, an event) and purges the reader's cached page once the transaction commits.
``user=None`` means the system (the importer, the demo loader): no rights are checked, events say so.
"""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.common.dates import format_clock, format_publish_time
from newsroom.common.text import nfc

from ..photos.models import Photo
from ..photos.services import save_photo
from ..site import stored_pages
from ..site.page_cache import purge_story
from . import notifications, workflow
from .history import ArticleEvent, Correction, Revision
from .live import ENTRY_MAX_LENGTH, LIVE_FIELDS, LiveEntry, entry_html, has_words
from .models import Article, ArticleAuthor, ArticlePhoto, Author, RelatedArticle, Section, Tag
from .workflow import TRANSITIONS, Status

PREVIEW_SALT = "articles.preview"
PREVIEW_MAX_AGE = timedelta(hours=48)
# What an editor without the right to publish cannot change, whatever a crafted form sends.
PUBLISHING_FIELDS = ("featured", "comments_open")
# Fields save_article never writes: the workflow owns the first two and the live coverage's, the first save
# the others.
_NOT_SAVED = {"id", "status", "published_at", "created_by", "created_at", *LIVE_FIELDS}


class EditConflict(ValidationError):
    """The article changed after the person opened it; ``current`` is the stored article."""

    def __init__(self, current):
        super().__init__(conflict_message(current), code="edit_conflict")
        self.current = current


def can_edit(user, article):
    """Editors edit any article; a reporter edits only their own drafts and returned articles."""
    return workflow.may_edit(user, status=article.status, owner_id=article.created_by_id)


def allowed_transitions(user, article):
    """The transitions ``user`` may apply to ``article`` now, for the buttons on its page."""
    current = article.shown_status
    return [
        transition
        for transition in TRANSITIONS.values()
        if current in transition.sources
        and workflow.may_take(user, transition, status=article.status, owner_id=article.created_by_id)
    ]


def lock_article(*, pk, opened_version=None):
    """The stored article, locked until the transaction ends; EditConflict if it is newer than was opened."""
    current = Article.objects.select_for_update().get(pk=pk)
    if opened_version is not None and opened_version != current.version:
        raise EditConflict(current)
    return current


# --- Saving what an editor (or the importer) wrote ---------------------------------------------------------


def save_article(
    *,
    article,
    user,
    opened_version=None,
    write_related=None,
    owner=None,
    note="",
    source=Revision.Source.NEWSROOM,
):
    """Create or update ``article``'s content and record it as a new revision; returns the revision.

    ``opened_version`` is the version the person's form showed: an older one raises EditConflict and
    nothing is written. ``write_related(article)`` writes what hangs off the story (authors, photos,
    related stories, tags) inside the same transaction, before the revision is taken. A new story is a
    draft owned by ``owner`` (default: ``user``); its status and publish time only change through
    ``transition_article`` or ``set_publication``.
    """
    with transaction.atomic():
        created = article.pk is None
        if created:
            if user is not None and not user.has_perm(workflow.ADD):
                raise PermissionDenied(_("Bạn không có quyền viết bài mới."))
            article.created_by = owner or user
            article.status, article.published_at, article.version = Status.DRAFT, None, 1
            article.save(force_insert=True)
        else:
            current = lock_article(pk=article.pk, opened_version=opened_version)
            if user is not None and not can_edit(user, current):
                raise PermissionDenied(_("Bạn không có quyền sửa bài này."))
            if user is not None and not user.has_perm(workflow.PUBLISH):
                for name in PUBLISHING_FIELDS:
                    setattr(article, name, getattr(current, name))
            article.status, article.published_at = current.status, current.published_at
            article.created_by_id, article.created_at = current.created_by_id, current.created_at
            for name in LIVE_FIELDS:
                setattr(article, name, getattr(current, name))
            article.version = current.version + 1
            article.save(update_fields=_content_fields())
        if write_related is not None:
            write_related(article)
        revision = _record_revision(article=article, user=user, note=note, source=source)
        if not created:  # a new story is on no page yet, stored or not
            stored_pages.forget([article.pk])
        transaction.on_commit(lambda: purge_story(article.pk))
    return revision


def _content_fields():
    return [field.name for field in Article._meta.concrete_fields if field.name not in _NOT_SAVED]


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
        **_live_snapshot(article),
    }


def _live_snapshot(article):
    """The live coverage in a revision: its times and every entry as typed (oldest first)."""
    if article.live_started_at is None:
        return {}
    return {
        "live": [_iso(article.live_started_at), _iso(article.live_planned_end), _iso(article.live_ended_at)],
        "live_entries": [
            [entry.pk, _iso(entry.created_at), entry.text, entry.photo_id]
            for entry in LiveEntry.objects.filter(article=article).order_by("created_at", "pk")
        ],
    }


def _iso(moment):
    return moment.isoformat() if moment else None


def _record_revision(*, article, user, note="", source=Revision.Source.NEWSROOM, content=None, data=None):
    """Store a revision numbered after the last one (locked, so two saves never take the same number)."""
    last = Revision.objects.select_for_update().filter(article=article).order_by("-number").first()
    title, lead, body = content or (article.title, article.lead, article.body)
    return Revision.objects.create(
        article=article,
        number=(last.number + 1) if last else 1,
        created_by=user,
        title=title,
        lead=lead,
        body=body,
        data=snapshot(article) if data is None else data,
        note=note[:200],
        source=source,
    )


def record_unapplied_revision(*, article, title, lead, body, data, note):
    """Keep what an import file said about a story without applying it, for an editor to compare or restore."""
    with transaction.atomic():
        return _record_revision(
            article=article,
            user=None,
            note=note,
            source=Revision.Source.UNAPPLIED,
            content=(title, lead, body),
            data=data,
        )


def edited_in_newsroom(article):
    """Whether the newsroom changed ``article`` after its last applied import (a save or a workflow step)."""
    imported = (
        article.revisions.filter(source=Revision.Source.IMPORT)
        .order_by("-number")
        .only("number", "created_at")
    ).first()
    newsroom = article.revisions.filter(source=Revision.Source.NEWSROOM)
    steps = article.events.filter(actor__isnull=False)
    if imported is not None:
        newsroom = newsroom.filter(number__gt=imported.number)
        steps = steps.filter(at__gt=imported.created_at)
    return newsroom.exists() or steps.exists()


def last_change(article):
    """(who, when) of the latest saved revision, for the edit-conflict message."""
    revision = article.revisions.select_related("created_by").order_by("-number").first()
    if revision is None:
        return None, article.updated_at
    return revision.created_by, revision.created_at


def conflict_message(article):
    who, when = last_change(article)
    name = (who.get_full_name() or who.get_username()) if who else _("một người khác")
    return _(
        "Bài này đã được %(who)s sửa lúc %(when)s (GMT+7) sau khi bạn mở nó. Nội dung bạn vừa nhập vẫn còn "
        "dưới đây, chưa được lưu: hãy mở bài ở tab khác để đối chiếu, gộp các thay đổi rồi bấm Lưu lần nữa."
    ) % {"who": name, "when": format_publish_time(when)}


def restore_revision(*, revision, user):
    """Copy an old revision back into the article; the restore itself becomes a new revision."""
    article = Article.objects.get(pk=revision.article_id)
    data = revision.data
    article.title, article.lead, article.body = revision.title, revision.lead, revision.body
    section_id = (data.get("section") or [None])[0]
    if section_id and Section.objects.filter(pk=section_id).exists():
        article.section_id = section_id
    cover = data.get("cover_photo")
    article.cover_photo_id = cover if cover in _existing(Photo, [cover]) else None
    photos = _existing(Photo, [row[0] for row in data.get("photos", [])])

    def write_related(article):
        article.tags.set(Tag.objects.filter(pk__in=[pk for pk, _name in data.get("tags", []) if pk]))
        authors = _existing(Author, [pk for pk, _name in data.get("authors", [])])
        replace_byline(article, [pk for pk, _name in data.get("authors", []) if pk in authors])
        ArticlePhoto.objects.filter(article=article).delete()
        ArticlePhoto.objects.bulk_create(
            ArticlePhoto(article=article, photo_id=pk, position=pos, caption=cap, credit=cred, alt_text=alt)
            for pk, pos, cap, cred, alt in data.get("photos", [])
            if pk in photos
        )
        related = _existing(Article, data.get("related", []))
        replace_related(article, [pk for pk in data.get("related", []) if pk in related])

    return save_article(
        article=article,
        user=user,
        write_related=write_related,
        note=_("Khôi phục từ phiên bản #%(number)s") % {"number": revision.number},
    )


def _existing(model, pks):
    return set(model.objects.filter(pk__in=[pk for pk in pks if pk]).values_list("pk", flat=True))


def replace_byline(article, author_ids):
    """The story's authors become ``author_ids``, in that order (called from ``write_related``)."""
    ArticleAuthor.objects.filter(article=article).delete()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author_id=pk, position=position)
        for position, pk in enumerate(dict.fromkeys(author_ids), start=1)
    )


def replace_related(article, article_ids):
    """The editor-picked related stories become ``article_ids``, in that order; the story itself is skipped."""
    RelatedArticle.objects.filter(from_article=article).delete()
    RelatedArticle.objects.bulk_create(
        RelatedArticle(from_article=article, to_article_id=pk, position=position)
        for position, pk in enumerate(dict.fromkeys(article_ids), start=1)
        if pk != article.pk
    )


def link_related_in_bulk(links):
    """Replace the related stories of many articles at once: ``{article id: [related ids in order]}``.

    For the archive importer, whose forward links are known only after the last line; a story never
    relates to itself. One delete and one insert for the whole batch.
    """
    with transaction.atomic():
        RelatedArticle.objects.filter(from_article_id__in=list(links)).delete()
        RelatedArticle.objects.bulk_create(
            RelatedArticle(from_article_id=article_id, to_article_id=pk, position=position)
            for article_id, related in links.items()
            for position, pk in enumerate((pk for pk in dict.fromkeys(related) if pk != article_id), start=1)
        )
        stored_pages.forget(links, linked=False)  # only the linking stories' own pages change
        for article_id in links:
            transaction.on_commit(lambda article_id=article_id: purge_story(article_id))


# --- The workflow ------------------------------------------------------------------------------------------

# Steps that put a story before readers: they are checked for what a reader would miss (publish_warnings).
PUBLISHING_ACTIONS = ("publish", "schedule")
TITLE_MAX_LENGTH = 100


class PublishWarnings(ValidationError):
    """The story lacks what a published story should have; the editor may publish anyway (``override``)."""

    def __init__(self, warnings):
        super().__init__(
            [ValidationError(text, code=code) for code, text in warnings], code="publish_warnings"
        )
        self.warnings = warnings


def publish_warnings(article):
    """What a reader would miss if ``article`` went out as stored: a list of (code, Vietnamese message)."""
    warnings = []
    if not article.article_authors.exists():
        warnings.append(("no_author", _("Bài chưa có tác giả.")))
    cover = article.cover_photo
    if cover is None:
        warnings.append(("no_cover_photo", _("Bài chưa có ảnh đại diện.")))
    elif not cover.alt_text.strip():
        warnings.append(("cover_without_alt", _("Ảnh đại diện chưa có mô tả ảnh (alt).")))
    for use in article.body_photos.select_related("photo"):
        if not (use.alt_text.strip() or use.photo.alt_text.strip()):
            warnings.append(
                (
                    "photo_without_alt",
                    _("Ảnh số %(position)s trong bài chưa có mô tả ảnh (alt).") % {"position": use.position},
                )
            )
    if len(article.title) > TITLE_MAX_LENGTH:
        warnings.append(
            (
                "long_title",
                _("Tiêu đề dài %(length)s ký tự, quá %(limit)s ký tự.")
                % {"length": len(article.title), "limit": TITLE_MAX_LENGTH},
            )
        )
    if not article.lead.strip():
        warnings.append(("empty_lead", _("Bài chưa có sapo.")))
    return warnings


def transition_article(
    *, article, user, action, note="", publish_at=None, opened_version=None, check_warnings=False
):
    """Apply the workflow step ``action`` to ``article`` for ``user``; returns the recorded event.

    ``publish_at`` is the time of a "schedule" (default: the time already set). ``opened_version`` is the
    version the person was looking at: a step taken on a story that changed since is refused. With
    ``check_warnings`` (the workflow buttons: an editor who has not yet said "Vẫn xuất bản"), publishing or
    scheduling a story that has ``publish_warnings`` raises PublishWarnings and changes nothing.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError(_("Thao tác không hợp lệ."), code="unknown_action")
    note = nfc(note or "").strip()
    with transaction.atomic():
        locked = lock_article(pk=article.pk, opened_version=opened_version)
        if not workflow.may_take(user, transition, status=locked.status, owner_id=locked.created_by_id):
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
        if check_warnings and action in PUBLISHING_ACTIONS:
            warnings = publish_warnings(locked)
            if warnings:
                raise PublishWarnings(warnings)
        event = _apply(locked, changes, actor=user, action=action, note=note)
        # One mail per step that changed the story, once it commits: a step refused above, or one undone
        # by a rollback, mails nobody; rescheduling to the time already set is no news.
        changed = changes["status"] != locked.status or changes.get("published_at", locked.published_at) != (
            locked.published_at
        )
        if changed and notifications.should_notify(event):
            transaction.on_commit(lambda: notifications.notify_step(event.pk))
    for field, value in changes.items():
        setattr(article, field, value)
    return event


def set_publication(*, article, status, published_at, note=""):
    """The system sets a story's status and publish time as an archive says (importer, demo loader).

    A live status needs a publish time; a draft keeps the archive's, if any. Recorded as an "import" event with no actor.
    Returns the event, or None when nothing changes.
    """
    status = Status(status)
    if status in workflow.LIVE_STATUSES and published_at is None:
        raise ValidationError(_("Bài đã xuất bản phải có thời điểm xuất bản."), code="publish_time_required")
    with transaction.atomic():
        locked = lock_article(pk=article.pk)
        if locked.status == status and locked.published_at == published_at:
            return None
        changes = {"status": status, "published_at": published_at}
        event = _apply(locked, changes, actor=None, action="import", note=note)
    for field, value in changes.items():
        setattr(article, field, value)
    return event


def _apply(locked, changes, *, actor, action, note):
    """Write a workflow change on the locked row and log it; the reader's page is purged on commit."""
    # Compare and set: on a database whose row lock is a no-op (SQLite), a step taken by someone else
    # since this one read the row changes nothing here, so no step is taken (or mailed) twice.
    unchanged = Article.objects.filter(pk=locked.pk, status=locked.status, published_at=locked.published_at)
    if not unchanged.update(**changes):
        raise ValidationError(
            _("Bài vừa được người khác chuyển trạng thái. Hãy tải lại trang rồi thử lại."),
            code="concurrent_change",
        )
    event = ArticleEvent.objects.create(
        article=locked,
        actor=actor,
        action=action,
        from_status=locked.status,
        to_status=changes["status"],
        note=note,
    )
    stored_pages.forget([locked.pk])
    transaction.on_commit(lambda: purge_story(locked.pk))
    return event


def set_featured(*, article, user, featured):
    """Put a story among the featured ones on the home page, or take it off; returns the event or None.

    Only whoever may publish decides what is featured (as in ``save_article``). The version goes up, so a
    form opened before this change cannot write the old value back without an edit conflict.
    """
    if not user.has_perm(workflow.PUBLISH):
        raise PermissionDenied(_("Bạn không có quyền chọn bài nổi bật."))
    with transaction.atomic():
        locked = lock_article(pk=article.pk)
        if locked.status == Status.TAKEN_DOWN:
            raise ValidationError(_("Bài đã gỡ không thể đưa lên nổi bật."), code="taken_down")
        if locked.featured == featured:
            return None
        Article.objects.filter(pk=locked.pk).update(featured=featured, version=locked.version + 1)
        event = ArticleEvent.objects.create(
            article=locked,
            actor=user,
            action="feature" if featured else "unfeature",
            from_status=locked.status,
            to_status=locked.status,
        )
        stored_pages.forget([locked.pk])
        transaction.on_commit(lambda: purge_story(locked.pk))
    article.featured, article.version = featured, locked.version + 1
    return event


BULK_ACTIONS = ("publish", "schedule", "take_down", "feature", "unfeature")


def apply_in_bulk(*, articles, user, action, note="", publish_at=None):
    """One step on each of ``articles`` for the story list; returns ``(done, refused)``.

    ``done`` lists the stories changed, ``refused`` ``(story, reason)`` pairs: each story is its own
    transaction through ``transition_article`` or ``set_featured``, so one refusal stops no other.
    Publishing and scheduling take only submitted stories (``workflow.BULK_SOURCES``); featuring a story
    already featured is neither done nor refused.
    """
    if action not in BULK_ACTIONS:
        raise ValidationError(_("Thao tác không hợp lệ."), code="unknown_action")
    done, refused = [], []
    for article in articles:
        try:
            if action in ("feature", "unfeature"):
                changed = set_featured(article=article, user=user, featured=action == "feature")
            else:
                changed = _bulk_transition(
                    article=article, user=user, action=action, note=note, at=publish_at
                )
        except (PermissionDenied, ValidationError) as refusal:
            refused.append((article, refusal_text(refusal)))
        else:
            if changed is not None:
                done.append(article)
    return done, refused


def _bulk_transition(*, article, user, action, note, at):
    transition = TRANSITIONS[action]
    current = article.shown_status
    if current not in workflow.BULK_SOURCES[action] and workflow.may_take(
        user, transition, status=article.status, owner_id=article.created_by_id
    ):
        raise ValidationError(
            _("chỉ “%(action)s” hàng loạt được bài đang ở trạng thái %(allowed)s; bài này đang “%(status)s”.")
            % {
                "action": transition.label,
                "allowed": ", ".join(
                    f"“{value.label}”" for value in Status if value in workflow.BULK_SOURCES[action]
                ),
                "status": current.label,
            },
            code="not_in_bulk_sources",
        )
    return transition_article(article=article, user=user, action=action, note=note, publish_at=at)


def refusal_text(refusal):
    """A refusal (PermissionDenied or ValidationError) as one sentence for a message."""
    return " ".join(refusal.messages) if isinstance(refusal, ValidationError) else str(refusal)


def add_correction(*, article, user, text):
    """Publish a correction on a live article: shown in its "Đính chính" block with the time."""
    if not user.has_perm(workflow.CORRECT):
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
        stored_pages.forget([article.pk])
        transaction.on_commit(lambda: purge_story(article.pk))
    return correction


# --- Live coverage ("Tường thuật trực tiếp", articles/stories/live.py) --------------------------------------


def may_post_live(user, article):
    """Whether ``user`` may post, edit or remove the entries of ``article``."""
    bylined = user.is_authenticated and article.article_authors.filter(author__user=user).exists()
    return workflow.may_post_live(
        user, status=article.status, owner_id=article.created_by_id, bylined=bylined
    )


def may_run_live(user, article):
    """Whether ``user`` may start, re-plan or end the live coverage of ``article``."""
    return user.has_perm(workflow.PUBLISH) and article.status != Status.TAKEN_DOWN


def may_open_live_desk(user, article):
    """Whether the story's live desk is ``user``'s to open (and so to link to)."""
    return may_run_live(user, article) or may_post_live(user, article)


def start_live(*, article, user, planned_end, started_at=None):
    """Mark ``article`` as covered live until about ``planned_end``; again while live: a new planned end;
    after an end: the coverage resumes from its first start. ``started_at`` (the demo loader): when a
    first start began, not in the future; the desk never sends one. Returns the event."""
    if not user.has_perm(workflow.PUBLISH):
        raise PermissionDenied(_("Chỉ biên tập viên được mở hoặc kết thúc tường thuật trực tiếp."))
    now = timezone.now()
    if planned_end is None or planned_end <= now:
        raise ValidationError(
            _("Thời điểm dự kiến kết thúc phải ở tương lai (giờ Việt Nam, GMT+7)."), code="end_in_past"
        )
    with transaction.atomic():
        locked = lock_article(pk=article.pk)
        if locked.status == Status.TAKEN_DOWN:
            raise ValidationError(_("Bài đã gỡ không thể tường thuật trực tiếp."), code="taken_down")
        action = "live_plan" if locked.is_live_now else "live_start"
        changes = {
            "live_started_at": locked.live_started_at or min(started_at or now, now),
            "live_planned_end": planned_end,
            "live_ended_at": None,
        }
        note = _("Dự kiến kết thúc: %(when)s (GMT+7)") % {"when": format_publish_time(planned_end)}
        event = _change_live(locked, changes, user=user, action=action, note=note)
    for name, value in changes.items():
        setattr(article, name, value)
    article.version = locked.version + 1
    return event


def end_live(*, article, user):
    """End the live coverage of ``article``: it stays an ordinary story with its entries. Returns the event."""
    if not user.has_perm(workflow.PUBLISH):
        raise PermissionDenied(_("Chỉ biên tập viên được mở hoặc kết thúc tường thuật trực tiếp."))
    with transaction.atomic():
        locked = lock_article(pk=article.pk)
        if not locked.is_live_now:
            raise ValidationError(_("Bài này không đang được tường thuật trực tiếp."), code="not_live")
        changes = {"live_ended_at": timezone.now()}
        event = _change_live(locked, changes, user=user, action="live_end", note="")
    article.live_ended_at = changes["live_ended_at"]
    article.version = locked.version + 1
    return event


def _change_live(locked, changes, *, user, action, note):
    """Write the coverage's times on the locked story (a new version: a form opened before cannot write
    them back), log the step and record the revision readers' JSON-LD now differs by."""
    Article.objects.filter(pk=locked.pk).update(
        **changes, version=locked.version + 1, updated_at=timezone.now()
    )
    for name, value in changes.items():
        setattr(locked, name, value)
    event = ArticleEvent.objects.create(
        article=locked,
        actor=user,
        action=action,
        from_status=locked.status,
        to_status=locked.status,
        note=note,
    )
    _record_revision(article=locked, user=user, note=workflow.action_label(action))
    _live_changed(locked.pk)
    return event


def _live_changed(article_id):
    stored_pages.forget([article_id], linked=False)  # no other page shows the entries
    transaction.on_commit(lambda: purge_story(article_id))


def _entry_text(text):
    """The entry's text, NFC, checked: something to read, not past the longest an entry may be."""
    text = nfc(text or "").strip()
    if not has_words(entry_html(text)):
        raise ValidationError(_("Nội dung tin không được để trống."), code="required")
    if len(text) > ENTRY_MAX_LENGTH:
        raise ValidationError(
            _("Tin dài %(length)s ký tự, quá %(limit)s ký tự: hãy tách thành hai tin.")
            % {"length": len(text), "limit": ENTRY_MAX_LENGTH},
            code="too_long",
        )
    return text


def _locked_for_entries(article, user):
    """The story, locked, if ``user`` may post on it; PermissionDenied otherwise."""
    locked = lock_article(pk=article.pk)
    if not may_post_live(user, locked):
        raise PermissionDenied(_("Bạn không có quyền đưa tin tường thuật của bài này."))
    return locked


# The same text from the same person within this is a second click, not a second entry.
DUPLICATE_ENTRY_WINDOW = timedelta(minutes=2)


def add_live_entry(*, article, user, text, photo=None, posted_at=None):
    """Post an entry on ``article``'s live coverage; ``photo`` is a library photo or a new one (unsaved,
    stored here with the entry). ``posted_at`` (the demo loader, an import): when it was posted, not in the
    future nor before the coverage began; the desk never sends one. Returns the entry."""
    text = _entry_text(text)
    with transaction.atomic():
        locked = _locked_for_entries(article, user)
        if not locked.is_live_now:
            raise ValidationError(
                _(
                    "Bài này không đang được tường thuật trực tiếp: hãy bắt đầu tường thuật trước khi đưa tin."
                ),
                code="not_live",
            )
        recent = timezone.now() - DUPLICATE_ENTRY_WINDOW
        if LiveEntry.objects.filter(
            article=locked, created_by=user, text=text, created_at__gte=recent
        ).exists():
            raise ValidationError(
                _("Tin này vừa được đưa lên (có thể do bấm nút hai lần); không đưa lại."), code="duplicate"
            )
        if photo is not None and photo.pk is None:
            photo = save_photo(photo=photo, user=user)
        now = timezone.now()
        when = now if posted_at is None else min(max(posted_at, locked.live_started_at), now)
        entry = LiveEntry.objects.create(
            article=locked, text=text, photo=photo, created_by=user, created_at=when
        )
        _entry_written(
            locked, user, _("Đưa tin trực tiếp lúc %(when)s") % {"when": format_clock(entry.created_at)}
        )
    return entry


def edit_live_entry(*, entry, user, text, photo=None, remove_photo=False):
    """Change an entry's text (and photo: a new one, or none with ``remove_photo``); kept in the revisions."""
    text = _entry_text(text)
    with transaction.atomic():
        locked = _locked_for_entries(entry.article, user)
        entry = LiveEntry.objects.select_for_update().get(pk=entry.pk)
        if photo is not None and photo.pk is None:
            photo = save_photo(photo=photo, user=user)
        entry.text = text
        if photo is not None or remove_photo:
            entry.photo = photo
        entry.save()
        _entry_written(
            locked, user, _("Sửa tin trực tiếp lúc %(when)s") % {"when": format_clock(entry.created_at)}
        )
    return entry


def remove_live_entry(*, entry, user):
    """Take an entry off the story; its text stays in the revisions before this one."""
    with transaction.atomic():
        locked = _locked_for_entries(entry.article, user)
        LiveEntry.objects.filter(pk=entry.pk).delete()
        _entry_written(
            locked, user, _("Gỡ tin trực tiếp lúc %(when)s") % {"when": format_clock(entry.created_at)}
        )


def _entry_written(locked, user, note):
    # The page changed (dateModified, feeds' and sitemaps' times read updated_at); the version does not
    # move: an editor with the story's form open while entries come in can still save it.
    now = timezone.now()
    Article.objects.filter(pk=locked.pk).update(updated_at=now)
    locked.updated_at = now
    _record_revision(article=locked, user=user, note=note)
    _live_changed(locked.pk)


# --- Preview links -----------------------------------------------------------------------------------------


def make_preview_token(article):
    return signing.dumps({"a": article.pk}, salt=PREVIEW_SALT, compress=True)


def article_from_preview_token(token):
    """The article a signed preview link opens; raises ``signing.SignatureExpired`` or ``BadSignature``."""
    data = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    pk = data.get("a")
    return Article.objects.page_story(pk) if isinstance(pk, int) else None
