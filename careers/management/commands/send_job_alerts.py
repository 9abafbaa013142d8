from django.conf import settings
from django.core.management.base import BaseCommand

from careers.alerts import send_due_alerts
from careers.models import JobAlert


class Command(BaseCommand):
    help = (
        "Email job seekers the new jobs that match their alerts. Run it once a day: daily "
        "alerts go out on every run, weekly ones when a week has passed. Safe to run twice: "
        "a job is never sent to the same alert again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=JobAlert.Frequency.values,
            help="Only send alerts of this frequency (default: every alert that is due).",
        )
        parser.add_argument(
            "--base-url",
            default=settings.PORTAL_BASE_URL,
            help="The portal's address for links in the emails, e.g. https://portal.ascls-il.org "
            "(default: settings.PORTAL_BASE_URL).",
        )

    def handle(self, *args, frequency=None, base_url=None, **options):
        run = send_due_alerts(frequency=frequency, base_url=base_url)
        self.stdout.write(
            f"Checked {run.alerts_checked} due alert(s): sent {run.emails_sent} email(s) "
            f"listing {run.jobs_sent} job(s)."
        )
        if run.failures:
            self.stderr.write(f"{run.failures} alert(s) failed; see the log.")
