"""What Certification & CE contributes to site search (portal/search.py)."""

from django.urls import reverse

from certification.models import CEOption, Credential, FAQEntry, Webinar
from portal.search import SearchSource

SOURCES = [
    SearchSource(
        key="credentials",
        label="Credentials",
        queryset=lambda user: Credential.objects.select_related("body"),
        title="title",
        summary="name",
        body=("description",),
        order=30,
    ),
    SearchSource(
        key="webinars",
        label="Webinars",
        queryset=lambda user: Webinar.objects.published(),
        summary="presenter",
        body=("description",),
        date="starts_at",
        order=31,
    ),
    SearchSource(
        key="ce-options",
        label="CE options",
        queryset=lambda user: CEOption.objects.filter(is_published=True).select_related("type"),
        title="name",
        summary="provider",
        body=("description",),
        url=lambda option: option.type.get_absolute_url(),
        order=32,
    ),
    SearchSource(
        key="ce-faq",
        label="Certification questions",
        queryset=lambda user: FAQEntry.objects.filter(is_published=True),
        title="question",
        body=("answer",),
        url=lambda entry: reverse("certification:faq") + f"#faq-{entry.pk}",
        order=33,
    ),
]
