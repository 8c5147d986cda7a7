"""Photo renditions: WebP and JPEG copies at a few widths, made once with Pillow and reused by every page."""

import io
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.utils.encoding import filepath_to_uri
from PIL import ExifTags, Image, ImageOps

from .models import Rendition

# Widths offered in srcset; an original narrower than one of them is served at its own width, never enlarged.
WIDTHS = (320, 640, 960, 1280)
# Link previews (Facebook, Zalo) want an image at least this wide; only this copy is ever enlarged.
SHARE_WIDTH = 1200
# The <img src> for browsers that ignore srcset: the offered width nearest to this one.
FALLBACK_WIDTH = 640
# The sizes attribute of each place a photo is drawn, matching static/css/site.css; templates name the place.
SIZES = {
    "article": "(min-width: 800px) 760px, 100vw",  # the article column, at most 760 px wide
    "lead": "(min-width: 1100px) 629px, (min-width: 720px) 60vw, 100vw",  # the home page's lead story
    "card": "(min-width: 1000px) 343px, (min-width: 720px) 50vw, 100vw",  # a story card in the home page's grids
    "row": "(min-width: 720px) 240px, 128px",  # the thumbnail beside a headline in a section, tag or search list
}
WEBP_OPTIONS = {"quality": 80, "method": 4}
JPEG_OPTIONS = {"quality": 82, "optimize": True, "progressive": True}
# What reading a photo's file can raise: missing, unreadable, not an image, or a decompression bomb.
IMAGE_ERRORS = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)
_QUARTER_TURNS = {5, 6, 7, 8}  # EXIF orientations whose upright image is the stored one turned sideways
_RGB_MODES = {"RGB", "RGBA", "P", "PA"}


# --- Which renditions a photo gets --------------------------------------------------------------------------


def srcset_widths(original_width):
    """The widths offered in srcset: each of WIDTHS narrower than the original, then the original, capped."""
    return sorted({*(width for width in WIDTHS if width < original_width), min(original_width, WIDTHS[-1])})


def share_width(original_width):
    """The width of the JPEG for link previews: the widest offered one, enlarged to SHARE_WIDTH if narrower."""
    return max(SHARE_WIDTH, min(original_width, WIDTHS[-1]))


def planned_renditions(original_width):
    """(width, format) of every rendition of a photo whose upright original is ``original_width`` wide."""
    widths = srcset_widths(original_width)
    planned = [(width, fmt) for fmt in (Rendition.Format.WEBP, Rendition.Format.JPEG) for width in widths]
    if share_width(original_width) not in widths:
        planned.append((share_width(original_width), Rendition.Format.JPEG))
    return planned


# --- Making them, once --------------------------------------------------------------------------------------


def ensure_renditions(photo):
    """All renditions of ``photo``, making those missing; a rendition that exists is never made again.

    Two processes may race to make the same one: the unique constraint keeps the first, and the other
    takes that row and deletes its own file. Raises one of IMAGE_ERRORS if the photo's file cannot be read.
    """
    current = _drop_stale(photo, list(Rendition.objects.filter(photo=photo)))
    with photo.image.storage.open(photo.image.name, "rb") as handle, Image.open(handle) as image:
        # The size comes from the header: a photo that has all its renditions is never decoded.
        upright = _upright_size(image)
        missing = [key for key in planned_renditions(upright[0]) if key not in current]
        if not missing:
            return _in_order(current.values())
        pixels = _decode(image, largest=max(width for width, _ in missing))
        encoded = [_encode(pixels, upright, width, fmt) for width, fmt in missing]
    made = _in_order([*current.values(), *_store(photo, encoded)])
    from ..site.stored_pages import forget_photo  # the pages' picture sources change

    forget_photo(photo.pk)
    return made


