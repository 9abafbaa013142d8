from django.conf import settings

from portal.navigation import MAIN_NAVIGATION, NAMESPACE_SECTIONS


def site(request):
    match = getattr(request, "resolver_match", None)
    return {
        "society_name": settings.SOCIETY_NAME,
        "society_full_name": settings.SOCIETY_FULL_NAME,
        "society_contact_email": settings.SOCIETY_CONTACT_EMAIL,
        "society_social_links": settings.SOCIETY_SOCIAL_LINKS,
        "national_membership_url": settings.NATIONAL_MEMBERSHIP_URL,
        "main_navigation": MAIN_NAVIGATION,
        "namespace_section": NAMESPACE_SECTIONS.get(match.namespace) if match else None,
    }
