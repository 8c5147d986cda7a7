"""Time photo renditions: the first making per photo, the reuse afterwards, and each width's share of the work.

Runs on a throwaway SQLite database and media folder in a temporary directory, with photos painted by
Pillow (blurred noise over gradients, so the encoders have real work); prints its figures and deletes everything.

    .venv/bin/python bench/renditions.py [--repeat 5]
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from PIL import ExifTags, Image, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (label, size as stored, format, EXIF orientation): a camera photo, a phone photo taken upright, a
# newsroom-sized JPEG, the demo's size, and a small transparent PNG that needs an enlarged share copy.
PHOTOS = [
    ("camera 4000x3000 JPEG", (4000, 3000), "JPEG", None),
    ("phone 4032x3024 JPEG, EXIF 6", (4032, 3024), "JPEG", 6),
    ("web 2048x1365 JPEG", (2048, 1365), "JPEG", None),
    ("demo 1200x800 JPEG", (1200, 800), "JPEG", None),
    ("logo 800x600 PNG RGBA", (800, 600), "PNG", None),
]


def painted(size, image_format, orientation):
    gradient = Image.linear_gradient("L").resize(size)
    # Blurred noise: texture an encoder must work on, without the incompressible grain of raw noise.
    noise = Image.effect_noise(size, 48).filter(ImageFilter.GaussianBlur(1.5))
    channels = [
        Image.blend(gradient, noise, 0.35),
        noise,
        gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
    ]
    image = Image.merge("RGB", channels)
    options = {"quality": 92} if image_format == "JPEG" else {}
    if image_format == "PNG":
        image.putalpha(gradient)
    if orientation:
        exif = Image.Exif()
        exif[ExifTags.Base.Orientation] = orientation
        options["exif"] = exif.tobytes()
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def milliseconds(seconds):
    return f"{seconds * 1000:8.1f} ms"


def best_of(repeat, work):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each reuse and per-width timing")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-renditions-") as workdir:
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "newsroom.settings",
                "DEBUG": "True",
                "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
                "MEDIA_ROOT": f"{workdir}/media",
                "CACHE_URL": "locmemcache://bench-renditions",
            }
        )
        import django

        django.setup()
        run(options.repeat)


def run(repeat):
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.db import connection
    from django.template.loader import get_template
    from django.test.utils import CaptureQueriesContext

    from articles.models import Photo
    from articles.photos.renditions import (
        _decode,
        _encode,
        _upright_size,
        ensure_renditions,
        planned_renditions,
        renditions_for,
    )
    from articles.templatetags.pictures import picture

    template = get_template("articles/photos/_picture.html")

    def picture_html(photo):
        """The {% picture %} tag's output: its context, rendered with its template."""
        return template.render(picture(photo))

    call_command("migrate", verbosity=0)
    print(f"Pillow renditions, best of {repeat} where repeated; first making is a single run per photo.\n")

    # bulk_create stores the files but skips Photo.save, so nothing is made before it is timed.
    photos = Photo.objects.bulk_create(
        Photo(image=ContentFile(painted(size, fmt, orientation), name=f"bench.{fmt.lower()}"))
        for _, size, fmt, orientation in PHOTOS
    )

    print(f"{'photo':32} {'renditions':>10} {'first making':>14} {'reuse (ensure)':>15} {'<picture>':>12}")
    for (label, *_), photo in zip(PHOTOS, photos, strict=True):
        started = time.perf_counter()
        made = ensure_renditions(photo)
        first = time.perf_counter() - started
        reuse, _ = best_of(repeat, partial(ensure_renditions, photo))
        renditions_for([photo])  # what a page's prefetch does
        markup, _ = best_of(repeat, partial(picture_html, photo))
        print(
            f"{label:32} {len(made):>10} {milliseconds(first):>14} {milliseconds(reuse):>15} {milliseconds(markup):>12}"
        )

    fresh = list(Photo.objects.all())
    with CaptureQueriesContext(connection) as queries:
        renditions_for(fresh)
        for photo in fresh:
            picture_html(photo)
    print(f"\n{len(fresh)} photos' <picture> with renditions_for: {len(queries)} query")

    total_bytes = sum(os.path.getsize(r.file.path) for photo in photos for r in photo.renditions.all())
    print(
        f"Stored renditions: {sum(p.renditions.count() for p in photos)} files, {total_bytes / 1024:.0f} KiB\n"
    )

    for index in (0, 3):
        label, _, _, _ = PHOTOS[index]
        photo = photos[index]
        print(f"Per width, {label} (decode once, then resize and encode each):")

        with photo.image.storage.open(photo.image.name, "rb") as handle:
            data = handle.read()

        def decode(draft, data=data):
            image = Image.open(io.BytesIO(data))  # left open: the pixels are used after it returns
            upright = _upright_size(image)
            if not draft:
                image.load()  # a loaded JPEG can no longer be drafted to a smaller scale
            return _decode(image, largest=1280), upright

        drafted, _ = best_of(repeat, partial(decode, True))
        full, _ = best_of(repeat, partial(decode, False))
        print(f"  decode {milliseconds(drafted)} at reduced JPEG scale, {milliseconds(full)} at full size")
        pixels, upright = decode(True)
        for width, fmt in planned_renditions(upright[0]):
            seconds, _ = best_of(repeat, partial(_encode, pixels, upright, width, fmt))
            size = len(_encode(pixels, upright, width, fmt)[3])
            print(f"  {width:>5} px {fmt:5} {milliseconds(seconds)}  {size / 1024:7.1f} KiB")
        print()


if __name__ == "__main__":
    main()
