"""{% picture photo sizes="..." loading="lazy" %}: a photo as <picture> with its WebP and JPEG renditions."""

from django import template

from articles.renditions import picture_html

register = template.Library()


@register.simple_tag
def picture(photo, sizes="100vw", loading="lazy", alt=None, css_class=""):
    """Renders nothing for a missing photo; ``alt`` defaults to the photo's alt text, "" marks it decorative."""
    return picture_html(photo, sizes=sizes, loading=loading, alt=alt, css_class=css_class)
