from argparse import ArgumentTypeError
from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from careers import job_views
from careers.services.jobs import EXPIRY_WARNING_DAYS, job_expire_due, job_warn_expiring


def iso_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from error


class Command(BaseCommand):
    help = (
        "Take live job posts past their closing date off the job board (status: expired), and "
        f"email each employer once when a live post closes within {EXPIRY_WARNING_DAYS} days. "
        "Also stores the job page visits still counted in the cache. Safe to run as often as you "
        "like (daily from cron): nothing expires, is sent or is counted twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=iso_date,
            metavar="YYYY-MM-DD",
            help="Act as if today were this date (default: today in the portal's time zone).",
        )

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        # Before expiring: a closed post's visits are still shown to its employer.
        visits = job_views.move_all()
        expired = job_expire_due(today=today)
        warned = job_warn_expiring(today=today)
        self.stdout.write(
            f"{today.isoformat()}: {expired} job post(s) expired; "
            f"{warned} closing-soon warning(s) sent. {visits} job page visit(s) stored."
        )
