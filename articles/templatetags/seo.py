"""The article page's search-engine metadata, for templates: {% article_seo article as seo %}."""

from django import template

from articles.site import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def article_seo(context, article):
    # The article page also serves staff previews of articles that are not public.
    return seo.article_meta(article, context["request"], preview=bool(context.get("preview")))
