"""factory_boy factories for the articles app; images are drawn with Pillow at test time."""

import io
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleAuthor, ArticlePhoto, Author, Photo, RelatedArticle, Section, Tag
from articles.photos.services import save_photo


def image_bytes(*, size=(64, 48), color=(200, 30, 30), image_format="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format)
    return buffer.getvalue()


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Tác giả {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Thẻ {n}")


class PhotoFactory(factory.django.DjangoModelFactory):
    """Photos stored as the admin stores them: through the photo service, renditions made on commit."""

    class Meta:
        model = Photo

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return save_photo(photo=model_class(*args, **kwargs))

    image = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="anh.jpg"))
    caption = factory.Sequence(lambda n: f"Chú thích ảnh {n}")
    credit = "Thu Hà"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Đường về bản Khun Há số {n}")
    lead = "Người dân trong bản đã cùng nhau làm đường bê tông dẫn vào trung tâm xã."
    body = "<p>Đoạn thứ nhất của bài viết.</p><p>Đoạn thứ hai của bài viết.</p>"
    section = factory.SubFactory(SectionFactory, name="Thời sự")
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)


def add_authors(article, count):
    for position in range(count):
        ArticleAuthor.objects.create(article=article, author=AuthorFactory(), position=position)


def add_body_photos(article, count):
    for position in range(1, count + 1):
        ArticlePhoto.objects.create(
            article=article, photo=PhotoFactory(), position=position, caption=f"Ảnh trong bài {position}"
        )


def add_tags(article, count):
    article.tags.add(*TagFactory.create_batch(count))


def add_related(article, count):
    for position in range(count):
        RelatedArticle.objects.create(
            from_article=article, to_article=ArticleFactory(section=article.section), position=position
        )


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "comments.Comment"

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Bạn đọc {n}")
    email = factory.Sequence(lambda n: f"bandoc{n}@example.com")
    body = factory.Sequence(lambda n: f"Bài viết rất hay và bổ ích, cảm ơn tòa soạn ({n}).")
    status = "approved"
    ip_address = "203.0.113.7"
    fingerprint = factory.Sequence(lambda n: f"{n:064d}")


def ensure_roles():
    """Re-run the (re-runnable) role migrations: a browser test's flush empties the tables they filled."""
    import importlib

    from django.apps import apps

    importlib.import_module("comments.migrations.0002_moderator_group").create_moderator_group(apps, None)
    importlib.import_module("articles.migrations.0004_roles").create_roles(apps, None)
    importlib.import_module("newsroom.migrations.0002_sign_in_security_roles").grant_security_rights(
        apps, None
    )


def moderator_user(username="kiemduyet"):
    from django.contrib.auth.models import Group, User

    ensure_roles()

    user = User.objects.create_user(
        username, email=f"{username}@baolaichau.example", password="mat-khau-dai-123"
    )
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Kiểm duyệt viên"))
    return user


def staff_user(username, group):
    """A staff account in one of the newsroom's groups (made by the roles migration)."""
    from django.contrib.auth.models import Group, User

    ensure_roles()
    user = User.objects.create_user(
        username, email=f"{username}@baolaichau.example", password="mat-khau-dai-123"
    )
    user.is_staff = True
    user.first_name = username.capitalize()
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


def rendered_body(article):
    """The article's body as its page draws it (photo placeholders as figures), through the template tag."""
    from django.template import Context, Template

    return Template("{% load pictures %}{% article_body article %}").render(Context({"article": article}))


def live_story(*, section=None, photo=None, entries=3, **fields):
    """A story covered live now, with ``entries`` entries (plain text, HTML, a long address; the newest with
    ``photo`` when given), written through the services as the desk does."""
    from articles.stories import services

    editor = staff_user(f"bt-truc-tiep-{Article.objects.count()}", "Biên tập viên")
    article = ArticleFactory(
        title=fields.pop("title", "Trực tiếp: Kỳ họp thứ 8 HĐND tỉnh khóa XV"),
        section=section or SectionFactory(),
        created_by=editor,
        **fields,
    )
    services.start_live(article=article, user=editor, planned_end=timezone.now() + timedelta(hours=6))
    texts = [
        "Khai mạc kỳ họp. Đại biểu dự họp đầy đủ.",
        "<p>Biểu quyết <strong>thông qua</strong> nghị quyết về <a href='https://laichau.gov.vn'>đầu tư công</a>.</p>",
        f"Xem toàn văn tại https://laichau.gov.vn/{'hoi-dong-nhan-dan-' * 10}nghi-quyet.html",
    ]
    for n in range(entries):
        services.add_live_entry(
            article=article,
            user=editor,
            text=texts[n % len(texts)] + (f" ({n})" if n >= len(texts) else ""),
            photo=photo if n == entries - 1 else None,
        )
    return Article.objects.get(pk=article.pk)
