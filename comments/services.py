"""Every write on comments: submit, moderate, reply as the newspaper, report. Views and admin call these."""

import hashlib
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from articles.site import stored_pages
from articles.site.page_cache import purge_article_page
from newsroom.cache import process_copies
from newsroom.common.inserts import insert
from newsroom.common.text import nfc
from newsroom.db import prepared

from . import checks
from .models import Comment, CommentFlag, CommentReport, ModerationDecision

MODERATE_PERMISSION = "comments.moderate_comment"
_NOTIFIED_KEY = "comments:moderators-notified"


class SubmissionRefused(Exception):
    """A submission that is not stored (flood limit); the reader keeps the text and gets ``message``."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Submission:
    comment: Comment
    created: bool


def comments_open(article, *, now=None):
    """Whether ``article`` takes new comments: open on the article, and not past the automatic closing."""
    if not article.comments_open:
        return False
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    if days and article.published_at:
        return (now or timezone.now()) < article.published_at + timedelta(days=days)
    return True


def closing_moment(article):
    """When ``article``'s open comments close by age (None: they do not, or are closed already)."""
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    if not article.comments_open or not days or not article.published_at:
        return None
    moment = article.published_at + timedelta(days=days)
    return moment if moment > timezone.now() else None


def fingerprint(*, article_id, email, body):
    text = f"{article_id}\n{email.strip().casefold()}\n{' '.join(nfc(body).split()).casefold()}"
    return hashlib.sha256(text.encode()).hexdigest()


def submit_comment(
    *,
    article=None,
    article_id=None,
    name,
    email,
    body,
    parent=None,
    ip_address=None,
    user_agent="",
    honeypot_filled=False,
    seconds_to_fill=None,
):
    """Store a reader's comment for moderation, or return the one already received for the same text.

    ``article`` (or only its id: the comment view does not read it first) must be published and open to
    comments: else Article.DoesNotExist, or SubmissionRefused with the code "closed". Automatic checks
    never drop a comment: a banned word stores it as rejected, a robot's signs as spam, anything else as
    pending, each with its reasons. Only a refused submission (closed, flood limit) is not stored.
    """
    article_id = article.pk if article is not None else article_id
    name, email, body = nfc(name).strip(), email.strip(), nfc(body).strip()
    now = timezone.now()
    print_ = fingerprint(article_id=article_id, email=email, body=body)
    with transaction.atomic():
        target, existing, too_soon, this_hour = _wait_for_twins_then_check(
            article_id=article_id, fingerprint=print_, email=email, ip_address=ip_address, now=now
        )
        if target is None:
            raise Article.DoesNotExist(f"No published article {article_id} to comment on.")
        if not comments_open(target, now=now):
            raise SubmissionRefused(_("Bài viết này đã đóng bình luận."), code="closed")
        if existing is not None:
            return Submission(Comment.objects.get(pk=existing), created=False)
        if too_soon:
            raise SubmissionRefused(
                _("Bạn gửi bình luận quá nhanh. Vui lòng đợi %(seconds)s giây rồi gửi lại.")
                % {"seconds": settings.COMMENTS_MIN_INTERVAL_SECONDS},
                code="too_soon",
            )
        if settings.COMMENTS_MAX_PER_HOUR and this_hour >= settings.COMMENTS_MAX_PER_HOUR:
            raise SubmissionRefused(
                _("Bạn đã gửi %(count)s bình luận trong một giờ qua. Vui lòng quay lại sau.")
                % {"count": settings.COMMENTS_MAX_PER_HOUR},
                code="hourly_limit",
            )

        reasons = checks.analyze(
            name=name,
            body=body,
            honeypot_filled=honeypot_filled,
            seconds_to_fill=seconds_to_fill,
            min_fill_seconds=settings.COMMENTS_MIN_FILL_SECONDS,
        )
        codes = {reason.code for reason in reasons}
        if codes & {CommentFlag.Code.HONEYPOT, CommentFlag.Code.TOO_FAST}:
            status = Comment.Status.SPAM
        elif CommentFlag.Code.BANNED_WORD in codes:
            status = Comment.Status.REJECTED
        else:
            status = Comment.Status.PENDING
        # A comment with no reason to flag is the transaction's last write: its COMMIT rides with the INSERT.
        comment = insert(
            Comment(
                article=target,
                parent=parent,
                name=name,
                email=email,
                body=body,
                status=status,
                ip_address=ip_address,
                user_agent=(user_agent or "")[:500],
                submitted_at=now,
                fingerprint=print_,
            ),
            commit=not reasons,
        )
        if reasons:
            CommentFlag.objects.bulk_create(
                [CommentFlag(comment=comment, code=reason.code, detail=reason.detail) for reason in reasons]
            )
        if status == Comment.Status.PENDING:
            transaction.on_commit(notify_moderators)
    return Submission(comment, created=True)


