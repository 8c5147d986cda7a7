"""Every write on the photo library: a photo is stored re-encoded, its renditions made after commit.

Rights are checked here, not only in the admin: the uploader changes their own photo while no published
story shows it, editors change any. A change of image or caption on a photo that published stories show
is recorded in each of those stories' history and purges every page that shows it.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ..site import stored_pages
from ..site.page_cache import purge_site
from ..stories.history import ArticleEvent
from ..stories.live import LiveEntry
from ..stories.models import Article
from .models import Photo
from .originals import reencode
from .renditions import make_renditions_on_commit
from .rights import may_change

# What readers see of a photo; a change to any of these on a published photo is an editor's action.
SHOWN_FIELDS = ("image", "caption", "credit", "alt_text")


def _placed_in_body(photo):
    # The stored form of a library photo inserted with "Chèn ảnh" (newsroom.common.sanitizer.photo_figure).
    return Q(body__contains=f'<figure data-photo-id="{photo.pk}" ')


def stories_showing(photo):
    """The stories readers see now that show ``photo``: as cover, in the body ("[ảnh N]" or inserted) or in
    a live entry."""
    return (
        Article.objects.published()
        .filter(
            Q(cover_photo=photo)
            | Q(body_photos__photo=photo)
            | _placed_in_body(photo)
            | Q(live_entries__photo=photo)
        )
        .distinct()
    )


def in_use(photo):
    """Whether any story, published or not, shows ``photo``."""
    return (
        photo.uses.exists()
        or LiveEntry.objects.filter(photo=photo).exists()
        or Article.objects.filter(Q(cover_photo=photo) | _placed_in_body(photo)).exists()
    )


def can_change(user, photo):
    return may_change(user, photo, shown_by_public_story=stories_showing(photo).exists())


def save_photo(*, photo, user=None, image_changed=None):
    """Save ``photo`` (new or edited) for ``user`` (None: the system); returns it.

    A new image is re-encoded (no appended payload, no GPS position) and its renditions are made once the
    save commits, so no page ever makes one while a reader waits. Raises PermissionDenied, writing
    nothing, when ``user`` may not change this photo.
    """
    if photo.pk is None:
        if user is not None and not user.has_perm("articles.add_photo"):
            raise PermissionDenied(_("Bạn không có quyền tải ảnh lên."))
        photo.uploaded_by = photo.uploaded_by or user
        stored, changed, shown = None, set(SHOWN_FIELDS), []
    else:
        stored = Photo.objects.get(pk=photo.pk)
        shown = list(stories_showing(stored))
        if not may_change(user, stored, shown_by_public_story=bool(shown)):
            raise PermissionDenied(
                _(
                    "Ảnh này đang hiện trong bài đã xuất bản hoặc là ảnh của người khác: chỉ biên tập viên được sửa."
                )
                if shown
                else _("Bạn chỉ được sửa ảnh do chính mình tải lên.")
            )
        changed = {name for name in SHOWN_FIELDS if _value(photo, name) != _value(stored, name)}
        if image_changed:
            changed.add("image")
    if image_changed is None:
        image_changed = "image" in changed
    if image_changed and photo.image and not getattr(photo.image, "_committed", True):
        # A file not stored yet (an upload, an import): what is stored is the re-encoded image.
        cleaned = reencode(photo.image.file)
        photo.image.save(cleaned.name, cleaned, save=False)
    with transaction.atomic():
        photo.save()
        if image_changed:
            make_renditions_on_commit(photo)
        if changed and shown:
            _record_in_stories(photo, shown, user=user, changed=changed)
        # Captions and credits show on every page that uses the photo.
        if stored is not None:  # a new photo is on no page yet
            stored_pages.forget([story.pk for story in shown], linked=False)
            stored_pages.forget_photo(photo.pk)
        transaction.on_commit(purge_site)
    return photo


def upload_photos(*, files, user):
    """Store each of ``files`` (already validated) as a new photo for ``user``; returns the photos.

    Each is saved on its own (save_photo), so one that fails leaves the others stored.
    """
    return [save_photo(photo=Photo(image=file), user=user) for file in files]


def _value(photo, name):
    value = getattr(photo, name)
    return value.name if name == "image" else value


def _record_in_stories(photo, stories, *, user, changed):
    what = _("ảnh") if "image" in changed else _("chú thích, nguồn hoặc mô tả ảnh")
    note = _("Đã thay %(what)s của ảnh #%(pk)s “%(caption)s”.") % {
        "what": what,
        "pk": photo.pk,
        "caption": photo.caption or photo.image.name,
    }
    ArticleEvent.objects.bulk_create(
        ArticleEvent(
            article=story,
            actor=user,
            action="photo_changed",
            from_status=story.status,
            to_status=story.status,
            note=note,
        )
        for story in stories
    )
