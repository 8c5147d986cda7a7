"""Upload checks done with Pillow: a real JPEG, PNG or WebP within the size and pixel limits."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_photo(file):
    """Refuse anything that is not a decodable JPEG, PNG or WebP of sane size, with a Vietnamese message."""
    size = getattr(file, "size", None)
    if size is not None and size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("Ảnh quá lớn (%(size)s). Dung lượng tối đa là %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(settings.PHOTO_MAX_BYTES)},
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            if width * height > settings.PHOTO_MAX_PIXELS:
                raise ValidationError(
                    _("Ảnh có quá nhiều điểm ảnh (%(width)s×%(height)s)."),
                    code="too_many_pixels",
                    params={"width": width, "height": height},
                )
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:
        # Pillow refuses to even read the size of an image this large: a file made to exhaust the server.
        raise ValidationError(
            _("Ảnh có quá nhiều điểm ảnh, có thể là tệp được làm ra để làm treo máy chủ."),
            code="too_many_pixels",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("Tệp không phải là ảnh hợp lệ. Hãy chọn ảnh JPEG, PNG hoặc WebP."), code="invalid_image"
        ) from exc
    finally:
        if position is not None:
            file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Định dạng %(format)s không được chấp nhận. Hãy chọn ảnh JPEG, PNG hoặc WebP."),
            code="unsupported_format",
            params={"format": image_format or "?"},
        )
