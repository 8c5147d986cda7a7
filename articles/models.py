"""The app's models, defined by concept in articles/stories and articles/photos, gathered here for Django."""

from .photos.models import Photo, Rendition
from .site.models import DailyViews, StoredPage, StoredPageEpoch
from .stories.history import ArticleEvent, Correction, Revision
from .stories.live import LiveEntry
from .stories.models import Article, ArticleAuthor, ArticlePhoto, Author, RelatedArticle, Section, Tag

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticleEvent",
    "ArticlePhoto",
    "Author",
    "Correction",
    "DailyViews",
    "LiveEntry",
    "Photo",
    "RelatedArticle",
    "Rendition",
    "Revision",
    "Section",
    "StoredPage",
    "StoredPageEpoch",
    "Tag",
]
