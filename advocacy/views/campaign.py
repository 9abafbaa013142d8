from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Campaign, FAQEntry, Institution, Pledge, SampleLetter
from advocacy.services.pledges import pledge_count
from advocacy.sharing import share_links
from advocacy.stats import title_share_chart
from careers.standard_titles import quarter_start, quarterly_share
from portal import fragments
from portal.jsonld import faq_page, json_ld
from portal.models import Section
from portal.navigation import section_pages

RECENT_PLEDGERS = 8
INSTITUTIONS_SHOWN = 6
# How many quarters of job posts the "How job posts are changing" chart shows.
TITLE_SHARE_QUARTERS = 8


def _staff_content():
    """What staff edit on the campaign page, read once and kept until they save again."""
    return {
        "campaign": Campaign.load(),
        "faq": list(FAQEntry.objects.published()),
        "institutions": list(Institution.objects.listed()[: INSTITUTIONS_SHOWN + 1]),
        "letter": SampleLetter.load(),
    }


def _recent_pledges():
    return list(Pledge.objects.on_the_wall()[:RECENT_PLEDGERS])


def _title_share():
    """The share of the Career Center's posts using the standard title, per quarter: one query,
    kept until a job post (or the list of outdated titles) changes, and per quarter."""
    this_quarter = quarter_start(timezone.localdate())
    return fragments.cached(
        f"title-share:{this_quarter:%Y-%m}:{TITLE_SHARE_QUARTERS}",
        lambda: quarterly_share(TITLE_SHARE_QUARTERS, this_quarter),
        topics=["jobs", "outdated-titles"],
    )


def index(request):
    content = fragments.cached("campaign-content", _staff_content, topics=["advocacy"])
    campaign, faq, institutions = content["campaign"], content["faq"], content["institutions"]
    page_url = request.build_absolute_uri(reverse("advocacy:index"))
    context = {
        "campaign": campaign,
        "pledge_count": pledge_count(),
        "recent_pledges": fragments.cached("recent-pledges", _recent_pledges, topics=["pledges"]),
        "letter": content["letter"],
        "institutions": institutions[:INSTITUTIONS_SHOWN],
        "more_institutions": len(institutions) > INSTITUTIONS_SHOWN,
        "faq": faq,
        "json_ld": json_ld(faq_page(faq)) if faq else None,
        "share_links": share_links(
            url=page_url, message=campaign.share_message, subject=campaign.headline
        ),
        "section_pages": section_pages(Section.ADVOCACY),
        "title_share": title_share_chart(_title_share()),
    }
    return render(request, "advocacy/index.html", context)
