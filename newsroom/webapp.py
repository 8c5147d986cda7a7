"""The site's icons and web app manifest: which files, at which sizes, in which colours.

`manage.py make_icons` draws the files listed here from static/img/logo.png; the views serve /favicon.ico
and /manifest.webmanifest from them; templates/base.html links them. Nothing here reads the database.
"""

# site.css's --brand and --bg (tests check that the two stay the same).
THEME_COLOR = "#b3131b"
BACKGROUND_COLOR = "#fff"

LOGO = "img/logo.png"
FAVICON = "img/favicon.ico"
FAVICON_SIZES = (16, 32, 48)
APPLE_TOUCH_ICON = "img/apple-touch-icon.png"
APPLE_TOUCH_SIZE = 180
# The manifest's PNG icons; each is drawn so that it can also be cropped to a circle (maskable).
APP_ICONS = {192: "img/icon-192.png", 512: "img/icon-512.png"}

# A launcher may cut a maskable icon to a circle of 80% of its width: the letter stays inside that.
MASKABLE_SAFE_ZONE = 0.8

# The home screen shows a short name under the icon; longer names are cut.
SHORT_NAME_MAX = 12


def manifest(*, name, mark, tagline, static_url):
    """The web app manifest as a dict; ``static_url(path)`` turns a static path into its URL."""
    icons = []
    for purpose in ("any", "maskable"):
        icons += [
            {"src": static_url(path), "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
            for size, path in APP_ICONS.items()
        ]
    return {
        "name": name,
        "short_name": name if len(name) <= SHORT_NAME_MAX else mark,
        "description": tagline,
        "lang": "vi",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": icons,
    }