def _wait_for_twins_then_check(*, article_id, fingerprint, email, ip_address, now):
    """Read the article, wait for submissions of the same text, email or address, then read the checks.

    Inside the transaction, so the duplicate and flood checks and the insert cannot interleave with a
    twin. PostgreSQL takes transaction-level advisory locks on those three keys only (in a fixed order, so
    two submissions never deadlock), and readers of one article do not queue behind each other. The three
    statements (article, locks, checks) go in one round trip; in READ COMMITTED each takes its own
    snapshot, so the checks see every twin committed while the locks were awaited. SQLite already runs
    one write transaction at a time (``transaction_mode`` IMMEDIATE); any other database locks the
    article's row.

    Returns (the article or None, the same text already received, a recent comment from the sender,
    the sender's count this hour).
    """
    target_sql, target_params = Article.objects.comment_target_query(article_id)
    sql, params = earlier_submissions_query(
        fingerprint=fingerprint, email=email, ip_address=ip_address, now=now
    )
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            keys = sorted(
                {
                    _lock_key("text", fingerprint),
                    _lock_key("email", email.casefold()),
                    *([_lock_key("ip", ip_address)] if ip_address else []),
                }
            )
            lock = "SELECT " + ", ".join(["pg_advisory_xact_lock(%s)"] * len(keys))
            # Prepared once per connection: planning these three was most of PostgreSQL's work here.
            prepared.execute(cursor, [target_sql, lock, sql], [*target_params, *keys, *params])
            row = cursor.fetchone()
            cursor.nextset()
            cursor.nextset()
        else:
            cursor.execute(target_sql, target_params)
            row = cursor.fetchone()
            if row and (
                vendor != "sqlite"
                or connection.settings_dict["OPTIONS"].get("transaction_mode") != "IMMEDIATE"
            ):
                Article.objects.select_for_update().filter(pk=article_id).first()
            cursor.execute(sql, params)
        existing, too_soon, count = cursor.fetchone()
    target = Article.objects.comment_target_from_row(row)
    return target, existing, bool(settings.COMMENTS_MIN_INTERVAL_SECONDS and too_soon), count


