"""The search's folded words in lines (title, lead, body); on PostgreSQL a full-text index over them.

search_text becomes the folded words of search_columns (one line each for the title, the lead and the
body). On PostgreSQL the table gets ``search_vector``, a tsvector the database computes itself from
search_text (a stored generated column, so bulk inserts need nothing), weighted A, B and C by line, with a
GIN index. The column is not on the model: SQLite has no tsvector, and the search reads it through SQL.

The tsvector is built from our own words (split on the spaces search_columns wrote), never by
PostgreSQL's text parser, which cuts differently from the query ("10.000", "a.b", "a_b"): a reader's word
is then always one of the stored words. Words past position 16383 (tsvector's limit) and a line's words
past about 900 kB (a tsvector holds at most 1 MB) are not indexed; SQLite's LIKE has no such limit.
"""

from django.db import migrations

from newsroom.common.text import search_columns

BATCH = 500

CREATE_FUNCTION = r"""
CREATE OR REPLACE FUNCTION articles_search_words(words text, weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT setweight(
    coalesce(string_agg(lexeme, ' ' ORDER BY position), '')::tsvector,
    weight
  )
  FROM (
    SELECT
      '''' || replace(replace(word, '\', '\\'), '''', '\''') || ''':' || least(position, 16383) AS lexeme,
      position,
      sum(octet_length(word) + 8) OVER (ORDER BY position) AS size
    FROM regexp_split_to_table(words, ' ') WITH ORDINALITY AS found(word, position)
    WHERE word <> '' AND octet_length(word) <= 2000
  ) AS lexemes
  WHERE size < 900000
$$
"""

ADD_COLUMN = r"""
ALTER TABLE articles_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  articles_search_words(split_part(search_text, E'\n', 1), 'A')
  || articles_search_words(split_part(search_text, E'\n', 2), 'B')
  || articles_search_words(split_part(search_text, E'\n', 3), 'C')
) STORED
"""


def refill_search_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.only("pk", "title", "lead", "body").order_by("pk")
    batch = []
    for article in articles.iterator(chunk_size=BATCH):
        article.search_title, article.search_text, article.search_exact = search_columns(
            article.title, article.lead, article.body
        )
        batch.append(article)
        if len(batch) == BATCH:
            Article.objects.bulk_update(batch, ["search_title", "search_text", "search_exact"])
            batch = []
    Article.objects.bulk_update(batch, ["search_title", "search_text", "search_exact"])


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION)
    schema_editor.execute(ADD_COLUMN)
    schema_editor.execute("CREATE INDEX article_search_vector ON articles_article USING gin (search_vector)")


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute('DROP FUNCTION IF EXISTS articles_search_words(text, "char")')


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0009_field_verbose_names"),
    ]

    operations = [
        migrations.RunPython(refill_search_text, migrations.RunPython.noop),
        migrations.RunPython(add_search_vector, drop_search_vector),
    ]
