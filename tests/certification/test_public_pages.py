"""The public pages of Certification & CE: section home, bodies, credentials, P.A.C.E., FAQ
and the sitemap."""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certification.rules_text import NO_RULE_TEXT
from portal.access import Visibility
from portal.models import Section
from tests.certification.factories_catalog import (
    CECategoryFactory,
    CEOptionTypeFactory,
    CertifyingBodyFactory,
    CredentialFactory,
    FAQEntryFactory,
    WebinarFactory,
    rule_with_minimums,
)
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ascp():
    return CertifyingBodyFactory(
        name="ASCP Board of Certification",
        abbreviation="ASCP BOC",
        slug="ascp-boc",
        website="https://www.ascp.org/content/board-of-certification",
        description="<p>Awards the MLS and MLT credentials.</p>",
    )


@pytest.fixture
def mls(ascp):
    cats = [
        CECategoryFactory(name=name, slug=slug)
        for name, slug in [("Laboratory and patient safety", "safety"),
                           ("Medical ethics", "ethics"), ("Microbiology", "microbiology")]
    ]  # fmt: skip
    credential = CredentialFactory(
        body=ascp, name="MLS(ASCP)", slug="mls-ascp", title="Medical Laboratory Scientist"
    )
    rule_with_minimums(credential, 36, list(zip(cats, [1, 1, 2], strict=True)), notes="Keep proof.")
    return credential


def _html(response):
    assert response.status_code == 200
    return response.content.decode()


def _no_inline_script_or_style(html, nonce=None):
    assert "style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'type="application/ld+json"' in tag, tag
        if nonce:
            assert f'nonce="{nonce}"' in tag


# --- Section home -----------------------------------------------------------------------------


def test_section_home_explains_certification_and_links_every_part(client, ascp):
    CertifyingBodyFactory(name="American Medical Technologists", abbreviation="AMT", slug="amt")
    option_type = CEOptionTypeFactory(name="Online CE platforms", slug="online-platforms")
    PageFactory(title="CE scholarships", slug="ce-scholarships", section=Section.CERTIFICATION)
    PageFactory(title="Career fair", slug="career-fair", section=Section.CAREERS)

    html = _html(client.get(reverse("certification:index")))

    assert "Illinois does not license medical laboratory personnel" in html
    assert "employers look for" in html
    assert "results steer diagnosis and treatment" in html
    assert "continuing education" in html
    assert f'href="{ascp.get_absolute_url()}">ASCP Board of Certification</a>' in html
    assert 'href="/certification/bodies/amt/">American Medical Technologists</a>' in html
    for name in ["pace", "options", "tracker", "faq", "webinar_list"]:
        assert f'href="{reverse(f"certification:{name}")}"' in html, name
    assert f'href="{option_type.get_absolute_url()}">Online CE platforms</a>' in html
    assert 'href="/pages/ce-scholarships/">CE scholarships</a>' in html
    assert "Career fair" not in html
    assert 'href="/certification/" aria-current="page">Certification &amp; CE</a>' in html
    _no_inline_script_or_style(html)


def test_section_home_lists_the_next_three_published_webinars_soonest_first(client):
    now = timezone.now()
    WebinarFactory(title="Already happened", starts_at=now - timedelta(hours=2))
    WebinarFactory(title="Hidden draft", starts_at=now + timedelta(days=1), is_published=False)
    third = WebinarFactory(title="Third soonest", starts_at=now + timedelta(days=30))
    first = WebinarFactory(title="Soonest of all", starts_at=now + timedelta(days=2))
    WebinarFactory(title="Too far ahead", starts_at=now + timedelta(days=90))
    second = WebinarFactory(title="Second soonest", starts_at=now + timedelta(days=10))

    html = _html(client.get(reverse("certification:index")))

    positions = [html.index(f'href="{w.get_absolute_url()}">{w.title}</a>')
                 for w in (first, second, third)]  # fmt: skip
    assert positions == sorted(positions)
    for title in ["Already happened", "Hidden draft", "Too far ahead"]:
        assert title not in html
    assert "No webinars are scheduled right now." not in html


