from datetime import timedelta

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from portal.access import MemberContent, VisibilityQuerySet
from portal.richtext import RichTextField
from portal.states import US_STATES


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. The email address is how they log in."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    credentials = models.CharField(
        "credentials held",
        max_length=200,
        blank=True,
        help_text="As you write them after your name, for example MLS(ASCP)CM.",
    )
    employer = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, choices=US_STATES, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="portal_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class MembershipCategory(models.Model):
    """A category of national ASCLS membership (Professional, Student, …); staff keep the list."""

    name = models.CharField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "membership categories"

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self, today=None):
        return self.filter(expiry_date__gte=today or timezone.localdate())

    def expired(self, today=None):
        return self.filter(expiry_date__lt=today or timezone.localdate())

    def expiring_within(self, days, today=None):
        today = today or timezone.localdate()
        return self.filter(expiry_date__gte=today, expiry_date__lte=today + timedelta(days=days))

    def unlinked_for_emails(self, emails):
        lowered = {e.lower() for e in emails if e}
        return self.annotate(email_lower=Lower("email")).filter(
            user__isnull=True, email_lower__in=lowered
        )


class Membership(models.Model):
    """A society membership as the national ASCLS roster records it."""

    member_id = models.CharField("ASCLS member ID", max_length=32, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField()
    category = models.ForeignKey(
        MembershipCategory, on_delete=models.PROTECT, related_name="memberships"
    )
    start_date = models.DateField(null=True, blank=True)
    expiry_date = models.DateField()
    user = models.ForeignKey(
        "portal.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="Linked automatically when an account has the same email address.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The audit trail (portal.audit): every change, by whom and when, shown in the admin.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        permissions = [("import_roster", "Can import the national membership roster")]
        indexes = [
            models.Index(fields=["expiry_date"], name="membership_expiry_idx"),
            models.Index(Lower("email"), name="membership_email_ci_idx"),
            models.Index(fields=["last_name", "first_name"], name="membership_name_idx"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.member_id})"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def is_active(self):
        return self.expiry_date >= timezone.localdate()


class RosterImport(models.Model):
    """A record of each national roster file staff imported, for the audit trail."""

    file_name = models.CharField(max_length=255)
    imported_by = models.ForeignKey(
        "portal.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    linked = models.PositiveIntegerField("accounts linked", default=0)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"


class Section(models.TextChoices):
    """The portal's sections, as the navigation shows them."""

    RESOURCES = "resources", "Laboratory Resources"
    CAREERS = "careers", "Career Center"
    CERTIFICATION = "certification", "Certification & CE"
    ADVOCACY = "advocacy", "I AM MLS"
    MEMBERSHIP = "membership", "Membership"
    ABOUT = "about", "About"


class PageQuerySet(VisibilityQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def in_section(self, section):
        return self.filter(section=section)


class Page(MemberContent):
    """A page of the society's site written by staff in the admin."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    section = models.CharField(max_length=20, choices=Section.choices, default=Section.ABOUT)
    summary = models.CharField(
        max_length=300, blank=True, help_text="One or two sentences shown in lists and previews."
    )
    body = RichTextField(blank=True)
    is_published = models.BooleanField("published", default=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    updated_at = models.DateTimeField(auto_now=True)
    # Kept up to date by a PostgreSQL trigger (migration 0004) for site search; empty on SQLite.
    # search_vector covers title, summary and body; teaser_vector only what everyone may read.
    search_vector = SearchVectorField(null=True, editable=False)
    teaser_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector", "teaser_vector", "updated_at"])

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["section", "order", "title"]
        indexes = [
            models.Index(fields=["section", "is_published", "order"], name="page_section_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("page_detail", kwargs={"slug": self.slug})


class AccountDeletion(models.Model):
    """That an account was deleted, why, and how many records went or were anonymized with it.

    Deliberately holds nothing that identifies the person: no id, address or name (portal.privacy).
    """

    class Reason(models.TextChoices):
        REQUEST = "request", "The person deleted their account"
        RETENTION = "retention", "Never confirmed (retention rule)"

    deleted_at = models.DateTimeField(default=timezone.now, db_index=True)
    reason = models.CharField(max_length=10, choices=Reason.choices, default=Reason.REQUEST)
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-deleted_at"]

    def __str__(self):
        return f"Account deleted {self.deleted_at:%Y-%m-%d %H:%M}"
