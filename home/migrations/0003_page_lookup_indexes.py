"""Indexes on Wagtail's page table for the API's lookups, which Wagtail does not index.

- `url_path`: `page(path:)` finds a page by its locale's home's `url_path` followed by the path
  asked for. Without an index each lookup read the whole page table. A `url_path` has no length
  limit (a slug per level), and a PostgreSQL B-tree entry must fit in a third of a block, so on
  PostgreSQL it is a hash index (equality is all the lookup needs); SQLite's B-tree takes keys
  of any length.
- `depth`: the locales' home pages (depth 2), looked up for every `page(path:)`.
"""

from django.db import migrations

INDEXES = {
    "tapestry_page_url_path": ("url_path", "hash"),
    "tapestry_page_depth": ("depth", None),
}


def indexes_create(apps, schema_editor):
    quote = schema_editor.quote_name
    postgresql = schema_editor.connection.vendor == "postgresql"
    for name, (column, method) in INDEXES.items():
        using = f" USING {method}" if method and postgresql else ""
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote('wagtailcore_page')}{using}"
            f" ({quote(column)})"
        )


def indexes_drop(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_page_preview"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(indexes_create, indexes_drop)]