def test_section_home_says_when_no_webinar_is_scheduled(client):
    html = _html(client.get(reverse("certification:index")))

    assert "No webinars are scheduled right now." in html
    assert "Coming soon" not in html


# --- Bodies and credentials ---------------------------------------------------------------------


def test_body_page_lists_its_credentials_with_their_rules_in_plain_words(client, ascp, mls):
    CredentialFactory(body=ascp, name="NORULE(ASCP)", slug="norule-ascp", title="No rule yet")
    CredentialFactory(name="OTHER(XYZ)")  # another body's credential

    html = _html(client.get(ascp.get_absolute_url()))

    assert "<h1>ASCP Board of Certification (ASCP BOC)</h1>" in html
    assert "<p>Awards the MLS and MLT credentials.</p>" in html
    assert f'href="{mls.get_absolute_url()}">MLS(ASCP)</a>: Medical Laboratory Scientist' in html
    assert "<li>Every 3 years you need 36 points of continuing education.</li>" in html
    assert (
        "At least 1 point must be in laboratory and patient safety, 1 in medical ethics, and 2 "
        "in microbiology." in html
    )
    assert "The rest (32 points) can be in your specialty or any laboratory area." in html
    assert NO_RULE_TEXT in html
    assert "OTHER(XYZ)" not in html
    assert 'href="https://www.ascp.org/content/board-of-certification"' in html


def test_body_page_query_count_does_not_grow_with_credentials(
    client, ascp, mls, django_assert_max_num_queries
):
    for n in range(8):
        rule_with_minimums(CredentialFactory(body=ascp), 8 + n, [(CECategoryFactory(), 8)])

    with django_assert_max_num_queries(6):
        client.get(ascp.get_absolute_url())


def test_credential_page_shows_its_rule_notes_and_the_bodys_site(client, ascp, mls):
    html = _html(client.get(mls.get_absolute_url()))

    assert "<h1>MLS(ASCP)</h1>" in html
    assert "Medical Laboratory Scientist, awarded by" in html
    assert f'href="{ascp.get_absolute_url()}">ASCP Board of Certification</a>' in html
    assert "Every 3 years you need 36 points of continuing education." in html
    assert "College courses count: one semester hour is 15 points" in html
    assert "Keep proof." in html
    assert "being checked" not in html
    assert 'href="https://www.ascp.org/content/board-of-certification"' in html
    assert f'href="{reverse("certification:tracker")}"' in html


def test_unverified_rule_is_flagged_on_the_credential_page(client, ascp):
    pbt = CredentialFactory(body=ascp, name="PBT(ASCP)", slug="pbt-ascp")
    rule_with_minimums(pbt, 9, [], needs_review=True, notes="Usually quoted as 9 points.")

    html = _html(client.get(pbt.get_absolute_url()))

    assert "Every 3 years you need 9 points of continuing education." in html
    assert (
        '<p class="notice"><strong>Still being checked.</strong> These figures are being checked '
        "with ASCP BOC; confirm them on its website" in html
    )
    assert "Usually quoted as 9 points." in html


def test_rule_text_follows_the_data_staff_edit(client, mls):
    rule = mls.renewal_rule
    rule.total_points = Decimal("40")
    rule.annual_renewal = True
    rule.save()

    html = _html(client.get(mls.get_absolute_url()))

    assert "Every 3 years you need 40 points of continuing education." in html
    assert "ASCP BOC also asks you to renew every year and pay a yearly fee." in html


def test_credential_without_a_rule_says_no_requirement_is_recorded(client):
    ncpt = CredentialFactory(name="NCPT(NCCT)", slug="ncpt-ncct")

    html = _html(client.get(ncpt.get_absolute_url()))

    assert NO_RULE_TEXT in html
    assert "Every " not in html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(
    "name", ["certification:body_detail", "certification:credential_detail",
             "certification:option_type"]
)  # fmt: skip
def test_unknown_slugs_are_404(client, name):
    assert client.get(reverse(name, kwargs={"slug": "no-such-thing"})).status_code == 404


