"""The staff groups and what each may do in the admin.

Later apps add their models' permissions here, so the groups stay defined in one place.
Permissions are named "app_label.codename"; ones whose app is not installed yet are skipped.
"""

from django.contrib.auth.models import Group, Permission

CONTENT_EDITORS = "Content editors"
MEMBERSHIP_MANAGERS = "Membership managers"
CAREER_MODERATORS = "Career Center moderators"


def _crud(app_label, *models, actions=("add", "change", "delete", "view")):
    return [f"{app_label}.{action}_{m}" for m in models for action in actions]


STAFF_GROUP_PERMISSIONS = {
    CONTENT_EDITORS: [
        *_crud("portal", "page"),
        *_crud("resources", "resource", "topic", "audience"),
        *_crud(
            "certification",
            "webinar",
            "webinarregistration",
            "ceoption",
            "ceoptiontype",
            "faqentry",
            "cecategory",
            "certifyingbody",
            "credential",
            "renewalrule",
            "categoryminimum",
        ),
        # I AM MLS: the campaign page and the sample letter are single rows the public pages are
        # built from; editors write and change them but do not delete them.
        *_crud("advocacy", "campaign", "sampleletter", actions=("add", "change", "view")),
        *_crud("advocacy", "faqentry", "institution"),
        # Pledges are what people said about themselves: editors may read and export them and
        # delete one when its owner asks, but never add or change one by hand (only superusers,
        # who have every permission, can, to repair a record).
        "advocacy.view_pledge",
        "advocacy.delete_pledge",
    ],
    MEMBERSHIP_MANAGERS: [
        *_crud("portal", "membership", "membershipcategory"),
        "portal.view_rosterimport",
        "portal.import_roster",
        "portal.view_user",
    ],
    CAREER_MODERATORS: [
        # The moderation queue: employers and job posts, approved or sent back.
        *_crud("careers", "employer", "job"),
        # The list of outdated titles the standard-title check looks for.
        *_crud("careers", "outdatedtitle"),
        # Applications are read-mostly (a moderator may correct a status; the applicant is told).
        "careers.view_application",
        "careers.change_application",
        "careers.view_applicationevent",
        "careers.view_careerservicerequest",
        "careers.change_careerservicerequest",
        "careers.view_resume",
        "careers.view_jobalert",
        # To add an employer's members by searching accounts (autocomplete).
        "portal.view_user",
    ],
}


def sync_staff_groups() -> None:
    """Create the staff groups and give each exactly its listed permissions."""
    for name, perm_names in STAFF_GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for perm_name in perm_names:
            app_label, codename = perm_name.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)


def sync_staff_groups_after_migrate(sender, **kwargs):
    from django.apps import apps

    # Permissions are created per app by another post_migrate receiver; once the last app has
    # had its turn, all of them exist.
    if sender is list(apps.get_app_configs())[-1]:
        sync_staff_groups()
