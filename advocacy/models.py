"""I AM MLS: the campaign's texts, the pledge, the sample letter and the institutions list."""

import uuid

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from advocacy.content import DEFAULT_CAMPAIGN, DEFAULT_LETTER
from portal.files import private_storage
from portal.richtext import RichTextField
from portal.states import US_STATES
from portal.uploads import generated_name


class SingleRecord(models.Model):
    """A table holding one record that staff edit. ``load()`` returns it, or, until staff first
    save, an unsaved record with the built-in ``defaults`` (advocacy/content.py)."""

    defaults: dict = {}

    class Meta:
        abstract = True

    @classmethod
    def load(cls):
        return cls.objects.order_by("pk").first() or cls(**cls.defaults)


class Campaign(SingleRecord):
    """Every text of the campaign page, edited by staff. There is one; ``Campaign.load()``."""

    defaults = DEFAULT_CAMPAIGN

    headline = models.CharField(max_length=200)
    lede = models.TextField(help_text="One or two sentences under the headline.")
    why_it_matters = RichTextField("why one title matters")
    position_paper_title = models.CharField(max_length=300)
    position_paper_date = models.DateField(help_text="When the position paper was published.")
    position_paper_url = models.URLField(
        max_length=500, help_text="The paper on the ASCP site (the society does not host it)."
    )
    position_paper_summary = RichTextField(help_text="The paper in the society's own words.")
    supporting_organizations = models.CharField(
        max_length=300, blank=True, help_text="Comma-separated, as they should read on the page."
    )
    campaign_site_url = models.URLField(
        "“I am MLS” site address", max_length=500, help_text="ASCP's I am MLS site."
    )
    campaign_site_summary = models.TextField(
        "about the “I am MLS” site", help_text="What visitors find there."
    )
    pledge_statement = models.TextField(
        help_text="What a person agrees to when they take the pledge, shown on the pledge form "
        "and in the confirmation email."
    )
    share_message = models.CharField(
        max_length=240,
        help_text="The sentence suggested when someone shares the campaign (email, LinkedIn, "
        "Facebook, X). Keep it short enough for X.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "campaign page"
        verbose_name_plural = "campaign page"

    def __str__(self):
        return "I AM MLS campaign page"


class FAQQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class FAQEntry(models.Model):
    question = models.CharField(max_length=300)
    answer = RichTextField()
    order = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField("published", default=True, db_index=True)

    objects = FAQQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self):
        return self.question


class Credential(models.TextChoices):
    """The credential a pledger works under, for the wall and staff statistics."""

    MLS = "MLS", "MLS – Medical Laboratory Scientist"
    MLT = "MLT", "MLT – Medical Laboratory Technician"
    MT = "MT", "MT – Medical Technologist"
    CLS = "CLS", "CLS – Clinical Laboratory Scientist"
    CLT = "CLT", "CLT – Clinical Laboratory Technician"
    SPECIALIST = "SPEC", "Specialist (SBB, SM, SC, SH, SMB …)"
    HISTO = "HT", "HT / HTL – Histotechnician or histotechnologist"
    CYTO = "CT", "CT – Cytotechnologist"
    MB = "MB", "MB – Molecular biology"
    PBT = "PBT", "PBT – Phlebotomy technician"
    STUDENT = "STUDENT", "Student"
    EDUCATOR = "EDUCATOR", "Educator"
    OTHER = "OTHER", "Other laboratory professional"

    @property
    def short(self):
        return {"SPEC": "Specialist", "STUDENT": "Student", "EDUCATOR": "Educator"}.get(
            self.value, "Laboratory professional" if self.value == "OTHER" else self.value
        )


class PledgeQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)

    def on_the_wall(self):
        """Confirmed pledges whose people agreed to be named publicly, newest first."""
        return self.confirmed().filter(show_publicly=True).order_by("-confirmed_at", "-pk")

    def with_email(self, email):
        return self.filter(email__iexact=email.strip())


