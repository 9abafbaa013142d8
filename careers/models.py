import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.choices import (
    ApplyMethod,
    Credential,
    Discipline,
    EmploymentType,
    SalaryPeriod,
    Shift,
    Workplace,
)
from careers.querysets import ApplicationQuerySet, EmployerQuerySet, JobQuerySet
from careers.validators import validate_resume_file
from portal.files import private_storage
from portal.richtext import RichTextField
from portal.states import US_STATES
from portal.uploads import generated_name

# How long a post stays live when the employer names no closing date, and the longest allowed.
DEFAULT_POSTING_DAYS = 60
MAX_POSTING_DAYS = 90
MAX_RESUMES_PER_PERSON = 5


class Employer(models.Model):
    """An organisation that posts jobs. Staff approve it before it can post."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Not approved"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    website = models.URLField(blank=True)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=US_STATES, default="IL")
    description = models.TextField(
        "short description", max_length=1000, blank=True, help_text="Shown on every job page."
    )
    contact_name = models.CharField(max_length=150)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    rejection_reason = models.TextField(blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="employers",
        blank=True,
        help_text="Accounts that may post jobs and see applicants for this employer.",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED


class TitleStanding(models.TextChoices):
    """What a job post's title calls the role (careers/standard_titles.py decides)."""

    STANDARD = "standard", "Uses the standard MLS/MLT title"
    OUTDATED = "outdated", "Uses an outdated title"
    OTHER = "other", "Names another role"


class OutdatedTitle(models.Model):
    """A title the I AM MLS campaign asks employers to stop using, and its standard
    replacement. Staff keep the list; the job post form and the moderation queue check posts
    against it (careers/standard_titles.py)."""

    class Replacement(models.TextChoices):
        MLS = "MLS", "Medical Laboratory Scientist (MLS)"
        MLT = "MLT", "Medical Laboratory Technician (MLT)"

    term = models.CharField(
        max_length=80,
        help_text="As employers write it, for example “Medical Technologist” or “MT”. Matched "
        "as whole words, in any letter case; a plural “s” is matched too.",
    )
    replacement = models.CharField(
        "standard title", max_length=3, choices=Replacement.choices, default=Replacement.MLS
    )
    is_abbreviation = models.BooleanField(
        "abbreviation",
        default=False,
        help_text="Short forms such as MT or CLS match only in capitals and only standing "
        "alone, so “MTA”, “CLSI”, “smt” and “Mt. Vernon” never match.",
    )
    active = models.BooleanField(default=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["replacement", "term"]
        verbose_name = "outdated job title"
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                name="careers_outdated_title_unique_term",
                violation_error_message="This title is already on the list.",
            ),
        ]

    def __str__(self):
        return f"{self.term} → {self.get_replacement_display()}"


