from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "advocacy"
    verbose_name = "I AM MLS"

    def ready(self):
        from advocacy.models import Campaign, FAQEntry, Institution, Pledge, SampleLetter
        from portal import fragments

        # The campaign page and the home page keep these in the cache (portal/fragments.py).
        fragments.invalidate_on_change("pledges", Pledge)
        fragments.invalidate_on_change("advocacy", Campaign, FAQEntry, Institution, SampleLetter)
