from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from portal.access import Visibility
from portal.models import Membership, MembershipCategory, Page, Section, User

PASSWORD = "a-Long-test-passphrase-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class MembershipCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipCategory
        django_get_or_create = ["name"]

    name = "Professional"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    member_id = factory.Sequence(lambda n: f"IL-{200000 + n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(
        lambda m: m.user.email if m.user else f"{m.member_id}@example.com"
    )
    category = factory.SubFactory(MembershipCategoryFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=400))
    expiry_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=200))
    user = None


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Society page {n}")
    slug = factory.Sequence(lambda n: f"society-page-{n}")
    section = Section.ABOUT
    summary = "A short summary anyone may read."
    body = "<p>The full text of the page.</p>"
    visibility = Visibility.PUBLIC
    is_published = True


# --- Laboratory Resources ----------------------------------------------------------------------

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "resources.Audience"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Audience {n}")
    slug = factory.Sequence(lambda n: f"audience-{n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "resources.Topic"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "resources.Resource"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Laboratory resource {n}")
    slug = factory.Sequence(lambda n: f"laboratory-resource-{n}")
    kind = "webpage"
    summary = "A summary anyone may read."
    body = "<p>The body of the resource.</p>"
    visibility = Visibility.PUBLIC
    is_published = True

    class Params:
        document = factory.Trait(
            kind="document",
            file=factory.django.FileField(filename="guide.pdf", data=MINIMAL_PDF),
        )
        link = factory.Trait(kind="link", url="https://www.ascp.org/")

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)

    @factory.post_generation
    def audiences(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.audiences.set(extracted)
