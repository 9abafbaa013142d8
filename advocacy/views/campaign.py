from django.shortcuts import render
from django.urls import reverse

from advocacy.models import Campaign, FAQEntry, Institution, Pledge, SampleLetter
from advocacy.services.pledges import pledge_count
from advocacy.sharing import share_links
from portal import fragments
from portal.jsonld import faq_page, json_ld
from portal.models import Section
from portal.navigation import section_pages

RECENT_PLEDGERS = 8
INSTITUTIONS_SHOWN = 6


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
    }
    return render(request, "advocacy/index.html", context)
