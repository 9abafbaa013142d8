from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = (
        "Load demo content and demo accounts (password: labportal-demo). Safe to run again: "
        "nothing is duplicated and content staff have edited is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (it creates accounts with a published password).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a well-known password, so it refuses to run "
                "with DEBUG off. Use --force if this really is a demo site."
            )
        # Every app may ship a demo.py with seed(stdout); portal's runs first so the accounts
        # and membership categories exist for the others.
        configs = sorted(apps.get_app_configs(), key=lambda c: c.name != "portal")
        with transaction.atomic():
            for config in configs:
                if config.name.startswith(("django", "allauth")):
                    continue
                if module_has_submodule(config.module, "demo"):
                    import_module(f"{config.name}.demo").seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