class Pledge(models.Model):
    """One person's I AM MLS pledge. It counts only once confirmed (double opt-in)."""

    full_name = models.CharField(max_length=150)
    email = models.EmailField(max_length=254)
    credential = models.CharField(max_length=10, choices=Credential.choices, db_index=True)
    other_credentials = models.CharField(
        "all credentials held",
        max_length=150,
        blank=True,
        help_text="For example MLS(ASCP)CM, SBB.",
    )
    job_title = models.CharField("job title used at work today", max_length=150)
    institution = models.CharField("employer or institution", max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=US_STATES, db_index=True)
    show_publicly = models.BooleanField("show my name publicly", default=False, db_index=True)
    campaign_emails = models.BooleanField("email me about the campaign", default=False)
    # The random part of the confirm and withdraw links; never shown anywhere else.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        "portal.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("submitted", default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField("confirmed", null=True, blank=True)

    # The token is the secret in the confirm and withdraw links: never copied into the trail.
    history = HistoricalRecords(excluded_fields=["token"])

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="advocacy_one_pledge_per_email"),
        ]
        indexes = [
            models.Index(fields=["-confirmed_at"], name="pledge_confirmed_idx"),
            # The wall's whole order, so reading a page of it never sorts.
            models.Index(fields=["show_publicly", "-confirmed_at", "-id"], name="pledge_wall_idx"),
            models.Index(fields=["campaign_emails"], name="pledge_campaign_emails_idx"),
            models.Index(fields=["-created_at"], name="pledge_created_idx"),
        ]

    def __str__(self):
        return f"{self.full_name} <{self.email}>"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def public_name(self) -> str:
        """First name and last initial: all the wall ever shows of a name."""
        parts = self.full_name.split()
        if not parts:
            return ""
        if len(parts) == 1:
            return parts[0]
        return f"{parts[0]} {parts[-1][0].upper()}."

    @property
    def credential_short(self) -> str:
        return Credential(self.credential).short if self.credential else ""


def sample_letter_path(instance, filename):
    # A generated name: the file's name on staff's computer never reaches the disk.
    return generated_name("advocacy/sample-letter", filename)


class SampleLetter(SingleRecord):
    """The sample letter to employers: the Word and PDF files staff upload, and the wording the
    personalized letter is built from. There is one; ``SampleLetter.load()``."""

    defaults = DEFAULT_LETTER

    word_file = models.FileField(
        "Word version (.docx)",
        upload_to=sample_letter_path,
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    pdf_file = models.FileField(
        "PDF version",
        upload_to=sample_letter_path,
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    subject = models.CharField(
        "letter subject",
        max_length=200,
        help_text="The “Re:” line of the letter. Placeholders such as {institution} work here.",
    )
    body = models.TextField(
        "letter wording",
        help_text="Paragraphs separated by a blank line. Placeholders: {your_name}, "
        "{credential}, {institution}, {department}, {recipient_name}, {recipient_title}, "
        "{current_title}.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "sample letter"
        verbose_name_plural = "sample letter"

    def __str__(self):
        return "Sample letter to employers"


class InstitutionQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(status=Institution.Status.LISTED).order_by("name", "pk")

    def awaiting_review(self):
        return self.filter(status=Institution.Status.SUGGESTED)

    def same_as(self, name: str, state: str):
        """Institutions the tracker already holds under this name (any letter case) in this
        state, whatever their status: a suggestion for one of them is not a new institution."""
        return self.filter(name__iexact=name.strip(), state=state)


class Institution(models.Model):
    """An institution that has adopted the MLS title. Suggestions from the public wait for staff
    review and appear on the list only once staff set them to listed."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested, waiting for review"
        LISTED = "listed", "Listed"
        DECLINED = "declined", "Declined"

    name = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=US_STATES)
    year_adopted = models.PositiveSmallIntegerField("year adopted", null=True, blank=True)
    note = models.TextField(blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    suggested_by_name = models.CharField(max_length=150, blank=True)
    suggested_by_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["status", "name"], name="institution_status_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("advocacy:institutions") + f"#institution-{self.pk}"
