"""The photo library in the admin: upload with Pillow's checks; the service saves and makes the renditions."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Photo


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
    list_display = ["thumbnail", "caption", "credit", "width", "height", "uploaded_by", "uploaded_at"]
    list_select_related = ["uploaded_by"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["thumbnail", "width", "height"]
    fields = ["image", "thumbnail", "caption", "credit", "alt_text", "width", "height"]

    @admin.display(description=_("xem trước"))
    def thumbnail(self, photo):
        if not photo.image:
            return "—"
        return format_html('<img src="{}" alt="" class="photo-thumbnail">', photo.image.url)

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
