import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from portal.models import Page, User

pytestmark = pytest.mark.django_db

DEMO_EMAILS = [
    "visitor@example.org",
    "member@example.org",
    "expired@example.org",
    "employer@example.org",
    "editor@example.org",
    "admin@example.org",
]


def _row_counts():
    # The audit trail rightly records a second run's saves; the content itself must not grow.
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"portal", "resources", "careers", "certification", "advocacy"}
        and not hasattr(model, "instance_type")
    }


def test_seed_demo_refuses_with_debug_off():
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_twice_gives_the_same_rows_and_keeps_staff_edits():
    call_command("seed_demo", force=True)
    first = _row_counts()
    about = Page.objects.get(slug="about")
    about.title = "About us (edited by staff)"
    about.save()

    call_command("seed_demo", force=True)

    assert _row_counts() == first
    assert Page.objects.get(slug="about").title == "About us (edited by staff)"


def test_demo_accounts_log_in_with_the_published_password(client):
    call_command("seed_demo", force=True)

    for email in DEMO_EMAILS:
        assert EmailAddress.objects.get(email=email).verified
        assert client.login(email=email, password="labportal-demo"), email
        client.logout()
    assert User.objects.get(email="admin@example.org").is_superuser
    assert User.objects.get(email="editor@example.org").groups.filter(name="Content editors")


@pytest.mark.parametrize(
    ("email", "status_text"),
    [
        ("member@example.org", "Active member until"),
        ("expired@example.org", "Your membership expired on"),
        ("visitor@example.org", "Not a member."),
    ],
)
def test_demo_accounts_have_the_membership_their_name_says(client, email, status_text):
    call_command("seed_demo", force=True)
    client.login(email=email, password="labportal-demo")
    assert status_text in client.get(reverse("account_profile")).content.decode()


@pytest.mark.parametrize("who", [None, "member@example.org", "admin@example.org"])
def test_every_demo_page_renders_with_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, who
):
    call_command("seed_demo", force=True)
    if who:
        client.login(email=who, password="labportal-demo")
    urls = [
        reverse("home"),
        reverse("membership"),
        reverse("resources:index"),
        reverse("careers:index"),
        reverse("certification:index"),
        reverse("advocacy:index"),
    ] + [page.get_absolute_url() for page in Page.objects.all()]
    if who:
        urls.append(reverse("account_profile"))

    for url in urls:
        # Session, user and the page itself; each app pins its pages more tightly.
        with django_assert_max_num_queries(9):
            response = client.get(url)
        assert response.status_code in (200, 302, 403), url
        if who == "member@example.org":
            assert response.status_code == 200, url
