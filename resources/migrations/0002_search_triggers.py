"""Full-text search vectors for resources, on PostgreSQL only.

A trigger keeps both vectors current on every insert and update, so no code path (admin, shell,
bulk loads) can leave them stale; GIN indexes make the search fast. SQLite skips all of this and
the search falls back to substring matching (resources/search.py).
"""

from django.db import migrations

# Tags are removed from the rich-text body before it is indexed.
FORWARD = r"""
CREATE FUNCTION resources_resource_search_vectors() RETURNS trigger AS $$
BEGIN
  NEW.teaser_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B');
  NEW.search_vector := NEW.teaser_vector ||
    setweight(to_tsvector('english',
      regexp_replace(coalesce(NEW.body, ''), '<[^>]*>', ' ', 'g')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER resources_resource_search_vectors_trg
BEFORE INSERT OR UPDATE ON resources_resource
FOR EACH ROW EXECUTE FUNCTION resources_resource_search_vectors();

CREATE INDEX resources_resource_search_gin ON resources_resource USING gin (search_vector);
CREATE INDEX resources_resource_teaser_gin ON resources_resource USING gin (teaser_vector);
UPDATE resources_resource SET title = title;
"""

BACKWARD = """
DROP INDEX IF EXISTS resources_resource_teaser_gin;
DROP INDEX IF EXISTS resources_resource_search_gin;
DROP TRIGGER IF EXISTS resources_resource_search_vectors_trg ON resources_resource;
DROP FUNCTION IF EXISTS resources_resource_search_vectors();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(_on_postgres(FORWARD), _on_postgres(BACKWARD))]