def make_renditions_on_commit(photo):
    """Make ``photo``'s renditions once its save commits, so a rolled-back save leaves no rows and no files.

    The editor who saves waits for them instead of the first reader; a failure is logged, the save stands
    and the pages show the original until `manage.py make_renditions` makes them.
    """
    transaction.on_commit(partial(ensure_renditions, photo), robust=True)


def _drop_stale(photo, renditions):
    """Delete the renditions of an image the photo no longer has (their files go on commit); the others by key."""
    stale = [rendition for rendition in renditions if rendition.source != photo.image.name]
    if stale:
        Rendition.objects.filter(pk__in=[rendition.pk for rendition in stale]).delete()
    return {
        (rendition.width, rendition.format): rendition for rendition in renditions if rendition not in stale
    }


def _upright_size(image):
    width, height = image.size
    if image.getexif().get(ExifTags.Base.Orientation) in _QUARTER_TURNS:
        return height, width
    return width, height


def _decode(image, *, largest):
    """The upright pixels in RGB or RGBA, decoded no larger than the ``largest`` rendition needs."""
    # A JPEG decodes at 1/2, 1/4 or 1/8 scale far faster; the square request keeps both sides >= largest,
    # whichever way the photo turns, so every rendition is still a reduction.
    image.draft(None, (largest, largest))
    ImageOps.exif_transpose(image, in_place=True)
    if image.mode not in _RGB_MODES:
        image.info.pop("icc_profile", None)  # a CMYK or grey profile would misdescribe the RGB pixels
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if has_alpha else "RGB"
    return image if image.mode == mode else image.convert(mode)


def _encode(pixels, upright, width, fmt):
    """(width, height, format, bytes) of one rendition; the height keeps the original's aspect ratio."""
    height = max(1, round(width * upright[1] / upright[0]))
    resized = pixels.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    options = {}
    if icc_profile := pixels.info.get("icc_profile"):
        options["icc_profile"] = icc_profile  # keeps a wide-gamut photo's colours right
    buffer = io.BytesIO()
    if fmt == Rendition.Format.WEBP:
        resized.save(buffer, "WEBP", **WEBP_OPTIONS, **options)
    else:
        if resized.mode == "RGBA":  # JPEG has no transparency: lay the photo on white
            background = Image.new("RGB", resized.size, (255, 255, 255))
            background.paste(resized, mask=resized.getchannel("A"))
            resized = background
        resized.save(buffer, "JPEG", **JPEG_OPTIONS, **options)
    return width, height, fmt, buffer.getvalue()


def _store(photo, encoded):
    """Save the files, then the rows in one insert; on a race, keep the rows another process made first."""
    pending = []
    try:
        for width, height, fmt, data in encoded:
            rendition = Rendition(
                photo=photo, width=width, height=height, format=fmt, source=photo.image.name
            )
            rendition.file.save(_file_name(photo, width, fmt), ContentFile(data), save=False)
            pending.append(rendition)
        try:
            with transaction.atomic():
                Rendition.objects.bulk_create(pending)
            return pending
        except IntegrityError:
            return [_save_or_take_existing(rendition) for rendition in pending]
    except BaseException:
        for rendition in pending:
            if rendition.pk is None and rendition.file:
                rendition.file.delete(save=False)
        raise


def _save_or_take_existing(rendition):
    try:
        with transaction.atomic():
            rendition.save(force_insert=True)
        return rendition
    except IntegrityError:
        existing = Rendition.objects.filter(
            photo_id=rendition.photo_id, width=rendition.width, format=rendition.format
        ).first()
        if existing is None:  # not the unique constraint (the photo itself is gone): nothing to take
            raise
        rendition.file.delete(save=False)
        return existing


def _file_name(photo, width, fmt):
    stem = PurePosixPath(photo.image.name).stem
    return f"{photo.pk}/{stem}-{width}.{'webp' if fmt == Rendition.Format.WEBP else 'jpg'}"


def _in_order(renditions):
    return sorted(renditions, key=lambda rendition: (rendition.format, rendition.width))