class Job(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING = "pending", "In review"
        PUBLISHED = "published", "Live"
        REJECTED = "rejected", "Changes needed"
        CLOSED = "closed", "Closed"
        EXPIRED = "expired", "Expired"

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="jobs")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = RichTextField()
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=US_STATES, default="IL")
    workplace = models.CharField(
        max_length=10, choices=Workplace.choices, default=Workplace.ON_SITE
    )
    discipline = models.CharField(max_length=20, choices=Discipline.choices)
    credential = models.CharField("credential asked for", max_length=10, choices=Credential.choices)
    employment_type = models.CharField(
        max_length=12, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    shift = models.CharField(max_length=10, choices=Shift.choices, default=Shift.DAY)
    salary_min = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    salary_period = models.CharField(
        max_length=5, choices=SalaryPeriod.choices, default=SalaryPeriod.YEAR
    )
    apply_method = models.CharField(
        "how to apply", max_length=6, choices=ApplyMethod.choices, default=ApplyMethod.PORTAL
    )
    apply_url = models.URLField("application web address", blank=True)
    apply_email = models.EmailField("application email", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    rejection_reason = models.TextField(
        blank=True, help_text="Shown to the employer when the post needs changes."
    )
    is_featured = models.BooleanField("featured", default=False)
    closes_on = models.DateField(
        "closing date",
        null=True,
        blank=True,
        help_text=f"Last day to apply. Default {DEFAULT_POSTING_DAYS} days after going live; "
        f"at most {MAX_POSTING_DAYS}.",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # When a moderator first put the post live. ``published_at`` moves with every approval (a
    # renewal, an edit of a live post); this one never does, so the campaign page's quarters
    # stay as they were counted (careers/standard_titles.py).
    first_published_at = models.DateTimeField(
        "first published", null=True, blank=True, editable=False
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    expiry_warning_sent_on = models.DateField(null=True, blank=True, editable=False)
    view_count = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Maintained by a PostgreSQL trigger (migration 0002); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    # Site search's own vector (title, city, description; migration 0004), kept apart from the
    # job board's above, which weighs the employer's name: each search then matches the same
    # fields on PostgreSQL as its SQLite fallback does.
    site_search_vector = SearchVectorField(null=True, editable=False)
    # The standard-title check, derived from the title and description whenever either is saved
    # (``save`` below) and for every post when staff change the list of outdated titles
    # (careers/standard_titles.py): stored so the moderation filter, the job search filter and
    # the campaign page's quarterly share are plain indexed queries.
    title_standing = models.CharField(
        "standard-title standing", max_length=8, choices=TitleStanding.choices,
        default=TitleStanding.OTHER, editable=False,
    )  # fmt: skip
    uses_outdated_title = models.BooleanField(
        "uses an outdated title", default=False, editable=False
    )
    outdated_terms = models.CharField(
        "outdated titles found", max_length=300, blank=True, editable=False
    )

    # Counters, search vectors and the title check change without anyone editing the post;
    # left out of the trail.
    history = HistoricalRecords(
        excluded_fields=[
            "search_vector",
            "site_search_vector",
            "view_count",
            "updated_at",
            "title_standing",
            "uses_outdated_title",
            "outdated_terms",
        ]
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "closes_on"], name="job_live_idx"),
            models.Index(fields=["status", "-published_at"], name="job_published_idx"),
            models.Index(fields=["status", "submitted_at"], name="job_review_queue_idx"),
            models.Index(fields=["is_featured"], name="job_featured_idx"),
            # The board's order (featured first, then newest) read straight off the index.
            models.Index(
                fields=["status", "-is_featured", "-published_at", "-id"],
                name="job_board_order_idx",
            ),
            models.Index(fields=["discipline"], name="job_discipline_idx"),
            models.Index(fields=["credential"], name="job_credential_idx"),
            models.Index(fields=["employment_type"], name="job_type_idx"),
            models.Index(fields=["shift"], name="job_shift_idx"),
            models.Index(fields=["workplace"], name="job_workplace_idx"),
            models.Index(fields=["state", "city"], name="job_location_idx"),
            # The job search's standard-title filter.
            models.Index(fields=["title_standing", "published_at"], name="job_title_standing_idx"),
            # The campaign page's quarterly share and the employers that switched.
            models.Index(
                fields=["title_standing", "first_published_at"],
                name="job_title_first_pub_idx",
            ),
            # The moderation queue's "uses an outdated title" filter.
            models.Index(fields=["uses_outdated_title"], name="job_outdated_title_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="job_salary_min_not_above_max",
                violation_error_message="The minimum salary is higher than the maximum.",
            ),
        ]

    def __str__(self):
        return f"{self.title} — {self.employer}"

    def save(self, *args, **kwargs):
        # The title check is part of the row, like a slug: whoever saves new wording (the
        # employer's form, the admin, the demo) stores its check with it. Saves that leave the
        # wording alone (a status change, a counter) skip it.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"title", "description"} & set(update_fields):
            from careers.standard_titles import title_check_fields

            checked = title_check_fields(self.title, self.description)
            for name, value in checked.items():
                setattr(self, name, value)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *checked}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("careers:job_detail", kwargs={"slug": self.slug})

    @property
    def uses_standard_title(self) -> bool:
        return self.title_standing == TitleStanding.STANDARD

    def is_open(self, today=None) -> bool:
        """Whether the job accepts applications today: live and not past its closing date."""
        today = today or timezone.localdate()
        return (
            self.status == self.Status.PUBLISHED
            and self.closes_on is not None
            and self.closes_on >= today
        )

    @staticmethod
    def default_closing_date(start=None):
        return (start or timezone.localdate()) + timedelta(days=DEFAULT_POSTING_DAYS)

    @staticmethod
    def latest_closing_date(start=None):
        return (start or timezone.localdate()) + timedelta(days=MAX_POSTING_DAYS)

    @property
    def applies_through_portal(self):
        return self.apply_method == ApplyMethod.PORTAL


# Stored names are generated (portal.uploads.generated_name): the name on the person's computer
# is kept in Resume.original_name / Application.resume_name, never in the path.
def resume_upload_to(instance, filename):
    return generated_name(f"resumes/{instance.owner_id}", filename)


def application_upload_to(instance, filename):
    return generated_name(f"applications/{instance.job_id}", filename)


def service_request_upload_to(instance, filename):
    return generated_name(f"career-services/{timezone.now().year}", filename)


class Resume(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resumes"
    )
    title = models.CharField(max_length=120, help_text="For you, e.g. “MLS resume 2026”.")
    file = models.FileField(
        storage=private_storage, upload_to=resume_upload_to, validators=[validate_resume_file]
    )
    original_name = models.CharField(max_length=255)
    is_default = models.BooleanField("default", default=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"], condition=Q(is_default=True), name="one_default_resume"
            ),
        ]

    def __str__(self):
        return self.title


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        REVIEWED = "reviewed", "Reviewed"
        INTERVIEWING = "interviewing", "Interviewing"
        OFFER = "offer", "Offer"
        HIRED = "hired", "Hired"
        NOT_SELECTED = "not_selected", "Not selected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="applications")
    # Empty once the applicant deleted their account: the employer keeps what they received,
    # anonymized (portal.privacy), and the row no longer points at anyone.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    anonymized_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The application's own copy: what the employer received never changes or vanishes.
    resume_file = models.FileField(storage=private_storage, upload_to=application_upload_to)
    resume_name = models.CharField(max_length=255)
    cover_note = models.TextField(blank=True, max_length=5000)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    employer_notes = models.TextField(
        "private notes", blank=True, help_text="Only the employer sees these."
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["job", "applicant"], name="one_application_per_job"),
        ]
        indexes = [
            models.Index(fields=["job", "status"], name="application_job_status_idx"),
            # An employer's applicants list, newest first.
            models.Index(fields=["job", "-submitted_at"], name="application_job_newest_idx"),
        ]

    def __str__(self):
        return f"{self.applicant or 'Deleted account'} → {self.job.title}"


