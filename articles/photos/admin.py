"""The photo library in the admin: upload with Pillow's checks; the service saves and makes the renditions.

The list is a grid of thumbnails (renditions, never the originals); the body editor's "Chèn ảnh" dialog
is served from here too (views.py), so it is staff-only and CSRF-protected like every admin page.
"""

from django import forms
from django.contrib import admin
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services, views
from .models import Photo
from .renditions import thumbnail_rendition


def thumbnail_html(photo):
    """A small <img> of ``photo``'s smallest rendition (prefetched by the list), or a dash before it exists."""
    rendition = thumbnail_rendition(photo) if photo is not None else None
    if rendition is None:
        return "—"
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" class="photo-thumbnail" loading="lazy">',
        rendition.file.url,
        rendition.width,
        rendition.height,
    )


class PhotoAdminForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["image", "caption", "credit", "alt_text"]
        error_messages = {
            "image": {
                "invalid_image": _("Tệp không phải là ảnh hợp lệ. Hãy chọn ảnh JPEG, PNG hoặc WebP."),
                "required": _("Vui lòng chọn ảnh để tải lên."),
            }
        }


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ["thumbnail", "caption", "credit", "size", "uploaded_by", "uploaded_at"]
    list_display_links = ["thumbnail", "caption"]
    list_select_related = ["uploaded_by"]
    list_filter = ["uploaded_at"]
    list_per_page = 48
    date_hierarchy = "uploaded_at"
    search_fields = ["caption", "credit", "alt_text"]
    search_help_text = _("Tìm theo chú thích, nguồn ảnh hoặc mô tả ảnh.")
    readonly_fields = ["thumbnail", "width", "height"]
    fields = ["image", "thumbnail", "caption", "credit", "alt_text", "width", "height"]

    def get_queryset(self, request):
        # The thumbnails of a whole page in one more query, whatever the number of photos.
        return super().get_queryset(request).prefetch_related("renditions")

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        own = [
            path("thu-vien/", wrap(views.library), name="articles_photo_library"),
            path("thu-vien/tai-len/", wrap(views.upload), name="articles_photo_library_upload"),
            path("<int:pk>/anh-nho/", wrap(views.thumbnail), name="articles_photo_thumbnail"),
        ]
        return own + super().get_urls()

    @admin.display(description=_("xem trước"))
    def thumbnail(self, photo):
        return thumbnail_html(photo)

    @admin.display(description=_("kích thước"), ordering="width")
    def size(self, photo):
        return f"{photo.width} × {photo.height}"

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.can_change(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # A photo a story uses stays: deleting it would take the picture out of published pages.
        if obj is None:
            return request.user.has_perm("articles.edit_any_article")
        return (
            not services.in_use(obj)
            and services.can_change(request.user, obj)
            and super().has_delete_permission(request, obj)
        )

    def save_model(self, request, obj, form, change):
        services.save_photo(
            photo=obj, user=request.user, image_changed=not change or "image" in form.changed_data
        )
