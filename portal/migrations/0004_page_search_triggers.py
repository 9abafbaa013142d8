"""Site search's vectors for society pages, on PostgreSQL only (portal/search.py).

Pages follow the resource library (resources/migrations/0002): a trigger keeps two vectors
current on insert and on updates that set the title, summary or body. ``teaser_vector`` is
what everyone may read, title (A) and summary (B), and is all a member-only page is found by for
people who may not read it; ``search_vector`` adds the body (C, tags removed). These are the
weights ``SearchSource.full_vector()`` gives the sources that compute theirs, so ranks stay
comparable across sections. GIN indexes make both fast, and a trigram GIN index on the title
serves site search's similar-titles fallback for a misspelled word.

Jobs and resources keep stored vectors too. The other sources (credentials, webinars, CE
options and questions, the I AM MLS campaign, its questions and institutions) are small tables
staff curate by hand, tens to a few hundred rows: computing their vectors per search costs less
than a trigger and two indexes each would.

SQLite skips all of this.
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION portal_page_search_vectors() RETURNS trigger AS $$
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

CREATE TRIGGER portal_page_search_vectors_trg
BEFORE INSERT OR UPDATE OF title, summary, body ON portal_page
FOR EACH ROW EXECUTE FUNCTION portal_page_search_vectors();

CREATE INDEX portal_page_search_gin ON portal_page USING gin (search_vector);
CREATE INDEX portal_page_teaser_gin ON portal_page USING gin (teaser_vector);
CREATE INDEX portal_page_title_trgm ON portal_page USING gin (title gin_trgm_ops);
UPDATE portal_page SET title = title;
"""

BACKWARD = """
DROP INDEX IF EXISTS portal_page_title_trgm;
DROP INDEX IF EXISTS portal_page_teaser_gin;
DROP INDEX IF EXISTS portal_page_search_gin;
DROP TRIGGER IF EXISTS portal_page_search_vectors_trg ON portal_page;
DROP FUNCTION IF EXISTS portal_page_search_vectors();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_page_search_vectors")]

    operations = [migrations.RunPython(_on_postgres(FORWARD), _on_postgres(BACKWARD))]
