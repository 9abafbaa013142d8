"""What I AM MLS contributes to site search (portal/search.py)."""

from django.urls import reverse

from advocacy.models import Campaign, FAQEntry, Institution
from portal.search import SearchSource

SOURCES = [
    SearchSource(
        key="campaign",
        label="I AM MLS",
        queryset=lambda user: Campaign.objects.all(),
        title="headline",
        summary="lede",
        body=(
            "why_it_matters",
            "position_paper_title",
            "position_paper_summary",
            "campaign_site_summary",
            "pledge_statement",
        ),
        date="updated_at",
        url=lambda campaign: reverse("advocacy:index"),
        order=40,
    ),
    SearchSource(
        key="campaign-faq",
        label="I AM MLS questions",
        queryset=lambda user: FAQEntry.objects.published(),
        title="question",
        body=("answer",),
        url=lambda entry: reverse("advocacy:index") + f"#faq-{entry.pk}",
        order=41,
    ),
    SearchSource(
        key="institutions",
        label="Institutions using the MLS title",
        queryset=lambda user: Institution.objects.listed(),
        title="name",
        summary="city",
        body=("note",),
        order=42,
    ),
]
