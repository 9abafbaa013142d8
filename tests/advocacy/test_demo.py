"""The I AM MLS demo content (advocacy/demo.py) loaded by `seed_demo`."""

import io
import zipfile

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from advocacy.content import DEFAULT_CAMPAIGN
from advocacy.models import Campaign, Credential, FAQEntry, Institution, Pledge, SampleLetter
from advocacy.stats import pledges_per_week

pytestmark = pytest.mark.django_db


def _advocacy_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("advocacy").get_models()
    }


@pytest.fixture
def seeded():
    out = io.StringIO()
    call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


def test_seeding_twice_gives_the_same_rows_and_keeps_staff_edits(seeded):
    first = _advocacy_counts()
    emails = set(Pledge.objects.values_list("email", flat=True))
    campaign = Campaign.objects.get()
    campaign.headline = "Edited by staff"
    campaign.save()
    faq = FAQEntry.objects.order_by("pk").first()
    faq.is_published = False
    faq.save()
    Institution.objects.filter(name="Sangamon Valley Hospital").update(note="Checked by staff.")

    call_command("seed_demo", force=True, stdout=io.StringIO())

    assert _advocacy_counts() == first
    assert set(Pledge.objects.values_list("email", flat=True)) == emails
    assert Campaign.objects.get().headline == "Edited by staff"
    faq.refresh_from_db()
    assert not faq.is_published
    assert Institution.objects.get(name="Sangamon Valley Hospital").note == "Checked by staff."


def test_demo_has_eight_months_of_confirmed_pledges_and_a_few_pending(seeded):
    confirmed = Pledge.objects.confirmed()
    now = timezone.now()

    assert confirmed.count() >= 150
    assert Pledge.objects.pending().count() == 5
    oldest = confirmed.order_by("confirmed_at").first().confirmed_at
    assert 180 <= (now - oldest).days <= 250
    assert all(p.created_at <= p.confirmed_at <= now for p in confirmed)
    busy_weeks = [w for w in pledges_per_week(weeks=26) if w.count]
    assert len(busy_weeks) >= 20  # the chart has something to show in most weeks


def test_demo_pledges_look_like_a_real_campaign(seeded):
    confirmed = list(Pledge.objects.confirmed())
    total = len(confirmed)
    share = lambda test: sum(1 for p in confirmed if test(p)) / total  # noqa: E731

    assert share(lambda p: p.credential in (Credential.MLS, Credential.MLT)) > 0.6
    assert share(lambda p: p.state == "IL") > 0.7
    assert len({p.state for p in confirmed}) >= 4
    assert 0.7 <= share(lambda p: p.show_publicly) <= 0.9
    assert 0.2 <= share(lambda p: p.campaign_emails) <= 0.4
    assert len({p.full_name for p in confirmed}) > total * 0.9
    assert all(p.email.endswith("@example.org") for p in confirmed)


def test_demo_campaign_faq_and_institutions(seeded):
    assert Campaign.objects.get().headline == DEFAULT_CAMPAIGN["headline"]
    questions = list(FAQEntry.objects.values_list("question", flat=True))
    assert 6 <= len(questions) <= 8
    assert "Can I withdraw my pledge?" in questions
    listed = Institution.objects.listed()
    assert listed.count() == 10
    assert all(2020 <= i.year_adopted <= 2026 and i.note for i in listed)
    suggested = Institution.objects.awaiting_review()
    assert suggested.count() == 2
    assert all(i.suggested_by_email for i in suggested)
    assert "advocacy: " in seeded and "confirmed pledges" in seeded


def test_demo_sample_letter_has_its_word_and_pdf_files(seeded):
    letter = SampleLetter.objects.get()

    assert letter.word_file.name.endswith(".docx")
    assert letter.pdf_file.name.endswith(".pdf")
    with letter.word_file.open("rb") as word:
        document = zipfile.ZipFile(io.BytesIO(word.read())).read("word/document.xml").decode()
    assert "[Institution]" in document
    with letter.pdf_file.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_demo_campaign_pages_open(seeded, client):
    for name in ["advocacy:index", "advocacy:wall", "advocacy:institutions", "advocacy:letter"]:
        assert client.get(reverse(name)).status_code == 200, name
