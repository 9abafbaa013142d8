from django.core.management.base import BaseCommand
from django.db import transaction

from portal.privacy import UNCONFIRMED_PLEDGE_DAYS, UNVERIFIED_ACCOUNT_DAYS, apply_retention


class Command(BaseCommand):
    help = (
        f"Delete I AM MLS pledges nobody confirmed within {UNCONFIRMED_PLEDGE_DAYS} days, and "
        f"accounts whose email address was never confirmed within {UNVERIFIED_ACCOUNT_DAYS} days "
        "(never logged in, not staff), with their audit-trail rows. Safe to run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be deleted, and delete nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        with transaction.atomic():
            outcome = apply_retention(dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        for kind, records in outcome.items():
            self.stdout.write(f"{kind}: {len(records)} {verb}")
            if dry_run:
                for record in records:
                    self.stdout.write(f"  {record}")
