"""The photo library's forms in the body editor: a search of the library, and one uploaded file."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from newsroom.common.text import nfc

from .validators import validate_photo


class LibrarySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm theo chú thích, nguồn ảnh"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    ngay = forms.DateField(
        label=_("Ngày tải lên"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_q(self):
        return nfc(self.cleaned_data["q"]).strip()

    def search(self, photos):
        """``photos`` narrowed to what was asked; nothing narrowed by a field that did not validate."""
        if not self.is_valid():
            return photos
        if words := self.cleaned_data["q"]:
            for word in words.split()[:10]:
                photos = photos.filter(Q(caption__icontains=word) | Q(credit__icontains=word))
        if day := self.cleaned_data["ngay"]:
            photos = photos.filter(uploaded_at__date=day)
        return photos


class PhotoUploadForm(forms.Form):
    """One file of a multi-file upload: checked with Pillow (validate_photo) before the service stores it."""

    image = forms.FileField(
        validators=[validate_photo],
        error_messages={
            "required": _("Vui lòng chọn ảnh để tải lên."),
            "empty": _("Tệp tải lên trống."),
        },
    )
