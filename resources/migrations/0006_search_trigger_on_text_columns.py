"""The resource search vectors are rebuilt only when the text they are made of changes.

The trigger of migration 0002 ran on every UPDATE, so each download (which adds one to
download_count) re-parsed the body. Now it runs on INSERT and on updates of title, summary or
body.
"""

from django.db import migrations

FORWARD = """
DROP TRIGGER IF EXISTS resources_resource_search_vectors_trg ON resources_resource;
CREATE TRIGGER resources_resource_search_vectors_trg
BEFORE INSERT OR UPDATE OF title, summary, body ON resources_resource
FOR EACH ROW EXECUTE FUNCTION resources_resource_search_vectors();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS resources_resource_search_vectors_trg ON resources_resource;
CREATE TRIGGER resources_resource_search_vectors_trg
BEFORE INSERT OR UPDATE ON resources_resource
FOR EACH ROW EXECUTE FUNCTION resources_resource_search_vectors();
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("resources", "0005_generated_upload_names")]

    operations = [migrations.RunPython(_on_postgres(FORWARD), _on_postgres(BACKWARD))]