class ApplicationEvent(models.Model):
    """Each status an application has had, and when: the seeker's timeline."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=Application.Status.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_status_display()} at {self.at:%Y-%m-%d %H:%M}"


class SavedJob(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_jobs"
    )
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-saved_at"]
        constraints = [models.UniqueConstraint(fields=["user", "job"], name="one_save_per_job")]

    def __str__(self):
        return f"{self.user} saved {self.job_id}"


class JobAlert(models.Model):
    """A saved job search, emailed when new matching jobs are published."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_alerts"
    )
    name = models.CharField(max_length=120)
    query = models.CharField(
        max_length=1000, blank=True, help_text="The job search's filters, as in its URL."
    )
    frequency = models.CharField(max_length=6, choices=Frequency.choices, default=Frequency.WEEKLY)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["is_active", "frequency"], name="job_alert_due_idx")]

    def __str__(self):
        return self.name


class JobAlertDelivery(models.Model):
    """That a job was emailed to an alert: the same job is never sent twice to one alert."""

    alert = models.ForeignKey(JobAlert, on_delete=models.CASCADE, related_name="deliveries")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "job"], name="one_delivery_per_job")
        ]

    def __str__(self):
        return f"job {self.job_id} sent to alert {self.alert_id}"


class CareerServiceRequest(models.Model):
    class Service(models.TextChoices):
        RESUME_REVIEW = "resume_review", "Resume writing review"
        REFERENCE_CHECK = "reference_check", "Reference checking"
        COACHING = "coaching", "Professional coaching"

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    class Contact(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"

    service = models.CharField(max_length=20, choices=Service.choices)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="career_requests"
    )
    preferred_contact = models.CharField(
        max_length=5, choices=Contact.choices, default=Contact.EMAIL
    )
    phone = models.CharField(max_length=40, blank=True)
    message = models.TextField(max_length=5000)
    resume_file = models.FileField(
        storage=private_storage, upload_to=service_request_upload_to, blank=True,
        validators=[validate_resume_file],
    )  # fmt: skip
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"is_staff": True},
    )
    staff_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"], name="career_request_status_idx")]

    def __str__(self):
        return f"{self.get_service_display()} for {self.requester}"
