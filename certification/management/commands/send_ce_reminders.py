from django.conf import settings
from django.core.management.base import BaseCommand

from certification.services.tracker import reminders_send


class Command(BaseCommand):
    help = (
        "Email members whose credential cycle ends within 90 days and who are still short of "
        "CE: what is missing and a link to their tracker. Run it once a day. Each credential "
        "gets at most one reminder per 30 days, so running it twice sends nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.PORTAL_BASE_URL,
            help="The portal's address for links in the emails, e.g. https://portal.ascls-il.org "
            "(default: settings.PORTAL_BASE_URL).",
        )

    def handle(self, *args, base_url=None, **options):
        run = reminders_send(base_url=base_url)
        self.stdout.write(
            f"Checked {run.checked} credential(s) with a cycle ending within 90 days: sent "
            f"{run.sent} reminder(s); {run.complete} already complete, {run.not_member} not "
            "held by an active member."
        )
        if run.failures:
            self.stderr.write(f"{run.failures} reminder(s) failed; see the log.")