# --- P.A.C.E. -----------------------------------------------------------------------------------


def test_pace_page_explains_pace_and_how_the_portal_records_it(client):
    html = _html(client.get(reverse("certification:pace")))

    for fact in ["Professional Acknowledgment for Continuing Education", "1977",
                 "one contact hour is 50 minutes", "basic, intermediate or advanced",
                 "measured", "provider number", "program number", "CE Organizer",
                 "ASCP Board of Certification"]:  # fmt: skip
        assert fact in html, fact
    assert "P.A.C.E. program number" in html
    assert f'href="{reverse("certification:tracker")}"' in html
    assert f'href="{reverse("certification:webinar_list")}"' in html


def test_pace_page_uses_the_staff_page_when_there_is_one(client):
    PageFactory(slug="pace", section=Section.CERTIFICATION, body="<p>Staff wording of P.A.C.E.</p>")

    html = _html(client.get(reverse("certification:pace")))

    assert "<p>Staff wording of P.A.C.E.</p>" in html
    assert "ASCLS has run P.A.C.E. since 1977" not in html
    # How the portal records credit is the portal's own and stays.
    assert "P.A.C.E. program number" in html


def test_members_only_pace_page_falls_back_to_built_in_text_for_visitors(client):
    PageFactory(slug="pace", section=Section.CERTIFICATION, visibility=Visibility.MEMBERS,
                body="<p>Members' wording.</p>")  # fmt: skip

    html = _html(client.get(reverse("certification:pace")))

    assert "Members' wording." not in html
    assert "ASCLS has run P.A.C.E. since 1977" in html


# --- FAQ ------------------------------------------------------------------------------------------


def _json_ld(html):
    match = re.search(
        r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.S
    )
    assert match, "no JSON-LD block"
    return match.group(1), json.loads(match.group(2))


def test_faq_lists_published_entries_with_matching_faqpage_json_ld(client):
    second = FAQEntryFactory(question="Do college courses count?", order=2,
                             answer="<p>Yes, up to half of the total.</p>")  # fmt: skip
    first = FAQEntryFactory(question="What is a CMP point?", order=1,
                            answer="<p>One contact hour.</p>")  # fmt: skip
    FAQEntryFactory(question="Draft question?", is_published=False)

    response = client.get(reverse("certification:faq"))
    html = _html(response)

    assert html.index(first.question) < html.index(second.question)
    assert "Draft question?" not in html
    nonce, data = _json_ld(html)
    assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"] == [
        {"@type": "Question", "name": e.question,
         "acceptedAnswer": {"@type": "Answer", "text": e.answer}}
        for e in (first, second)
    ]  # fmt: skip
    _no_inline_script_or_style(html, nonce)


def test_faq_json_ld_cannot_be_broken_out_of(client):
    FAQEntryFactory(question="</script><script>alert(1)</script>?", answer="<p>a &amp; b</p>")

    html = _html(client.get(reverse("certification:faq")))

    _, data = _json_ld(html)
    assert data["mainEntity"][0]["name"] == "</script><script>alert(1)</script>?"
    assert "<script>alert(1)" not in html


def test_empty_faq_has_no_json_ld(client):
    html = _html(client.get(reverse("certification:faq")))

    assert "application/ld+json" not in html
    assert "There are no questions here yet." in html


# --- Sitemap ------------------------------------------------------------------------------------


def test_sitemap_lists_bodies_credentials_and_option_types(client, ascp, mls):
    option_type = CEOptionTypeFactory(slug="conferences")

    xml = client.get("/sitemap-certification.xml").content.decode()

    for path in [ascp.get_absolute_url(), mls.get_absolute_url(), option_type.get_absolute_url(),
                 reverse("certification:options"), reverse("certification:pace"),
                 reverse("certification:faq")]:  # fmt: skip
        assert f"<loc>http://testserver{path}</loc>" in xml, path
    assert "/sitemap-certification.xml" in client.get("/sitemap.xml").content.decode()
