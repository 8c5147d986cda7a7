"""Live coverage ("Tường thuật trực tiếp"): a story marked live, and the short timestamped entries of it.

An editor who may publish starts the coverage (with the time it is expected to end) and ends it; the
story's reporter, a bylined reporter or an editor posts entries from the live desk. Every write goes
through the services (articles/stories/services.py: start_live, end_live, add/edit/remove_live_entry),
which record it in the story's revisions and make its stored page and cached copies stale. Readers see
the entries newest first; static/js/live.js polls the story's endpoint (articles/site/live.py) for new
ones. Once the coverage ends the story is an ordinary one that keeps its entries.
"""

import hashlib
import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.html import escape, linebreaks, strip_tags
from django.utils.translation import gettext_lazy as _

from newsroom.common.fields import NFCTextField
from newsroom.common.sanitizer import sanitize_html

from ..photos.models import Photo

ENTRY_MAX_LENGTH = 5000
# The story's columns of its coverage, written only by start_live and end_live.
LIVE_FIELDS = ("live_started_at", "live_planned_end", "live_ended_at")
_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


def entry_html(text):
    """What readers see of an entry: the HTML a desk sends, or plain text cut into paragraphs, sanitized
    against the bodies' allow-list either way."""
    text = (text or "").strip()
    source = text if _TAG.search(text) else linebreaks(escape(text))
    return sanitize_html(source)


def has_words(html):
    """Whether sanitized ``html`` says anything a reader can read."""
    return bool(strip_tags(html).replace("&nbsp;", " ").strip())


def coverage_stamp(article, entries):
    """A short name for what the live block shows now: the coverage's times and each entry's stamp. The
    reader's script sends the one its page was made with; the endpoint answers "unchanged" or the block."""
    parts = [article.live_started_at, article.live_planned_end, article.live_ended_at]
    text = "|".join(
        [*(moment.isoformat() if moment else "" for moment in parts), *(e.stamp for e in entries)]
    )
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


class LiveEntry(models.Model):
    """One update of a live story: when, what (as typed and as shown), an optional photo, who posted it."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="live_entries"
    )
    text = NFCTextField(_("nội dung"), max_length=ENTRY_MAX_LENGTH)
    # The text as readers see it, made on save (entry_html): an edit of the allow-list applies on next save.
    html = models.TextField(_("nội dung hiển thị"), editable=False, default="")
    photo = models.ForeignKey(
        Photo, verbose_name=_("ảnh"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    updated_at = models.DateTimeField(_("sửa lần cuối"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đưa tin"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tin tường thuật")
        verbose_name_plural = _("tin tường thuật")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index("article", models.F("created_at").desc(), name="live_entry_article_idx")]

    def __str__(self):
        return strip_tags(self.html)[:80]

    def save(self, *args, **kwargs):
        self.html = entry_html(self.text)
        super().save(*args, **kwargs)

    @property
    def stamp(self):
        """Changes whenever the entry does: the reader's script replaces an entry whose stamp is not its own."""
        return f"{self.pk}-{int(self.updated_at.timestamp() * 1000)}"
