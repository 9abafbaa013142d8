"""Site search's vector for jobs, on PostgreSQL only (portal/search.py, careers/site_search.py).

The Career Center can hold many posts (every closed and expired one stays in the table), so site
search reads a stored vector with a GIN index instead of computing one per row: title (A), city
(B, the source's summary) and description (C, tags removed), the same weights
``SearchSource.full_vector()`` gives the sources that compute theirs, so ranks stay comparable
across sections. It is a separate column from the job board's ``search_vector`` (migration
0002), which weighs the employer's name instead of the city: each search then matches on
PostgreSQL the fields its SQLite fallback matches.

The trigger fires on insert and on updates that set one of the three columns (a view counter's
``UPDATE ... SET view_count = ...`` does not recompute it). A trigram GIN index on the title
serves site search's similar-titles fallback for a misspelled word.

SQLite skips all of this.
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION careers_job_site_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.site_search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.city, '')), 'B') ||
    setweight(to_tsvector('english',
      regexp_replace(coalesce(NEW.description, ''), '<[^>]*>', ' ', 'g')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER careers_job_site_search_vector_trg
BEFORE INSERT OR UPDATE OF title, city, description ON careers_job
FOR EACH ROW EXECUTE FUNCTION careers_job_site_search_vector();

CREATE INDEX careers_job_site_search_gin ON careers_job USING gin (site_search_vector);
CREATE INDEX careers_job_title_trgm ON careers_job USING gin (title gin_trgm_ops);
UPDATE careers_job SET title = title;
"""

BACKWARD = """
DROP INDEX IF EXISTS careers_job_title_trgm;
DROP INDEX IF EXISTS careers_job_site_search_gin;
DROP TRIGGER IF EXISTS careers_job_site_search_vector_trg ON careers_job;
DROP FUNCTION IF EXISTS careers_job_site_search_vector();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0003_job_site_search_vector"),
        ("portal", "0002_pg_trgm"),  # gin_trgm_ops
    ]

    operations = [migrations.RunPython(_on_postgres(FORWARD), _on_postgres(BACKWARD))]
