"""Check every job post against the list of outdated titles again.

The admin does this by itself whenever staff change the list; run it after changing the list
another way (a SQL console, a fixture) or after upgrading the rule in careers/standard_titles.py.
Safe to run at any time: only posts whose check changed are written."""

from django.core.management.base import BaseCommand

from careers.models import Job
from careers.standard_titles import recheck_all_jobs


class Command(BaseCommand):
    help = "Check every job post's title and description against the list of outdated titles."

    def handle(self, *args, **options):
        changed = recheck_all_jobs()
        flagged = Job.objects.filter(uses_outdated_title=True).count()
        self.stdout.write(f"{changed} job post(s) changed; {flagged} now use an outdated title.")
