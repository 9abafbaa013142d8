"""pg_trgm for site search's similar-title fallback (portal/search.py). Django's operation does
nothing on SQLite."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [TrigramExtension()]
