"""The reader's "Viết bình luận" form: a signed token (article + render time), the details, a honeypot."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from newsroom.common.text import nfc

from .models import Comment, CommentReport

_TOKEN_SALT = "comments.form-token"
NAME_MAX = 50
BODY_MIN, BODY_MAX = 10, 2000


def make_form_token(article, *, at=None):
    """The signed token of the form for ``article`` (an article or its id), dated ``at`` (now)."""
    article_id = getattr(article, "pk", article)
    return signing.dumps({"a": article_id, "t": int(at if at is not None else time.time())}, salt=_TOKEN_SALT)


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("Họ tên"),
        max_length=NAME_MAX,
        error_messages={
            "required": _("Vui lòng nhập họ tên."),
            "max_length": _("Họ tên dài tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d)."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": NAME_MAX}),
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Không hiển thị công khai."),
        error_messages={
            "required": _("Vui lòng nhập email."),
            "invalid": _("Email chưa đúng, ví dụ: ten@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label=_("Nội dung bình luận"),
        strip=False,
        error_messages={"required": _("Vui lòng nhập nội dung bình luận.")},
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": BODY_MAX}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput, error_messages={"required": _("Thiếu mã biểu mẫu.")})
    # Honeypot: hidden from people by CSS and aria-hidden; robots fill every field they see.
    website = forms.CharField(required=False, label=_("Để trống ô này"))

    def __init__(self, *args, article=None, article_id=None, **kwargs):
        """For ``article``, or only its id: the comment view validates before reading the article."""
        super().__init__(*args, **kwargs)
        self.article = article
        self.article_id = article.pk if article is not None else article_id
        self.rendered_at = None

    def clean_name(self):
        name = " ".join(nfc(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(_("Vui lòng nhập họ tên."), code="required")
        return name

    def clean_body(self):
        body = nfc(self.cleaned_data["body"]).strip()
        body = "\n".join(line.rstrip() for line in body.replace("\r\n", "\n").split("\n"))
        if len(body) < BODY_MIN:
            raise forms.ValidationError(
                _("Bình luận cần ít nhất %(min)d ký tự (hiện có %(count)d)."),
                code="too_short",
                params={"min": BODY_MIN, "count": len(body)},
            )
        if len(body) > BODY_MAX:
            raise forms.ValidationError(
                _("Bình luận dài tối đa %(max)d ký tự (hiện có %(count)d)."),
                code="too_long",
                params={"max": BODY_MAX, "count": len(body)},
            )
        return body

    def clean_token(self):
        max_age = settings.COMMENTS_TOKEN_MAX_AGE_SECONDS
        try:
            data = signing.loads(self.cleaned_data["token"], salt=_TOKEN_SALT)
        except signing.BadSignature as exc:
            raise forms.ValidationError(
                _("Biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại."), code="bad_token"
            ) from exc
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("t"), int)
            or data.get("a") != self.article_id
        ):
            raise forms.ValidationError(
                _("Biểu mẫu không thuộc bài viết này. Vui lòng gửi lại."), code="wrong_article"
            )
        if time.time() - data["t"] > max_age:
            raise forms.ValidationError(
                _("Biểu mẫu đã mở quá lâu. Nội dung của bạn vẫn còn, vui lòng bấm “Gửi bình luận” lần nữa."),
                code="expired",
            )
        self.rendered_at = data.get("t")
        return self.cleaned_data["token"]

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = (
            Comment.objects.approved()
            .filter(pk=parent_id, article_id=self.article_id, parent__isnull=True)
            .first()
        )
        if parent is None:
            raise forms.ValidationError(
                _("Bình luận bạn muốn trả lời không còn hiển thị."), code="invalid_parent"
            )
        return parent

    @property
    def honeypot_filled(self):
        return bool(self.cleaned_data.get("website"))

    @property
    def seconds_to_fill(self):
        return None if self.rendered_at is None else max(0.0, time.time() - self.rendered_at)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do"),
        choices=CommentReport.Reason.choices,
        error_messages={"required": _("Vui lòng chọn lý do."), "invalid_choice": _("Lý do không hợp lệ.")},
    )
    detail = forms.CharField(
        label=_("Mô tả thêm (không bắt buộc)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        error_messages={"max_length": _("Mô tả dài tối đa %(limit_value)d ký tự.")},
    )


class ModerationForm(forms.Form):
    """A decision on one or more comments, from the queue page."""

    action = forms.ChoiceField(
        choices=[
            (Comment.Status.APPROVED, _("Duyệt")),
            (Comment.Status.REJECTED, _("Từ chối")),
            (Comment.Status.SPAM, _("Spam")),
        ],
        error_messages={
            "required": _("Chưa chọn quyết định."),
            "invalid_choice": _("Quyết định không hợp lệ."),
        },
    )
    comments = forms.ModelMultipleChoiceField(
        queryset=Comment.objects.all(),
        error_messages={"required": _("Chưa chọn bình luận nào.")},
    )
    note = forms.CharField(required=False, max_length=500)
