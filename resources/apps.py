from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Laboratory Resources"

    def ready(self):
        from portal import fragments
        from resources.models import Audience, Resource, Topic

        # The library's counts and topic lists are kept in the cache (portal/fragments.py).
        fragments.invalidate_on_change("resources", Resource, Topic, Audience)
