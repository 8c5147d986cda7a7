"""Pages of a listing by the ?trang= number; a missing, empty or out-of-range page is a clean 404."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _


def page_or_404(request, items, per_page):
    try:
        return Paginator(items, per_page).page(request.GET.get("trang", 1))
    except InvalidPage as exc:
        raise Http404(_("Trang không tồn tại.")) from exc
