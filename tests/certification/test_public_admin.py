"""Staff editing the certification catalogue in the admin (certification/admin_catalog.py)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from certification.models import CEActivity, CredentialHolding, FAQEntry, RenewalRule
from tests.certification.factories_catalog import (
    CECategoryFactory,
    CEOptionFactory,
    CEOptionTypeFactory,
    CertifyingBodyFactory,
    CredentialFactory,
    FAQEntryFactory,
    rule_with_minimums,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def rules():
    ethics = CECategoryFactory(name="Medical ethics", slug="ethics")
    confirmed = rule_with_minimums(
        CredentialFactory(name="MLS(ASCP)", slug="mls-ascp"), 36, [(ethics, 1)]
    )
    unverified = rule_with_minimums(
        CredentialFactory(name="PBT(ASCP)", slug="pbt-ascp"), 9, [], needs_review=True
    )
    return confirmed, unverified


def _admin_url(model, action="changelist", *args):
    return reverse(f"admin:certification_{model}_{action}", args=args)


@pytest.mark.parametrize(
    "model",
    ["cecategory", "certifyingbody", "credential", "renewalrule", "ceoptiontype", "ceoption",
     "faqentry", "credentialholding", "ceactivity"],
)  # fmt: skip
def test_every_catalogue_list_opens(admin_client, rules, model):
    assert admin_client.get(_admin_url(model)).status_code == 200


def test_unverified_filter_finds_the_rules_to_check(admin_client, rules):
    confirmed, unverified = rules

    response = admin_client.get(_admin_url("renewalrule") + "?unverified=yes")
    html = response.content.decode()

    assert "Unverified — to check" in html
    assert list(response.context["cl"].queryset) == [unverified]
    assert list(
        admin_client.get(_admin_url("renewalrule") + "?unverified=no").context["cl"].queryset
    ) == [confirmed]


def test_rule_page_edits_the_minimums_and_previews_the_wording(admin_client, rules):
    confirmed, _ = rules

    html = admin_client.get(_admin_url("renewalrule", "change", confirmed.pk)).content.decode()

    assert 'name="minimums-0-points"' in html
    assert "<li>Every 3 years you need 36 points of continuing education.</li>" in html


def test_credential_page_edits_its_rule_inline_and_links_to_the_minimums(admin_client, rules):
    confirmed, _ = rules

    html = admin_client.get(
        _admin_url("credential", "change", confirmed.credential.pk)
    ).content.decode()

    assert 'name="renewal_rule-0-total_points" value="36.0"' in html
    assert "1.0 in Medical ethics" in html
    assert _admin_url("renewalrule", "change", confirmed.pk) in html


def test_staff_can_change_a_rule_from_the_credential_page(admin_client, rules):
    _, unverified = rules
    credential = unverified.credential
    url = _admin_url("credential", "change", credential.pk)
    data = {
        "body": credential.body.pk, "name": credential.name, "slug": credential.slug,
        "title": credential.title, "description": "", "order": 0,
        "renewal_rule-TOTAL_FORMS": 1, "renewal_rule-INITIAL_FORMS": 1,
        "renewal_rule-MIN_NUM_FORMS": 0, "renewal_rule-MAX_NUM_FORMS": 1,
        "renewal_rule-0-id": unverified.pk, "renewal_rule-0-credential": credential.pk,
        "renewal_rule-0-cycle_years": 3, "renewal_rule-0-total_points": "10",
        "renewal_rule-0-points_per_semester_hour": "15",
        "renewal_rule-0-points_per_quarter_hour": "10",
        "renewal_rule-0-academic_share_limit": "0.5", "renewal_rule-0-notes": "Confirmed by phone.",
        "renewal_rule-0-reviewed_on": "2026-11-02",
    }  # fmt: skip

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    unverified.refresh_from_db()
    assert unverified.total_points == Decimal("10")
    assert not unverified.needs_review
    assert unverified.reviewed_on == date(2026, 11, 2)


@pytest.mark.parametrize(
    ("model", "factory"),
    [("certifyingbody", CertifyingBodyFactory), ("ceoptiontype", CEOptionTypeFactory),
     ("faqentry", FAQEntryFactory), ("credential", CredentialFactory)],
)  # fmt: skip
def test_rich_text_forms_carry_the_csp_nonce(admin_client, model, factory):
    obj = factory()

    response = admin_client.get(_admin_url(model, "change", obj.pk))
    html = response.content.decode()

    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in html


def test_options_filter_by_tags_and_search_by_provider(admin_client):
    online = CEOptionFactory(name="LabCE library", provider="LabCE", awards_pace=True)
    CEOptionFactory(name="State meeting", provider="ASCLS-Illinois", format="in_person")

    by_pace = admin_client.get(_admin_url("ceoption") + "?awards_pace__exact=1")
    by_provider = admin_client.get(_admin_url("ceoption") + "?q=labce")

    assert list(by_pace.context["cl"].queryset) == [online]
    assert list(by_provider.context["cl"].queryset) == [online]


def test_faq_order_and_publishing_are_edited_in_the_list(admin_client):
    entry = FAQEntryFactory(order=5)
    data = {
        "form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 1, "form-0-id": entry.pk,
        "form-0-order": 1, "_save": "Save",
    }  # fmt: skip

    admin_client.post(_admin_url("faqentry"), data)

    entry.refresh_from_db()
    assert entry.order == 1
    assert not FAQEntry.objects.get(pk=entry.pk).is_published


def test_members_ce_records_are_found_by_email_and_not_added_by_staff(admin_client, rules):
    confirmed, _ = rules
    morgan = UserFactory(email="morgan@example.com")
    CredentialHolding.objects.create(
        user=morgan, credential=confirmed.credential, cycle_end=date(2027, 3, 31)
    )
    CEActivity.objects.create(
        user=morgan, title="Ethics webinar", provider="ASCLS", completed_on=date(2026, 1, 5),
        amount=Decimal("1"), category=confirmed.minimums.get().category,
    )  # fmt: skip
    CEActivity.objects.create(
        user=UserFactory(), title="Someone else's", provider="LabCE",
        completed_on=date(2026, 1, 5), amount=Decimal("1"),
        category=confirmed.minimums.get().category,
    )  # fmt: skip

    activities = admin_client.get(_admin_url("ceactivity") + "?q=morgan@example.com")
    holdings = admin_client.get(_admin_url("credentialholding") + "?q=morgan@example.com")

    assert [a.title for a in activities.context["cl"].queryset] == ["Ethics webinar"]
    assert holdings.context["cl"].queryset.get().user == morgan
    assert admin_client.get(_admin_url("ceactivity", "add")).status_code == 403
    assert admin_client.get(_admin_url("credentialholding", "add")).status_code == 403
    activity = CEActivity.objects.get(user=morgan)
    assert admin_client.get(_admin_url("ceactivity", "change", activity.pk)).status_code == 200


def test_rule_list_shows_each_rule_and_its_body(admin_client, rules):
    html = admin_client.get(_admin_url("renewalrule")).content.decode()

    assert "Renewal of MLS(ASCP)" in html
    assert "Renewal of PBT(ASCP)" in html
    assert RenewalRule.objects.count() == 2
