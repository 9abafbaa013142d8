from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from portal.access import MemberContent
from portal.files import private_storage
from portal.richtext import RichTextField
from portal.uploads import generated_name
from resources.querysets import ResourceQuerySet
from resources.validators import validate_resource_file, validate_resource_slug


class Audience(models.Model):
    """Who a resource is for (MLS, MLT, phlebotomist, …); staff keep the list."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Topic(models.Model):
    """A subject area of laboratory practice; staff keep the list."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


def resource_upload_to(instance, filename):
    # A generated name: the file's name on staff's computer never reaches the disk.
    now = timezone.now()
    return generated_name(f"resources/{now:%Y}/{now:%m}", filename)


class Resource(MemberContent):
    class Kind(models.TextChoices):
        DOCUMENT = "document", "Document"
        LINK = "link", "Link"
        VIDEO = "video", "Video"
        WEB_PAGE = "webpage", "Web page"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, validators=[validate_resource_slug])
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.WEB_PAGE)
    summary = models.CharField(
        max_length=300, help_text="Shown to everyone in lists, even for members-only resources."
    )
    body = RichTextField(blank=True)
    file = models.FileField(
        storage=private_storage,
        upload_to=resource_upload_to,
        blank=True,
        validators=[validate_resource_file],
        help_text="For documents: PDF, Word, Excel or PowerPoint, at most 25 MB.",
    )
    url = models.URLField(
        "address", max_length=500, blank=True, help_text="For links and videos: where it lives."
    )
    audiences = models.ManyToManyField(Audience, related_name="resources", blank=True)
    topics = models.ManyToManyField(Topic, related_name="resources", blank=True)
    is_published = models.BooleanField("published", default=True)
    is_featured = models.BooleanField("featured", default=False)
    published_at = models.DateTimeField(default=timezone.now)
    last_reviewed = models.DateField(null=True, blank=True)
    download_count = models.PositiveIntegerField(default=0, editable=False)
    # Kept up to date by a PostgreSQL trigger (migration 0002); unused and empty on SQLite.
    # search_vector covers title, summary and body; teaser_vector only what everyone may read.
    search_vector = SearchVectorField(null=True, editable=False)
    teaser_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["search_vector", "teaser_vector", "download_count", "updated_at"],
        m2m_fields=[audiences, topics],
    )

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        indexes = [
            models.Index(fields=["is_published", "-published_at"], name="resource_published_idx"),
            models.Index(fields=["is_published", "title"], name="resource_title_idx"),
            models.Index(fields=["kind"], name="resource_kind_idx"),
            models.Index(fields=["is_featured"], name="resource_featured_idx"),
            models.Index(fields=["last_reviewed"], name="resource_reviewed_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="document") | ~models.Q(file=""),
                name="resource_document_has_file",
                violation_error_message="A document resource needs a file.",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=["link", "video"]) | ~models.Q(url=""),
                name="resource_link_has_url",
                violation_error_message="A link or video resource needs an address.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resources:detail", kwargs={"slug": self.slug})

    @property
    def has_file(self):
        return bool(self.file)

    @property
    def file_extension(self):
        return self.file.name.rsplit(".", 1)[-1].upper() if self.file else ""
