"""Sharing a story without anyone's script: the addresses of Facebook's and Zalo's share pages for it."""

from urllib.parse import quote

from .seo import canonical_url

# Facebook's share dialog for a web page (developers.facebook.com/docs/sharing/reference/share-dialog).
FACEBOOK_SHARER = "https://www.facebook.com/sharer/sharer.php?u={url}"
# Zalo documents only its Social Plugin for the web: a script and an iframe from sp.zalo.me, tied to an
# Official Account id, which our Content-Security-Policy keeps out. It documents no address to link to:
# this share page is undocumented, the one sites commonly link to (phones reach Zalo by the share sheet).
ZALO_SHARER = "https://sp.zalo.me/share_inline?url={url}"


def share_links(article, request):
    """The story's canonical address and title, and the share pages' addresses carrying it encoded."""
    url = canonical_url(article, request)
    encoded = quote(url, safe="")
    return {
        "url": url,
        "title": article.title,
        "facebook": FACEBOOK_SHARER.format(url=encoded),
        "zalo": ZALO_SHARER.format(url=encoded),
    }
