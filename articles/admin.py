"""The newsroom's admin: an editor creates and publishes a story with its photos, authors and related stories."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Article, ArticleAuthor, ArticlePhoto, Author, Photo, RelatedArticle, Section, Tag
from .text import strip_leading_mark


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "user"]
    list_select_related = ["user"]
    search_fields = ["name"]
    autocomplete_fields = ["user"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "caption", "credit", "width", "height", "uploaded_at"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["thumbnail", "width", "height"]
    fields = ["image", "thumbnail", "caption", "credit", "alt_text", "width", "height"]

    @admin.display(description=_("xem trước"))
    def thumbnail(self, photo):
        if not photo.image:
            return "—"
        return format_html('<img src="{}" alt="" style="max-height:60px">', photo.image.url)


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    autocomplete_fields = ["author"]
    extra = 1


class ArticlePhotoInline(admin.TabularInline):
    model = ArticlePhoto
    autocomplete_fields = ["photo"]
    extra = 1


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    autocomplete_fields = ["to_article"]
    extra = 1


class ArticleAdminForm(forms.ModelForm):
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
            "status",
            "published_at",
            "comments_open",
        ]

    def clean_lead(self):
        # Archives and reporters often type the mark themselves; the page adds it, so keep it once.
        return strip_leading_mark(self.cleaned_data["lead"], settings.NEWSROOM["MARK"])


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "section", "status", "published_at", "updated_at"]
    list_filter = ["status", "section"]
    list_select_related = ["section"]
    search_fields = ["title", "lead"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["section", "tags", "cover_photo"]
    inlines = [ArticleAuthorInline, ArticlePhotoInline, RelatedArticleInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "lead", "body", "cover_photo", "tags"]}),
        (_("Xuất bản"), {"fields": ["status", "published_at", "comments_open", "external_id"]}),
    ]
    readonly_fields = ["external_id"]
