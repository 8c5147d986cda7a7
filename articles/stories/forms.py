"""The story forms: the article form of the admin, the workflow step posted from its page, the list's action bar."""

from django import forms
from django.conf import settings
from django.contrib.admin import helpers as admin_helpers
from django.contrib.admin import widgets as admin_widgets
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

from newsroom.common.text import strip_leading_mark

from ..photos.models import Photo
from ..photos.validators import validate_photo
from . import services
from .live import ENTRY_MAX_LENGTH
from .models import Article
from .workflow import TRANSITIONS

# What the body editor offers: the same small set the sanitizer keeps, and library photos. Pasting from Word or a web page
# goes through this schema, so only clean paragraphs, headings, lists, quotes and links survive.
BODY_EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Underline": True,
        "Strike": True,
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "HardBreak": True,
        "Link": {"protocols": ["http", "https", "mailto"]},
        "HTML": True,
        "Typographic": True,
        "History": True,
        # "Chèn ảnh": a library photo as one block, stored as <figure data-photo-id="…"> (see the sanitizer).
        "NewsroomPhoto": {
            "libraryUrl": reverse_lazy("admin:articles_photo_library"),
            "thumbnailUrl": reverse_lazy("admin:articles_photo_thumbnail", args=[0]),
            "label": _("Chèn ảnh"),
            "creditLabel": _("Ảnh: %(credit)s"),
            "dialogLabel": _("Thư viện ảnh"),
            "loadError": _("Không mở được thư viện ảnh. Hãy thử lại."),
            "editHint": _("Bấm đúp để sửa chú thích, nguồn hoặc mô tả ảnh."),
        },
    }
}


class BodyEditorWidget(AdminProseEditorWidget):
    """The admin's body editor, with its toolbar's labels in Vietnamese (static/js/prose-editor-vi.js)."""

    @property
    def media(self):
        return super().media + forms.Media(js=["js/prose-editor-vi.js"])


class ArticleAdminForm(forms.ModelForm):
    # The version the editor opened; a save from an older version is an edit conflict (see clean()).
    edit_version = forms.IntegerField(label=_("phiên bản đang sửa"), widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "section",
            "lead",
            "body",
            "cover_photo",
            "tags",
            "featured",
            "comments_open",
        ]
        help_texts = {
            "body": _(
                "Nút “Chèn ảnh” đặt một ảnh của thư viện vào chỗ con trỏ, với chú thích và nguồn cho bài này. "
                "Ảnh số N của bài vẫn đặt được bằng một đoạn riêng “[ảnh N]”; ảnh chưa được đặt sẽ hiện ở cuối bài."
            )
        }
        widgets = {
            "body": BodyEditorWidget(config=BODY_EDITOR_CONFIG, preset="configurable"),
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "slug": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "lead": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version

    def clean_lead(self):
        # Archives and reporters often type the mark themselves; the page adds it, so keep it once.
        return strip_leading_mark(self.cleaned_data["lead"], settings.NEWSROOM["MARK"])

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            try:
                # The admin's change view runs in one transaction: this lock holds until the save commits,
                # and save_article checks the version again under it.
                services.lock_article(pk=self.instance.pk, opened_version=cleaned.get("edit_version"))
            except services.EditConflict as conflict:
                # Let a deliberate second save (after merging by hand) go through.
                self.data = self.data.copy()
                self.data["edit_version"] = str(conflict.current.version)
                raise forms.ValidationError(conflict.messages, code="edit_conflict") from conflict
        return cleaned


class WorkflowForm(forms.Form):
    """One workflow step on a story, posted from the buttons of its page in the admin."""

    action = forms.ChoiceField(choices=[(action, t.label) for action, t in TRANSITIONS.items()])
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=1000)
    publish_at = forms.SplitDateTimeField(
        label=_("Thời điểm hẹn giờ (GMT+7)"),
        required=False,
        # The fields sit in the article page's submit row but belong to the workflow's own <form>.
        widget=admin_widgets.AdminSplitDateTime(attrs={"form": "workflow-form"}),
        help_text=_("Chỉ dùng khi hẹn giờ; “Xuất bản ngay” lấy thời điểm bấm nút."),
    )
    # The version on the person's screen: a step on a story that changed since is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Set by "Vẫn xuất bản": the editor has seen the publishing warnings and publishes anyway.
    override_warnings = forms.BooleanField(required=False, widget=forms.HiddenInput)


class BulkActionForm(admin_helpers.ActionForm):
    """The story list's action bar: the step, plus the note a take-down needs and the time a schedule needs."""

    note = forms.CharField(
        label=_("Ghi chú (bắt buộc khi gỡ bài)"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"class": "vTextField bulk-note"}),
    )
    publish_at = forms.SplitDateTimeField(
        label=_("Hẹn giờ (GMT+7)"), required=False, widget=admin_widgets.AdminSplitDateTime()
    )


class LiveStartForm(forms.Form):
    """Start the live coverage of a story, or move the time it is expected to end."""

    planned_end = forms.DateTimeField(
        label=_("Dự kiến kết thúc (GMT+7)"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "Báo cho máy tìm kiếm biết khi nào sự kiện kết thúc; tường thuật chỉ kết thúc khi bạn bấm nút."
        ),
        error_messages={
            "required": _("Vui lòng nhập thời điểm dự kiến kết thúc."),
            "invalid": _("Thời điểm không hợp lệ: hãy nhập ngày và giờ, ví dụ 27/08/2026 16:30."),
        },
    )


class LiveEntryForm(forms.Form):
    """One entry of a live story, from the live desk: the text, and optionally a photo taken on the spot."""

    text = forms.CharField(
        label=_("Nội dung tin"),
        max_length=ENTRY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "class": "vLargeTextField"}),
        help_text=_("Gõ văn bản thường; xuống dòng hai lần để tách đoạn."),
        error_messages={
            "required": _("Nội dung tin không được để trống."),
            "max_length": _(
                "Tin dài %(show_value)s ký tự, quá %(limit_value)s ký tự: hãy tách thành hai tin."
            ),
        },
    )
    image = forms.FileField(
        label=_("Ảnh (không bắt buộc)"),
        required=False,
        validators=[validate_photo],
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={"empty": _("Tệp tải lên trống.")},
    )
    alt_text = forms.CharField(label=_("Mô tả ảnh (alt)"), required=False, max_length=300)
    caption = forms.CharField(label=_("Chú thích ảnh"), required=False, max_length=500)
    remove_photo = forms.BooleanField(label=_("Bỏ ảnh của tin"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("alt_text", "").strip():
            self.add_error("alt_text", _("Hãy mô tả ảnh (alt) cho người đọc không xem được ảnh."))
        return cleaned

    def photo(self):
        """The new photo to store with the entry (not saved yet), or None."""
        image = self.cleaned_data.get("image")
        if not image:
            return None
        return Photo(
            image=image, alt_text=self.cleaned_data["alt_text"], caption=self.cleaned_data["caption"]
        )
