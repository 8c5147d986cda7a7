"""The photo library inside the body editor ("Chèn ảnh"): browse and search it, upload to it, thumbnails.

Served through the admin site (staff only, CSRF-protected); each view checks the rights it needs. The
dialog's HTML is rendered here from a template; static/js/photo-library.js only swaps it in.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import services
from .forms import LibrarySearchForm, PhotoUploadForm
from .models import Photo
from .renditions import renditions_for, thumbnail_rendition

PAGE_SIZE = 24
SEARCH_IDS = "photo-library-%s"  # the dialog sits in the story form: ids of its own
# Who may open the library from a story: someone who writes stories and may see the photos.
BROWSE = ("articles.view_photo", "articles.change_article")
UPLOAD = ("articles.add_photo", "articles.change_article")


def _require(request, permissions):
    if not request.user.has_perms(permissions):
        raise PermissionDenied(_("Bạn không có quyền dùng thư viện ảnh."))


@require_GET
def library(request):
    """The dialog: search, upload, and one page of the library as thumbnails."""
    _require(request, BROWSE)
    return _library_page(request, LibrarySearchForm(request.GET, auto_id=SEARCH_IDS))


@require_POST
def upload(request):
    """Store every valid file of a multi-file upload; the others are listed with the reason, in Vietnamese."""
    _require(request, UPLOAD)
    files = request.FILES.getlist("images")
    checked = [PhotoUploadForm(files={"image": file}) for file in files]
    refused = [
        (form.files["image"].name, " ".join(form.errors["image"])) for form in checked if not form.is_valid()
    ]
    if not files:
        refused.append(("", _("Hãy chọn ít nhất một ảnh để tải lên.")))
    uploaded = services.upload_photos(
        files=[form.cleaned_data["image"] for form in checked if form.is_valid()], user=request.user
    )
    status = 400 if refused and not uploaded else 200
    return _library_page(
        request, LibrarySearchForm(auto_id=SEARCH_IDS), uploaded=uploaded, refused=refused, status=status
    )


@require_GET
def thumbnail(request, pk):
    """Redirect to the photo's smallest rendition: what the editor shows of a figure already in a body."""
    _require(request, BROWSE)
    photo = get_object_or_404(Photo.objects.prefetch_related("renditions"), pk=pk)
    rendition = thumbnail_rendition(photo)
    if rendition is None:
        raise Http404(_("Ảnh này chưa có bản thu nhỏ."))
    return redirect(rendition.file.url)


def _library_page(request, search, *, uploaded=(), refused=(), status=200):
    page = Paginator(search.search(Photo.objects.order_by("-uploaded_at", "-pk")), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    photos = list(page.object_list)
    renditions_for(photos)
    context = {
        "search": search,
        "page": page,
        "items": [(photo, thumbnail_rendition(photo)) for photo in photos],
        "uploaded": {photo.pk for photo in uploaded},
        "refused": refused,
        "may_upload": request.user.has_perms(UPLOAD),
    }
    return TemplateResponse(request, "admin/articles/photo/library.html", context, status=status)
