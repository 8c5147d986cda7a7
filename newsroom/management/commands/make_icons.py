"""`manage.py make_icons`: the favicon, the Apple touch icon and the manifest's icons, drawn from the logo."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from newsroom import webapp

# The logo's typeface; Debian ships it in fonts-dejavu-core.
DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
# Drawn this many times larger, then reduced: smooth edges at 16 px as at 512 px.
OVERSAMPLE = 4


def default_letters(name):
    """The initials under the icon: "Báo Lai Châu" -> "LC" (every paper is a "Báo"), at most two."""
    words = name.split()
    if len(words) > 1 and words[0].casefold() == "báo":
        words = words[1:]
    return "".join(word[0] for word in words[:2]).upper()


def logo_colours(logo):
    """(background, letters, bottom band, band's share of the height) as the logo draws them."""
    rgb = logo.convert("RGB")
    counts = sorted(rgb.getcolors(rgb.width * rgb.height), reverse=True)
    background = counts[0][1]
    letters = max((colour for _count, colour in counts), key=sum)
    band = rgb.getpixel((0, rgb.height - 1))
    rows = 0
    while rows < rgb.height and rgb.getpixel((0, rgb.height - 1 - rows)) == band:
        rows += 1
    share = rows / rgb.height if band != background else 0
    return background, letters, band, share


def draw_icon(size, *, letters, font_path, colours, fill, round_crop):
    """A square icon: the logo's red, its dark band at the foot, the letters in white.

    The letters take ``fill`` of the width; with ``round_crop`` they fit inside a centred circle of that
    diameter instead (what a launcher keeps of a maskable icon).
    """
    background, ink, band, band_share = colours
    big = size * OVERSAMPLE
    image = Image.new("RGB", (big, big), background)
    draw = ImageDraw.Draw(image)
    if band_share:
        draw.rectangle((0, big - max(OVERSAMPLE, round(big * band_share)), big, big), fill=band)
    box = big * fill
    font_size = big
    font = ImageFont.truetype(font_path, font_size)
    left, top, right, bottom = draw.textbbox((0, 0), letters, font=font)
    width, height = right - left, bottom - top
    extent = (width**2 + height**2) ** 0.5 if round_crop else max(width, height)
    font_size = int(font_size * box / extent)
    font = ImageFont.truetype(font_path, font_size)
    left, top, right, bottom = draw.textbbox((0, 0), letters, font=font)
    origin = ((big - (right - left)) / 2 - left, (big - (bottom - top)) / 2 - top)
    draw.text(origin, letters, font=font, fill=ink)
    return image.resize((size, size), Image.Resampling.LANCZOS)


class Command(BaseCommand):
    help = _(
        "Vẽ favicon, biểu tượng Apple và các biểu tượng của manifest từ logo (static/img/logo.png) "
        "vào static/img/; chạy lại khi logo đổi."
    )

    def add_arguments(self, parser):
        parser.add_argument("--letters", help=_("Chữ trên biểu tượng (mặc định: chữ đầu tên báo, như “LC”)."))
        parser.add_argument("--font", default=DEFAULT_FONT, help=_("Tệp phông chữ TrueType cho chữ."))
        parser.add_argument(
            "--static-dir",
            type=Path,
            help=_("Thư mục tệp tĩnh có img/logo.png và nhận các biểu tượng (mặc định: static/ của dự án)."),
        )

    def handle(self, *args, letters, font, static_dir, **options):
        folder = static_dir or Path(settings.BASE_DIR) / "static"
        logo_path = folder / webapp.LOGO
        if not Path(font).is_file():
            raise CommandError(
                _("Không thấy phông chữ %(font)s (Debian: fonts-dejavu-core).") % {"font": font}
            )
        if not logo_path.is_file():
            raise CommandError(_("Không thấy logo %(logo)s.") % {"logo": logo_path})
        with Image.open(logo_path) as logo:
            colours = logo_colours(logo)
        letters = letters or default_letters(settings.NEWSROOM["NAME"])
        written = []

        def save(image, path, **params):
            image.save(folder / path, **params)
            written.append(path)

        favicon = draw_icon(
            max(webapp.FAVICON_SIZES),
            letters=letters,
            font_path=font,
            colours=colours,
            fill=0.86,
            round_crop=False,
        )
        save(
            favicon,
            webapp.FAVICON,
            format="ICO",
            sizes=[(size, size) for size in webapp.FAVICON_SIZES],
        )
        apple = draw_icon(
            webapp.APPLE_TOUCH_SIZE,
            letters=letters,
            font_path=font,
            colours=colours,
            fill=webapp.MASKABLE_SAFE_ZONE,
            round_crop=True,
        )
        save(apple, webapp.APPLE_TOUCH_ICON, format="PNG", optimize=True)
        for size, path in webapp.APP_ICONS.items():
            icon = draw_icon(
                size,
                letters=letters,
                font_path=font,
                colours=colours,
                fill=webapp.MASKABLE_SAFE_ZONE,
                round_crop=True,
            )
            save(icon, path, format="PNG", optimize=True)
        for path in written:
            self.stdout.write(_("Đã ghi static/%(path)s") % {"path": path})
