"""The demo photos: Pillow landscapes of Lai Châu, painted here so the demo downloads nothing and stores no binaries.

A photo is named by what it shows, "lai-chau-<scene>-<variant>.jpg": the same name always paints the same
bytes, so the importer stores each once (by checksum) however many stories use it.
"""

import io
import math
import random
import re
from dataclasses import dataclass

from PIL import Image, ImageDraw

PHOTO_SIZE = (1200, 800)
PHOTO_NAME = re.compile(r"lai-chau-(?P<scene>[a-z]+(?:-[a-z]+)*)-(?P<variant>[1-9][0-9]*)\.jpg")


@dataclass(frozen=True)
class Scene:
    sky: tuple  # top, horizon
    ridges: tuple  # far to near
    ground: str  # "terraces", "tea" or "valley"
    fields: tuple  # two alternating field colours
    sun: tuple | None = None
    mist: int = 0  # 0-255: how thick the valley fog is


# What each scene shows, in words (alt text, captions), is written beside its uses in stories.jsonl.
SCENES = {
    "ruong-vang": Scene(
        sky=((62, 120, 196), (206, 228, 246)),
        ridges=((150, 175, 205), (105, 140, 150), (70, 110, 90), (50, 90, 55)),
        ground="terraces",
        fields=((226, 186, 64), (196, 150, 44)),
        sun=(255, 246, 214),
        mist=60,
    ),
    "doi-che": Scene(
        sky=((150, 186, 214), (236, 240, 232)),
        ridges=((176, 192, 200), (128, 156, 150), (86, 124, 96)),
        ground="tea",
        fields=((88, 150, 62), (62, 118, 48)),
        sun=(255, 250, 235),
        mist=140,
    ),
    "hoang-hon": Scene(
        sky=((58, 48, 112), (250, 170, 96)),
        ridges=((170, 110, 130), (120, 76, 110), (78, 50, 84), (40, 30, 52)),
        ground="valley",
        fields=((52, 62, 46), (40, 50, 38)),
        sun=(255, 214, 150),
        mist=30,
    ),
    "nuoc-do": Scene(
        sky=((92, 150, 210), (220, 234, 244)),
        ridges=((140, 168, 196), (96, 130, 140), (66, 104, 84)),
        ground="terraces",
        fields=((176, 204, 226), (140, 176, 200)),
        sun=None,
        mist=90,
    ),
    "rung-may": Scene(
        sky=((150, 160, 172), (214, 218, 222)),
        ridges=((150, 164, 170), (106, 128, 124), (66, 94, 78), (38, 66, 48)),
        ground="valley",
        fields=((46, 86, 52), (36, 72, 44)),
        sun=None,
        mist=170,
    ),
    "thung-lung": Scene(
        sky=((40, 110, 200), (190, 220, 245)),
        ridges=((130, 160, 200), (90, 130, 130), (60, 110, 70)),
        ground="valley",
        fields=((120, 176, 70), (96, 150, 58)),
        sun=(255, 250, 225),
        mist=40,
    ),
}


def paint_landscape(*, scene, seed):
    """A JPEG (bytes) of ``scene``, different for every ``seed`` and the same for the same seed."""
    rng = random.Random(seed)
    width, height = PHOTO_SIZE
    horizon = int(height * rng.uniform(0.46, 0.56))
    image = _gradient((width, height), scene.sky[0], scene.sky[1], stop=horizon)
    draw = ImageDraw.Draw(image)
    if scene.sun:
        _paint_sun(draw, rng, scene, horizon)
    layers = len(scene.ridges)
    for index, colour in enumerate(scene.ridges):
        base = horizon - (layers - 1 - index) * 48 + 10
        amplitude = 150 - index * 20
        ridge = _ridge(rng, width, base, amplitude)
        draw.polygon([(0, height), *ridge, (width, height)], fill=_jitter(rng, colour, 6))
        if scene.mist and index < layers - 1:
            _paint_mist(image, top=base - 10, depth=110, strength=scene.mist)
    ground_top = horizon + rng.randint(50, 110)
    if scene.ground == "valley":
        _paint_valley(draw, rng, scene, ground_top)
    else:
        _paint_rows(draw, rng, scene, ground_top, tea=scene.ground == "tea")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def paint_file(name):
    """The JPEG (bytes) of the photo file ``name``, "lai-chau-<scene>-<variant>.jpg"; ValueError if unknown."""
    match = PHOTO_NAME.fullmatch(name)
    if match is None or match["scene"] not in SCENES:
        raise ValueError(f"Không có ảnh mẫu tên “{name}” (cần dạng lai-chau-<cảnh>-<số>.jpg).")
    return paint_landscape(scene=SCENES[match["scene"]], seed=f"{match['scene']}-{match['variant']}")


def _mix(start, end, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(start, end, strict=True))


def _jitter(rng, colour, spread):
    return tuple(max(0, min(255, channel + rng.randint(-spread, spread))) for channel in colour)


