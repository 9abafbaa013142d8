"""Full-text search over jobs on PostgreSQL only (title, employer name, description).

A trigger keeps the vector current on every insert and update; a GIN index makes it fast. The
employer's name is read when the job is saved. SQLite skips this and careers/search.py falls
back to substring matching.
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION careers_job_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(
      (SELECT name FROM careers_employer WHERE id = NEW.employer_id), '')), 'B') ||
    setweight(to_tsvector('english',
      regexp_replace(coalesce(NEW.description, ''), '<[^>]*>', ' ', 'g')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER careers_job_search_vector_trg
BEFORE INSERT OR UPDATE ON careers_job
FOR EACH ROW EXECUTE FUNCTION careers_job_search_vector();

CREATE INDEX careers_job_search_gin ON careers_job USING gin (search_vector);
UPDATE careers_job SET title = title;
"""

BACKWARD = """
DROP INDEX IF EXISTS careers_job_search_gin;
DROP TRIGGER IF EXISTS careers_job_search_vector_trg ON careers_job;
DROP FUNCTION IF EXISTS careers_job_search_vector();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("careers", "0001_initial")]

    operations = [migrations.RunPython(_on_postgres(FORWARD), _on_postgres(BACKWARD))]
