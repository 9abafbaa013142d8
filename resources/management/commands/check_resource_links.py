from argparse import ArgumentTypeError

from django.core.management.base import BaseCommand, CommandError
from django.urls import NoReverseMatch, reverse

from resources.links import check_link
from resources.models import Resource

CHECKED_KINDS = [Resource.Kind.LINK, Resource.Kind.VIDEO]


def positive_seconds(value):
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0
    if not 0 < seconds < float("inf"):
        raise ArgumentTypeError(f"expected a number of seconds above 0, got {value!r}")
    return seconds


class Command(BaseCommand):
    help = (
        "Report link and video resources whose address no longer answers (timeout, connection "
        "error or HTTP status 400 and above), with the admin page where staff can fix each one. "
        "Unpublished resources are checked too, so they are sound before they go live."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=positive_seconds,
            default=10.0,
            metavar="SECONDS",
            help="How long to wait for each address to answer (default: 10).",
        )
        parser.add_argument(
            "--fail-on-broken",
            action="store_true",
            help="Exit with status 1 when any link is broken, so cron can send an alert.",
        )
        parser.add_argument(
            "--only",
            action="append",
            metavar="SLUG",
            help="Check only the resource with this slug; repeat to check several.",
        )

    def handle(self, *args, timeout, fail_on_broken, only, verbosity, **options):
        resources = (
            Resource.objects.filter(kind__in=CHECKED_KINDS)
            .exclude(url="")
            .only("pk", "title", "slug", "url", "is_published")
            .order_by("title", "pk")
        )
        if only:
            resources = resources.filter(slug__in=only)
            # A mistyped slug would otherwise look like a clean bill of health.
            unknown = sorted(set(only) - {r.slug for r in resources})
            if unknown:
                raise CommandError(
                    "No link or video resource with an address has the slug: " + ", ".join(unknown)
                )

        checked = broken = 0
        for resource in resources:
            result = check_link(resource.url, timeout)
            checked += 1
            label = resource.title if resource.is_published else f"{resource.title} (unpublished)"
            if result.ok:
                if verbosity >= 2:
                    self.stdout.write(f"OK      {label}: {resource.url} — {result.reason}")
                continue
            broken += 1
            line = f"BROKEN  {label}: {resource.url} — {result.reason}"
            if edit_path := self._admin_path(resource):
                line += f" — fix at {edit_path}"
            self.stdout.write(self.style.ERROR(line))

        noun = "link" if checked == 1 else "links"
        summary = f"Checked {checked} {noun}: {checked - broken} answer, {broken} broken."
        self.stdout.write(self.style.WARNING(summary) if broken else self.style.SUCCESS(summary))
        if fail_on_broken and broken:
            raise CommandError(f"{broken} of {checked} {noun} broken.")

    def _admin_path(self, resource):
        # The report is still worth having on a site whose admin does not list resources.
        try:
            return reverse("admin:resources_resource_change", args=[resource.pk])
        except NoReverseMatch:
            return ""