def _lock_key(kind, value):
    """A signed 64-bit advisory lock key for one sender or text (collisions only make two wait)."""
    digest = hashlib.blake2b(f"comments:{kind}:{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def earlier_submissions_query(*, fingerprint, email, ip_address, now):
    """SQL for what a submission must know first, in one query: the id of the same text already received,
    and the sender's comments in the minimum interval and in the last hour.

    The duplicate is the same text on the same article within the duplicate window; the flood limits count
    the sender's own comments (by email, case-insensitively, or by address; not the newsroom's replies).
    Written in SQL: the ORM's aggregate of these conditions cost more CPU than the rest of a submission
    (measured with cProfile), and every reader's comment goes through here. The same SQL runs on
    PostgreSQL and SQLite; ``comment_sender_email_idx`` serves ``UPPER(email)`` on both.
    """
    adapt = connection.ops.adapt_datetimefield_value
    interval = settings.COMMENTS_MIN_INTERVAL_SECONDS
    table = Comment._meta.db_table
    hour_ago = adapt(now - timedelta(hours=1))
    # Each part reads one index's range (the fingerprint, which names the article too; UPPER(email) and
    # time; address and time), so the cost is that of the sender's own few comments however many the
    # article or the site has. Written as an OR of conditions, or with the article's id, the query let the
    # planner read every comment of the article instead (seen with EXPLAIN on a table whose statistics
    # were not yet up to date, as after a busy hour).
    # The newsroom's replies are left out by the counts, not the ranges: with the condition in the
    # ranges the planner took the index of staff authors, which holds every reader's comment.
    columns = f"SELECT id, submitted_at, staff_author_id FROM {table} WHERE"
    senders = f"{columns} UPPER(email) = UPPER(%s) AND submitted_at > %s"
    params = [email, hour_ago]
    if ip_address:
        senders += f" UNION {columns} ip_address = %s AND submitted_at > %s"
        params += [ip_address, hour_ago]
    readers = "staff_author_id IS NULL"
    sql = (
        f"SELECT (SELECT MIN(id) FROM {table} WHERE fingerprint = %s AND submitted_at >= %s), "
        f"COUNT(CASE WHEN {readers} AND submitted_at > %s THEN 1 END), COUNT(CASE WHEN {readers} THEN 1 END) "
        f"FROM ({senders}) AS senders"
    )
    params = [
        fingerprint,
        adapt(now - timedelta(seconds=settings.COMMENTS_DUPLICATE_WINDOW_SECONDS)),
        adapt(now - timedelta(seconds=interval)),
        *params,
    ]
    return sql, params


def _require_moderator(user):
    if not user.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied(_("Bạn không có quyền kiểm duyệt bình luận."))


def moderate_comment(*, comment, moderator, to_status, note=""):
    """Move one comment to ``to_status`` and record the decision; the one code path for every decision."""
    _require_moderator(moderator)
    if to_status not in {Comment.Status.APPROVED, Comment.Status.REJECTED, Comment.Status.SPAM}:
        raise ValidationError(_("Quyết định không hợp lệ."), code="invalid_status")
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if locked.status == to_status:
            raise ValidationError(
                _("Bình luận đã ở trạng thái “%(status)s”.") % {"status": locked.get_status_display()},
                code="unchanged",
            )
        decision = ModerationDecision.objects.create(
            comment=locked,
            moderator=moderator,
            from_status=locked.status,
            to_status=to_status,
            note=nfc(note or "").strip()[:500],
        )
        locked.status = to_status
        locked.save(update_fields=["status"])
        if to_status != Comment.Status.APPROVED:
            # Removing a reported comment answers its reports.
            CommentReport.objects.filter(comment=locked, resolved_at__isnull=True).update(
                resolved_at=timezone.now(), resolved_by=moderator
            )
        stored_pages.forget([locked.article_id], linked=False)
        transaction.on_commit(lambda: purge_article_page(locked.article_id))
    comment.status = to_status
    return decision


def moderate_comments(*, comments, moderator, to_status, note=""):
    """Apply one decision to many comments; those already in that state are skipped. Returns how many moved."""
    _require_moderator(moderator)
    moved = 0
    for comment in comments:
        try:
            moderate_comment(comment=comment, moderator=moderator, to_status=to_status, note=note)
        except ValidationError as error:
            if error.code != "unchanged":
                raise
        else:
            moved += 1
    return moved


def reply_as_newspaper(*, comment, staff, body):
    """A staff member answers an approved comment in the newspaper's name ("Tòa soạn"), published at once."""
    _require_moderator(staff)
    body = nfc(body).strip()
    if not body:
        raise ValidationError(_("Nội dung trả lời không được để trống."), code="required")
    if comment.status != Comment.Status.APPROVED or comment.parent_id:
        raise ValidationError(_("Chỉ trả lời được bình luận gốc đã duyệt."), code="not_replyable")
    with transaction.atomic():
        reply = Comment.objects.create(
            article_id=comment.article_id,
            parent=comment,
            name=staff.get_full_name() or staff.get_username(),
            email=staff.email or "toasoan@localhost",
            body=body,
            status=Comment.Status.APPROVED,
            staff_author=staff,
            fingerprint=fingerprint(article_id=comment.article_id, email=staff.email, body=body),
        )
        ModerationDecision.objects.create(
            comment=reply,
            moderator=staff,
            from_status=Comment.Status.PENDING,
            to_status=Comment.Status.APPROVED,
            note=_("Trả lời của tòa soạn"),
        )
        stored_pages.forget([comment.article_id], linked=False)
        transaction.on_commit(lambda: purge_article_page(comment.article_id))
    return reply


def report_comment(*, comment, reason, detail="", ip_address=None):
    """A reader reports an approved comment; the same reader reporting it again is stored once."""
    if comment.status != Comment.Status.APPROVED:
        raise ValidationError(_("Chỉ báo vi phạm được bình luận đang hiển thị."), code="not_visible")
    with transaction.atomic():
        existing = CommentReport.objects.filter(
            comment=comment, ip_address=ip_address, resolved_at__isnull=True
        ).first()
        if existing is not None and ip_address:
            return existing
        return CommentReport.objects.create(
            comment=comment, reason=reason, detail=nfc(detail or "").strip()[:500], ip_address=ip_address
        )


def resolve_reports(*, comment, moderator):
    """Close every open report on ``comment`` (after the moderator kept or removed it)."""
    _require_moderator(moderator)
    return CommentReport.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=moderator
    )


# Once this process has seen that the moderators were mailed in this interval, it does not ask the shared
# cache again for a few seconds: at 500 comments a second, that question was a Redis round trip each.
NOTIFIED_LOCAL_SECONDS = 10
_notified_locally = {}


@process_copies
def _forget_notified():
    _notified_locally.clear()


def notify_moderators():
    """Mail the moderators that comments wait, at most once per configured interval."""
    interval = settings.COMMENTS_NOTIFY_INTERVAL_SECONDS
    now = time.monotonic()
    if now < _notified_locally.get("until", 0):
        return 0
    if not cache.add(_NOTIFIED_KEY, True, timeout=interval):
        _notified_locally["until"] = now + min(NOTIFIED_LOCAL_SECONDS, interval)
        return 0
    app_label, codename = MODERATE_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    recipients = sorted(
        set(
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(user_permissions=permission) | Q(groups__permissions=permission),
                is_active=True,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not recipients:
        return 0
    waiting = Comment.objects.pending().count()
    return send_mail(
        subject=_("Có %(count)s bình luận đang chờ duyệt") % {"count": waiting},
        message=_("Có %(count)s bình luận đang chờ duyệt. Mở hàng đợi kiểm duyệt: %(url)s")
        % {"count": waiting, "url": reverse("comments:queue")},
        from_email=None,
        recipient_list=recipients,
        fail_silently=True,
    )
