"""The stored original of a photo: re-encoded from its decoded pixels, upright, without what it carried along.

An upload is kept as Pillow wrote it, never as it was sent: data appended to the image (HTML, a script, a
second file of a polyglot) is not part of the pixels and so is gone; the EXIF orientation is applied to the
pixels; of the metadata only the caption, author and copyright stay (no GPS position, camera serial or maker
notes); the colour profile stays so colours do not shift. The format stays the one uploaded.
"""

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import ExifTags, Image, ImageOps

# EXIF tags worth keeping for a newsroom: who took it, who owns it, what it shows.
KEPT_EXIF_TAGS = (ExifTags.Base.Artist, ExifTags.Base.Copyright, ExifTags.Base.ImageDescription)
JPEG_OPTIONS = {"quality": 92, "optimize": True, "subsampling": "keep"}
WEBP_OPTIONS = {"quality": 90, "method": 4}
PNG_OPTIONS = {"optimize": True}
_MODES = {
    "JPEG": {"L", "RGB", "CMYK"},
    "WEBP": {"RGB", "RGBA"},
    "PNG": {"1", "L", "LA", "P", "RGB", "RGBA", "I;16"},
}


def _kept_exif(image):
    source = image.getexif()
    kept = Image.Exif()
    for tag in KEPT_EXIF_TAGS:
        value = source.get(tag)
        if isinstance(value, str) and value.strip():
            kept[tag] = value
    return kept


def reencode(file):
    """A ContentFile holding ``file`` (an image already checked by validate_photo) as Pillow writes it anew."""
    file.seek(0)
    with Image.open(file) as image:
        image_format = image.format
        exif = _kept_exif(image)
        icc_profile = image.info.get("icc_profile")
        if image_format == "JPEG":
            # SubSampling "keep" needs the source's tables; the pixels turned upright are new, so choose.
            options = {**JPEG_OPTIONS, "subsampling": 0 if image.mode == "L" else 2}
        elif image_format == "WEBP":
            options = dict(WEBP_OPTIONS)
        else:
            options = dict(PNG_OPTIONS)
        upright = ImageOps.exif_transpose(image)  # decodes the pixels; a copy without the orientation tag
    if upright.mode not in _MODES[image_format]:
        upright = upright.convert("RGBA" if "A" in upright.mode or "transparency" in upright.info else "RGB")
    if image_format == "JPEG" and upright.mode == "RGBA":
        upright = upright.convert("RGB")
    if icc_profile:
        options["icc_profile"] = icc_profile
    if len(exif):
        options["exif"] = exif.tobytes()
    buffer = io.BytesIO()
    upright.save(buffer, image_format, **options)
    name = PurePosixPath(getattr(file, "name", "") or "anh").name
    return ContentFile(buffer.getvalue(), name=name)
