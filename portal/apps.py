from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal: accounts, membership and pages"

    def ready(self):
        from portal import fragments, pagecache
        from portal.groups import sync_staff_groups_after_migrate
        from portal.models import Page

        # Permissions only exist once every app has migrated, so the staff groups are (re)built
        # after each migrate run rather than in a data migration.
        post_migrate.connect(sync_staff_groups_after_migrate, dispatch_uid="portal-staff-groups")
        fragments.invalidate_on_change("pages", Page)
        pagecache.invalidate_on_change()
