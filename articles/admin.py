"""The newsroom's admin, by concept: stories (articles/stories/admin.py) and photos (articles/photos/admin.py)."""

from .photos import admin as photos_admin  # noqa: F401 - registers the photo library
from .stories import admin as stories_admin  # noqa: F401 - registers stories, sections, authors, tags