# --- Reading them on a page: never made here, a reader's GET does not write ----------------------------------


def renditions_for(photos):
    """{photo id: renditions} for many photos in one query; each photo's ``renditions.all()`` then needs none."""
    photos = [photo for photo in photos if photo is not None]
    prefetch_related_objects(photos, "renditions")
    return {photo.pk: list(photo.renditions.all()) for photo in photos}


def current_renditions(photo):
    """The renditions made from the photo's present file (prefetched if the page loaded them)."""
    if photo.pk is None or not photo.image:
        return []
    return [rendition for rendition in photo.renditions.all() if rendition.source == photo.image.name]


def share_rendition(photo):
    """The JPEG at least SHARE_WIDTH px wide that link previews show; None until it has been made."""
    wide = [
        r for r in current_renditions(photo) if r.format == Rendition.Format.JPEG and r.width >= SHARE_WIDTH
    ]
    return min(wide, key=lambda rendition: rendition.width, default=None)


def offered(photo):
    """{width: (webp, jpeg)} for the widths made in both formats: the enlarged share copy is not among them."""
    renditions = current_renditions(photo)
    webp = {r.width: r for r in renditions if r.format == Rendition.Format.WEBP}
    jpeg = {r.width: r for r in renditions if r.format == Rendition.Format.JPEG}
    return {width: (webp[width], jpeg[width]) for width in sorted(webp.keys() & jpeg.keys())}


@dataclass(frozen=True)
class PictureSources:
    """What a <picture> of one photo needs; the markup itself is templates/articles/photos/_picture.html."""

    webp: list
    jpeg: list
    fallback: object  # the JPEG rendition nearest FALLBACK_WIDTH
    width: int  # of the widest copy: the box's aspect ratio before the image arrives
    height: int

    @property
    def webp_srcset(self):
        return _srcset(self.webp)

    @property
    def jpeg_srcset(self):
        return _srcset(self.jpeg)

    @property
    def fallback_url(self):
        return file_url(self.fallback.file)


def _srcset(renditions):
    return ", ".join(f"{file_url(rendition.file)} {rendition.width}w" for rendition in renditions)


def file_url(field_file):
    """``field_file.url``, without urljoin's parsing for files on local disk.

    A story card's photo has 8 renditions: their URLs were 13 % of an uncached listing page's time, most of
    it in ``urljoin``. For a name we made (no scheme, no "..") joining onto a base URL that ends in "/" is
    concatenation; any other storage, or base URL, goes through the storage's own ``url()``.
    """
    storage = field_file.storage
    name = field_file.name
    if joins_by_concatenation(storage) and ".." not in name:
        return storage.base_url + filepath_to_uri(name).lstrip("/")
    return field_file.url


def joins_by_concatenation(storage):
    """Whether ``storage`` is the plain local one with a base URL ending in "/" (not a subclass, which may
    build URLs its own way). ``__class__``, not ``type()``: the fields' default storage is a lazy proxy."""
    return storage.__class__ is FileSystemStorage and storage.base_url.endswith("/")


def picture_sources(photo):
    """The renditions a <picture> offers, or None when there are none yet (the page shows the original)."""
    found = offered(photo)
    if not found:
        return None
    fallback = found[min(found, key=lambda width: abs(width - FALLBACK_WIDTH))][1]
    widest = found[max(found)][1]
    return PictureSources(
        webp=[webp for webp, _ in found.values()],
        jpeg=[jpeg for _, jpeg in found.values()],
        fallback=fallback,
        width=widest.width,
        height=widest.height,
    )


def thumbnail_rendition(photo):
    """The smallest copy, for the staff's grids and the editor (WebP if made): never the original."""
    renditions = current_renditions(photo)
    return min(
        renditions,
        key=lambda rendition: (rendition.format != Rendition.Format.WEBP, rendition.width),
        default=None,
    )