def _gradient(size, top, bottom, *, stop):
    """Sky from ``top`` down to ``bottom`` at row ``stop`` (the horizon), then ``bottom`` to the foot."""
    width, height = size
    column = Image.new("RGB", (1, height))
    column.putdata([_mix(top, bottom, min(1.0, y / stop)) for y in range(height)])
    return column.resize(size, Image.Resampling.NEAREST)


def _ridge(rng, width, base, amplitude):
    """A mountain skyline by midpoint displacement: 129 points across the width."""
    heights = [base - rng.uniform(0, amplitude * 0.7), base - rng.uniform(0, amplitude * 0.7)]
    spread = amplitude * 0.6
    while len(heights) < 129:
        refined = []
        for left, right in zip(heights, heights[1:], strict=False):
            refined += [left, (left + right) / 2 + rng.uniform(-spread, spread)]
        refined.append(heights[-1])
        heights = refined
        spread *= 0.55
    step = width / (len(heights) - 1)
    return [(i * step, y) for i, y in enumerate(heights)]


def _paint_sun(draw, rng, scene, horizon):
    width, height = PHOTO_SIZE
    x = width * rng.uniform(0.15, 0.85)
    y = horizon - rng.uniform(150, 300)
    radius = rng.uniform(26, 42)
    sky_there = _mix(scene.sky[0], scene.sky[1], max(0.0, min(1.0, y / horizon)))
    for ring in range(6, 0, -1):
        r = radius * (1 + ring * 0.45)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_mix(sky_there, scene.sun, 0.5 / ring))
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=scene.sun)


def _paint_mist(image, *, top, depth, strength):
    width, _ = image.size
    mask = Image.new("L", (1, depth))
    mask.putdata([round(strength * math.sin(math.pi * y / depth)) for y in range(depth)])
    mask = mask.resize((width, depth), Image.Resampling.NEAREST)
    image.paste((236, 240, 242), (0, int(top)), mask)


def _curve(width, y, amplitude, *, frequency, phase, tilt, ripple=0.0):
    """A contour across the picture: one long wave, an optional shorter one, and the slope of the hill."""
    return [
        (
            x,
            y
            + amplitude * math.sin(frequency * x + phase)
            + ripple * math.sin(frequency * 2.7 * x + phase * 1.9)
            + tilt * (x - width / 2),
        )
        for x in range(0, width + 1, 20)
    ]


def _paint_rows(draw, rng, scene, top, *, tea):
    """Terraced fields or rows of tea bushes: bands that follow the slope, growing towards the viewer."""
    width, height = PHOTO_SIZE
    frequency = rng.uniform(0.004, 0.008)
    phase = rng.uniform(0, math.tau)
    tilt = rng.uniform(-0.08, 0.08)
    amplitude = rng.uniform(14, 30)
    band = rng.uniform(9, 14) if tea else rng.uniform(12, 18)
    y = float(top)
    ripple = 0.0
    upper = _curve(width, y, amplitude, frequency=frequency, phase=phase, tilt=tilt)
    draw.polygon([(0, height), *upper, (width, height)], fill=scene.fields[1])
    row = 0
    while y < height + 2 * amplitude + 60:
        y += band
        band *= 1.09
        # Terraces wander from one contour to the next; tea rows stay nearly parallel.
        phase += rng.uniform(-0.06, 0.06) if tea else rng.uniform(-0.25, 0.25)
        ripple = 0.0 if tea else min(band * 0.6, ripple + rng.uniform(0, 3))
        lower = _curve(width, y, amplitude, frequency=frequency, phase=phase, tilt=tilt, ripple=ripple)
        colour = _jitter(rng, scene.fields[row % 2], 10)
        draw.polygon([*upper, *reversed(lower)], fill=colour)
        edge = _mix(colour, (30, 40, 20), 0.55 if tea else 0.35)
        draw.line(lower, fill=edge, width=max(2, int(band * (0.35 if tea else 0.12))))
        upper = lower
        row += 1


def _paint_valley(draw, rng, scene, top):
    """Flat fields in a valley with a few houses standing at their edge."""
    width, height = PHOTO_SIZE
    y = float(top)
    band = rng.uniform(18, 26)
    row = 0
    while y < height:
        upper = _curve(width, y, 6, frequency=0.003, phase=row, tilt=0)
        lower = _curve(width, y + band, 6, frequency=0.003, phase=row + 1, tilt=0)
        draw.polygon([*upper, *reversed(lower)], fill=_jitter(rng, scene.fields[row % 2], 8))
        y += band
        band *= 1.15
        row += 1
    for _ in range(rng.randint(3, 7)):
        x = rng.uniform(40, width - 80)
        base = top + rng.uniform(10, 60)
        size = rng.uniform(22, 40)
        draw.rectangle((x, base - size * 0.6, x + size, base), fill=_jitter(rng, (196, 170, 130), 12))
        draw.polygon(
            [
                (x - size * 0.15, base - size * 0.6),
                (x + size / 2, base - size * 1.15),
                (x + size * 1.15, base - size * 0.6),
            ],
            fill=_jitter(rng, (92, 60, 44), 10),
        )
