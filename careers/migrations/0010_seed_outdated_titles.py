"""The society's starting list of outdated titles, and the title check of every existing post.

Staff edit the list in the admin afterwards (Career Center → Outdated job titles)."""

from django.db import migrations

# (term, standard title, abbreviation)
OUTDATED_TITLES = [
    ("Medical Technologist", "MLS", False),
    ("Medical Laboratory Technologist", "MLS", False),
    ("Medical Lab Technologist", "MLS", False),
    ("Clinical Laboratory Technologist", "MLS", False),
    ("Clinical Laboratory Scientist", "MLS", False),
    ("Clinical Lab Scientist", "MLS", False),
    ("Med Tech", "MLS", False),
    ("MT", "MLS", True),
    ("CLS", "MLS", True),
    ("Clinical Laboratory Technician", "MLT", False),
    ("Clinical Lab Technician", "MLT", False),
    ("Medical Technician", "MLT", False),
    ("Lab Tech", "MLT", False),
    ("Laboratory Tech", "MLT", False),
    ("CLT", "MLT", True),
]


def seed(apps, schema_editor):
    OutdatedTitle = apps.get_model("careers", "OutdatedTitle")
    for term, replacement, is_abbreviation in OUTDATED_TITLES:
        OutdatedTitle.objects.get_or_create(
            term=term, defaults={"replacement": replacement, "is_abbreviation": is_abbreviation}
        )


def check_existing_posts(apps, schema_editor):
    # The rule itself (pure functions: no model code runs here).
    from careers.standard_titles import Term, TitleMatcher, title_check_fields

    OutdatedTitle = apps.get_model("careers", "OutdatedTitle")
    Job = apps.get_model("careers", "Job")
    matcher = TitleMatcher(
        [
            Term(row.term, row.replacement, row.is_abbreviation)
            for row in OutdatedTitle.objects.filter(active=True)
        ]
    )
    changed = []
    for job in Job.objects.only("pk", "title", "description").iterator(chunk_size=500):
        for name, value in title_check_fields(job.title, job.description, matcher).items():
            setattr(job, name, value)
        changed.append(job)
    Job.objects.bulk_update(
        changed, ["title_standing", "uses_outdated_title", "outdated_terms"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [("careers", "0009_standard_title_check")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(check_existing_posts, migrations.RunPython.noop),
    ]
