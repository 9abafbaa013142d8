import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from portal.files import private_storage
from portal.richtext import RichTextField
from portal.uploads import generated_name


class CECategory(models.Model):
    """A subject area CE is counted in (laboratory safety, ethics, microbiology, …)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "CE category"
        verbose_name_plural = "CE categories"

    def __str__(self):
        return self.name


class CertifyingBody(models.Model):
    name = models.CharField(max_length=150, unique=True)
    abbreviation = models.CharField(max_length=20)
    slug = models.SlugField(max_length=60, unique=True)
    website = models.URLField(blank=True)
    description = RichTextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "certifying bodies"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("certification:body_detail", kwargs={"slug": self.slug})


class Credential(models.Model):
    body = models.ForeignKey(CertifyingBody, on_delete=models.PROTECT, related_name="credentials")
    name = models.CharField(max_length=40, help_text="As written after a name, e.g. MLS(ASCP).")
    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=150, help_text="e.g. Medical Laboratory Scientist")
    description = RichTextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["body__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="credential_unique_per_body")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("certification:credential_detail", kwargs={"slug": self.slug})


class RenewalRule(models.Model):
    """How a credential is kept: points per cycle, with minimums per CE category."""

    credential = models.OneToOneField(
        Credential, on_delete=models.CASCADE, related_name="renewal_rule"
    )
    cycle_years = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    total_points = models.DecimalField(max_digits=5, decimal_places=1)
    points_per_semester_hour = models.DecimalField(
        max_digits=4, decimal_places=1, default=Decimal("15"),
        help_text="Points one semester hour of a laboratory college course is worth.",
    )  # fmt: skip
    points_per_quarter_hour = models.DecimalField(
        max_digits=4, decimal_places=1, default=Decimal("10")
    )
    academic_share_limit = models.DecimalField(
        max_digits=3, decimal_places=2, default=Decimal("0.50"),
        help_text="The largest share of the total that academic credit may make up (0.5 = half).",
    )  # fmt: skip
    annual_renewal = models.BooleanField(
        default=False, help_text="The body also asks for a yearly renewal (and fee)."
    )
    notes = models.TextField(blank=True, help_text="Shown on the credential's page.")
    needs_review = models.BooleanField(
        "unverified",
        default=False,
        help_text="The figures come from secondary sources; staff should confirm them with the "
        "certifying body.",
    )
    reviewed_on = models.DateField(null=True, blank=True)

    def __str__(self):
        return f"Renewal of {self.credential}"


class CategoryMinimum(models.Model):
    rule = models.ForeignKey(RenewalRule, on_delete=models.CASCADE, related_name="minimums")
    category = models.ForeignKey(CECategory, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(max_digits=4, decimal_places=1)

    class Meta:
        ordering = ["category__order"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "category"], name="one_minimum_per_category")
        ]

    def __str__(self):
        return f"{self.points} in {self.category}"


class CredentialHolding(models.Model):
    """A member's credential and the end of its current renewal cycle."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credential_holdings"
    )
    credential = models.ForeignKey(Credential, on_delete=models.PROTECT, related_name="+")
    cycle_end = models.DateField(help_text="The last day of your current renewal cycle.")
    reminders_opt_out = models.BooleanField(
        "no reminder emails", default=False, help_text="Set from the link in a reminder email."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cycle_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "credential"], name="one_holding_per_credential"
            )
        ]
        indexes = [models.Index(fields=["cycle_end"], name="holding_cycle_end_idx")]

    def __str__(self):
        return f"{self.credential} held by {self.user}"


def certificate_upload_to(instance, filename):
    # A generated name: the file's name on the member's computer never reaches the disk.
    return generated_name(f"ce-certificates/{timezone.now().year}", filename)


