"""A trigram index on resource titles, on PostgreSQL only: site search's similar-titles
fallback for a misspelled word (portal/search.py) reads it instead of every title. SQLite skips
it."""

from django.db import migrations

FORWARD = (
    "CREATE INDEX resources_resource_title_trgm ON resources_resource USING gin (title gin_trgm_ops);"
)
BACKWARD = "DROP INDEX IF EXISTS resources_resource_title_trgm;"


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_search_triggers"),
        ("portal", "0002_pg_trgm"),  # gin_trgm_ops
    ]

    operations = [migrations.RunPython(_on_postgres(FORWARD), _on_postgres(BACKWARD))]
