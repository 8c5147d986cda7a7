"""Indexes that serve every reader listing: newest live stories overall, per section, featured; by tag and author.

The tag and byline listings start from their join tables: (tag, article) and (author, article) let them read
one tag's or author's stories from the index alone, then fetch each story by its primary key.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_search_vector"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("status__in", ["published", "scheduled"])),
                name="article_live_latest_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                models.F("section"),
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("status__in", ["published", "scheduled"])),
                name="article_live_section_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("featured", True), ("status__in", ["published", "scheduled"])),
                name="article_live_featured_idx",
            ),
        ),
        migrations.RunSQL(
            "CREATE INDEX article_tags_tag_article_idx ON articles_article_tags (tag_id, article_id)",
            "DROP INDEX article_tags_tag_article_idx",
        ),
        migrations.RunSQL(
            "CREATE INDEX articleauthor_author_article_idx ON articles_articleauthor (author_id, article_id)",
            "DROP INDEX articleauthor_author_article_idx",
        ),
    ]
