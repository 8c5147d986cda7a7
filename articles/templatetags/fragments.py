"""{% reader_fragment "name" %}…{% end_reader_fragment %}: a part of a reader page kept until the site changes.

For what every anonymous reader sees the same way and only a publish, an edit or a scheduled story's time
can change, such as the home page's section blocks (48 links, one query): kept in the shared cache under
the site version (bumped by every publish, edit, takedown and section, tag, author or photo change:
``purge_site``), its lifetime bounded by the next scheduled publication, as a page's is. The context it
reads may be lazy (``SimpleLazyObject``): on a hit the queries behind it never run. Staff, previews and
pages outside the reader's page cache render it every time.
"""

from datetime import UTC, datetime

from django import template
from django.core.cache import cache

from ..site.page_cache import kept_lifetime

register = template.Library()

FRAGMENT_SECONDS = 60 * 60


class ReaderFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        state = getattr(request, "reader_page_versions", None)
        if state is None or request.user.is_authenticated:
            return self.nodelist.render(context)
        site_version, _article_version, started = state
        key = f"fragment:{self.name.resolve(context)}:{site_version}"
        if (html := cache.get(key)) is not None:
            return html
        # The bound is taken at the page's start, as the page cache does: a fragment rendered just before a
        # story's time must expire at that time.
        lifetime = kept_lifetime(
            FRAGMENT_SECONDS, site_version=site_version, now=datetime.fromtimestamp(started, tz=UTC)
        )
        html = self.nodelist.render(context)
        if lifetime >= 1:
            cache.set(key, html, lifetime)
        return html


@register.tag("reader_fragment")
def reader_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the fragment's name.")
    nodelist = parser.parse(("end_reader_fragment",))
    parser.delete_first_token()
    return ReaderFragmentNode(parser.compile_filter(bits[1]), nodelist)
