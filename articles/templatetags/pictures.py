"""Photos on a page: {% picture photo sizes="card" %} and {% article_body article %}; the markup is in templates."""

from django import template

from articles.photos.renditions import SIZES, picture_sources

register = template.Library()


@register.inclusion_tag("articles/photos/_picture.html")
def picture(photo, sizes="100vw", loading="lazy", alt=None, css_class=""):
    """``photo`` as <picture> with its renditions, or its original while it has none; nothing for no photo.

    ``sizes`` names a place in SIZES ("article", "lead", "card", "row") or is a sizes attribute itself. ``alt``
    defaults to the photo's alt text (or caption); "" marks it decorative. ``loading="eager"`` is for the
    photo at the top of a page, which the browser should fetch first.
    """
    if loading not in ("lazy", "eager"):
        raise ValueError(f'loading must be "lazy" or "eager", not {loading!r}')
    if photo is None or not photo.image:
        return {"photo": None}
    return {
        "photo": photo,
        "sources": picture_sources(photo),
        "sizes": SIZES.get(sizes, sizes),
        "loading": loading,
        "alt": (photo.alt_text or photo.caption) if alt is None else alt,
        "css_class": css_class,
    }


@register.inclusion_tag("articles/_body.html")
def article_body(article):
    """The stored body with each "[ảnh N]" placeholder drawn as that photo's <figure>; unplaced ones follow."""
    return {"blocks": article.body_blocks()}
