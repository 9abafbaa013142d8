from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Career Center"

    def ready(self):
        from careers.models import Employer, Job
        from portal import fragments

        # The job board keeps its counts in the cache (portal/pagination.py).
        fragments.invalidate_on_change("jobs", Job, Employer)