class CEActivity(models.Model):
    """Continuing education a member completed, logged by hand or from a webinar."""

    class Unit(models.TextChoices):
        CONTACT_HOURS = "contact_hours", "Contact hours / points"
        SEMESTER_HOURS = "semester_hours", "College semester hours"
        QUARTER_HOURS = "quarter_hours", "College quarter hours"

    class Format(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person"
        HYBRID = "hybrid", "Hybrid"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ce_activities"
    )
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    completed_on = models.DateField("date completed")
    amount = models.DecimalField(
        "hours", max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("40"))],
    )  # fmt: skip
    unit = models.CharField(max_length=15, choices=Unit.choices, default=Unit.CONTACT_HOURS)
    category = models.ForeignKey(CECategory, on_delete=models.PROTECT, related_name="+")
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.ONLINE)
    pace_number = models.CharField("P.A.C.E. program number", max_length=40, blank=True)
    certificate = models.FileField(
        storage=private_storage, upload_to=certificate_upload_to, blank=True
    )
    notes = models.TextField(blank=True, max_length=2000)
    webinar = models.ForeignKey(
        "certification.Webinar", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-completed_on", "-pk"]
        verbose_name = "CE activity"
        verbose_name_plural = "CE activities"
        indexes = [models.Index(fields=["user", "completed_on"], name="ce_activity_user_date_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "webinar"],
                condition=models.Q(webinar__isnull=False),
                name="one_activity_per_webinar",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_academic(self):
        return self.unit != self.Unit.CONTACT_HOURS


class WebinarQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        """Published webinars that have not started yet, soonest first."""
        return (
            self.published()
            .filter(starts_at__gte=now or timezone.now())
            .order_by("starts_at", "pk")
        )

    def past(self, now=None):
        """Published webinars that have started, most recent first."""
        return (
            self.published()
            .filter(starts_at__lt=now or timezone.now())
            .order_by("-starts_at", "-pk")
        )


class Webinar(models.Model):
    class Level(models.TextChoices):
        BASIC = "basic", "Basic"
        INTERMEDIATE = "intermediate", "Intermediate"
        ADVANCED = "advanced", "Advanced"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    presenter = models.CharField(max_length=200)
    description = RichTextField(blank=True)
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    contact_hours = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1"))
    category = models.ForeignKey(CECategory, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=12, choices=Level.choices, default=Level.INTERMEDIATE)
    pace_number = models.CharField("P.A.C.E. program number", max_length=40, blank=True)
    capacity = models.PositiveIntegerField(default=300)
    registration_opens = models.DateTimeField(null=True, blank=True)
    registration_closes = models.DateTimeField(null=True, blank=True)
    join_url = models.URLField("join link", blank=True, help_text="Shown to registered members.")
    recording_url = models.URLField("recording", blank=True, help_text="Shown to members.")
    is_published = models.BooleanField("published", default=True)

    objects = WebinarQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["is_published", "starts_at"], name="webinar_upcoming_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("certification:webinar_detail", kwargs={"slug": self.slug})

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.duration_minutes)


def _certificate_code():
    return secrets.token_hex(5).upper()


class WebinarRegistration(models.Model):
    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webinar_registrations"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    attended = models.BooleanField(default=False)
    certificate_code = models.CharField(max_length=12, unique=True, default=_certificate_code)

    class Meta:
        ordering = ["registered_at"]
        constraints = [
            models.UniqueConstraint(fields=["webinar", "user"], name="one_registration_per_webinar")
        ]

    def __str__(self):
        return f"{self.user} at {self.webinar}"


class CEOptionType(models.Model):
    """A kind of continuing education (online platforms, conferences, …) with its guide page."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(max_length=300)
    explanation = RichTextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "CE option type"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("certification:option_type", kwargs={"slug": self.slug})


class CEOption(models.Model):
    type = models.ForeignKey(CEOptionType, on_delete=models.PROTECT, related_name="options")
    name = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    url = models.URLField("link", blank=True)
    format = models.CharField(max_length=10, choices=CEActivity.Format.choices)
    cost_note = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True, max_length=2000)
    topics = models.ManyToManyField(CECategory, related_name="ce_options", blank=True)
    awards_pace = models.BooleanField("awards P.A.C.E. credit", default=False)
    ascp_accepted = models.BooleanField("accepted for ASCP CMP", default=False)
    is_published = models.BooleanField("published", default=True)

    class Meta:
        ordering = ["type__order", "name"]
        verbose_name = "CE option"
        indexes = [models.Index(fields=["is_published", "format"], name="ce_option_format_idx")]

    def __str__(self):
        return self.name


class FAQEntry(models.Model):
    question = models.CharField(max_length=300)
    answer = RichTextField()
    order = models.PositiveSmallIntegerField(default=0)
    is_published = models.BooleanField("published", default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self):
        return self.question


class CEReminder(models.Model):
    """That a member was reminded about a credential's cycle: at most once per 30 days."""

    holding = models.ForeignKey(CredentialHolding, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["holding", "sent_at"], name="ce_reminder_idx")]

    def __str__(self):
        return f"Reminder for {self.holding_id} at {self.sent_at:%Y-%m-%d}"
