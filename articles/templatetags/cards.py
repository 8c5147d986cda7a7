"""{% story_cards stories level="h2" layout="row" %}: a listing's stories, each rendered once per version of the site.

Two layouts: "card" (picture above the headline, for the home page's grids) and "row" (a thumbnail beside the
headline, for section, tag, author and search pages); both mark up the title and lead the same way.

A card (cover picture, headline, section, time, lead) was half of an uncached listing page's time in
cProfile, the same HTML every time for the same story. For an anonymous reader's page the cards come from
the shared cache in one ``get_many``; those missing are rendered and stored with one ``set_many``. A card's
key holds the site version (bumped by every publish, edit, takedown and section, tag, author or photo
change: ``purge_site``), the story's ``updated_at`` and its cover's renditions, so a card is never older than
the pages that show it. Search results use the same cards: the reader's words are marked in the kept
card's title and lead (``_highlighted``), which is what the template would render with the terms (tested).
Staff pages and previews are rendered as before, without the cache.
"""

import hashlib

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..site.search import highlight
from .newsroom import excerpt

register = template.Library()

CARD_TEMPLATE = "articles/_story_card.html"
ROW_TEMPLATE = "articles/_story_row.html"
LAYOUTS = {"card": CARD_TEMPLATE, "row": ROW_TEMPLATE}
CARD_SECONDS = 60 * 60


def _key(site_version, layout, level, story):
    photo = story.cover_photo
    renditions = sorted(rendition.pk for rendition in photo.renditions.all()) if photo is not None else []
    identity = (
        f"{layout}:{level}:{story.pk}:{story.updated_at.timestamp()}:{photo.pk if photo else 0}:{renditions}"
    )
    return f"cards:{site_version}:{hashlib.sha1(identity.encode(), usedforsecurity=False).hexdigest()}"


@register.simple_tag(takes_context=True)
def story_cards(context, stories, level="h3", terms=None, layout="card"):
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {sorted(LAYOUTS)}, not {layout!r}")
    stories = list(stories)
    card = get_template(LAYOUTS[layout])
    request = context.get("request")
    versions = getattr(request, "reader_page_versions", None)
    cacheable = versions is not None and not request.user.is_authenticated

    def render(story, terms=None):
        return card.render({"story": story, "level": level, "terms": terms}, request)

    if not cacheable:
        return mark_safe("".join(render(story, terms) for story in stories))  # noqa: S308 - rendered templates
    keys = [_key(versions[0], layout, level, story) for story in stories]
    found = cache.get_many(keys)
    missing = {}
    parts = []
    for key, story in zip(keys, stories, strict=True):
        if (html := found.get(key)) is None:
            html = missing[key] = render(story)
        if terms:
            html = _highlighted(html, story, level, terms) or render(story, terms)
        parts.append(html)
    if missing:
        cache.set_many(missing, CARD_SECONDS)
    return mark_safe("".join(parts))  # noqa: S308 - rendered templates, from this template or the cache


def _highlighted(card, story, level, terms):
    """The plain ``card`` of ``story`` with the reader's words marked in its title and lead, as the card
    template marks them when given the terms; None if either text is not where the template puts it."""
    title = f'">{escape(story.title)}</a></{level}>'
    lead_text = excerpt(story.lead)
    lead = f"<p>{escape(lead_text)}</p>"
    at_title, at_lead = card.find(title), card.rfind(lead)
    if at_title < 0 or at_lead < at_title:
        return None
    marked_title = f'">{highlight(story.title, terms)}</a></{level}>'
    marked_lead = f"<p>{highlight(lead_text, terms)}</p>"
    return mark_safe(  # noqa: S308 - the card was rendered by its template; the marked texts are escaped
        card[:at_title]
        + marked_title
        + card[at_title + len(title) : at_lead]
        + marked_lead
        + card[at_lead + len(lead) :]
    )
