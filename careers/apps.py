from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Career Center"

    def ready(self):
        from careers.models import Employer, Job, OutdatedTitle
        from portal import fragments

        # The job board keeps its counts in the cache (portal/pagination.py).
        fragments.invalidate_on_change("jobs", Job, Employer)
        # The compiled list of outdated titles (careers/standard_titles.py), however it changes.
        fragments.invalidate_on_change("outdated-titles", OutdatedTitle)
