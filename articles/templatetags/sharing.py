"""The article page's "Chia sẻ" block, for templates: {% article_share article as share %}."""

from django import template

from articles.site.sharing import share_links

register = template.Library()


@register.simple_tag(takes_context=True)
def article_share(context, article):
    return share_links(article, context["request"])
