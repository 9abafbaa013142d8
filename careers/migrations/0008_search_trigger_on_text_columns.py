"""The job board's search vector is rebuilt only when the text it is made of changes.

The trigger of migration 0002 ran on every UPDATE, so each visit to a job page (which adds one to
view_count) re-parsed the whole description into a tsvector: a third of the page's time under
load. Now it runs on INSERT and on updates of title, description or employer.
"""

from django.db import migrations

FORWARD = """
DROP TRIGGER IF EXISTS careers_job_search_vector_trg ON careers_job;
CREATE TRIGGER careers_job_search_vector_trg
BEFORE INSERT OR UPDATE OF title, description, employer_id ON careers_job
FOR EACH ROW EXECUTE FUNCTION careers_job_search_vector();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS careers_job_search_vector_trg ON careers_job;
CREATE TRIGGER careers_job_search_vector_trg
BEFORE INSERT OR UPDATE ON careers_job
FOR EACH ROW EXECUTE FUNCTION careers_job_search_vector();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("careers", "0007_performance_indexes")]

    operations = [migrations.RunPython(_on_postgres(FORWARD), _on_postgres(BACKWARD))]
