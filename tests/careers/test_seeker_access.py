import pytest
from django.urls import reverse

from careers.models import Application, JobAlert, Resume
from tests.careers.factories import ApplicationFactory, JobFactory, ResumeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(db):
    """Seeker B's things."""
    other = UserFactory(email="seeker-b@example.com")
    job = JobFactory(slug="histotech")
    return {
        "user": other,
        "job": job,
        "resume": ResumeFactory(owner=other, title="B's private resume", is_default=True),
        "application": ApplicationFactory(applicant=other, job=job, cover_note="B's note"),
        "alert": JobAlert.objects.create(user=other, name="B's alert", query="q=histology"),
    }


def _urls(things):
    resume, application, alert = things["resume"], things["application"], things["alert"]
    return {
        "resume_edit": reverse("careers:resume_edit", args=[resume.pk]),
        "resume_delete": reverse("careers:resume_delete", args=[resume.pk]),
        "resume_download": reverse("careers:resume_download", args=[resume.pk]),
        "application_detail": reverse("careers:application_detail", args=[application.pk]),
        "application_withdraw": reverse("careers:application_withdraw", args=[application.pk]),
        "application_resume_download": reverse(
            "careers:application_resume_download", args=[application.pk]
        ),
        "alert_delete": reverse("careers:alert_delete", args=[alert.pk]),
    }


@pytest.mark.parametrize(
    "name",
    [
        "resume_edit",
        "resume_delete",
        "resume_download",
        "application_detail",
        "application_resume_download",
    ],
)
def test_seeker_a_gets_404_for_seeker_bs_things(client, member, theirs, name):
    client.force_login(member)
    response = client.get(_urls(theirs)[name])
    assert response.status_code == 404
    assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("resume_edit", {"title": "Hijacked"}),
        ("resume_edit", {"action": "default"}),
        ("resume_delete", {}),
        ("application_withdraw", {}),
        ("alert_delete", {}),
    ],
)
def test_seeker_a_cannot_change_seeker_bs_things(client, member, theirs, name, data):
    client.force_login(member)

    assert client.post(_urls(theirs)[name], data).status_code == 404

    resume = Resume.objects.get(pk=theirs["resume"].pk)
    assert resume.title == "B's private resume"
    assert resume.is_default
    assert Application.objects.get(pk=theirs["application"].pk).status == "submitted"
    assert JobAlert.objects.filter(pk=theirs["alert"].pk).exists()


def test_seeker_bs_things_never_show_on_seeker_as_dashboard(client, member, theirs):
    client.force_login(member)
    html = client.get(reverse("careers:seeker_dashboard")).content.decode()
    assert "B&#x27;s private resume" not in html
    assert "B&#x27;s alert" not in html
    assert theirs["job"].title not in html
    assert "You have no resumes yet." in html


@pytest.mark.parametrize(
    ("method", "name", "kwargs"),
    [
        ("get", "careers:seeker_dashboard", {}),
        ("get", "careers:resume_upload", {}),
        ("post", "careers:resume_upload", {}),
        ("get", "careers:resume_edit", {"pk": 1}),
        ("get", "careers:resume_delete", {"pk": 1}),
        ("get", "careers:resume_download", {"pk": 1}),
        ("get", "careers:application_detail", {"pk": 1}),
        ("post", "careers:application_withdraw", {"pk": 1}),
        ("get", "careers:application_resume_download", {"pk": 1}),
        ("post", "careers:alert_create", {}),
        ("post", "careers:alert_delete", {"pk": 1}),
        ("post", "careers:apply", {"slug": "histotech"}),
        ("post", "careers:toggle_saved_job", {"slug": "histotech"}),
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, theirs, method, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_seeker_b_still_reaches_their_own_things(client, theirs):
    client.force_login(theirs["user"])
    urls = _urls(theirs)
    assert client.get(urls["application_detail"]).status_code == 200
    assert client.get(urls["resume_download"]).status_code == 200
    assert client.get(urls["application_resume_download"]).status_code == 200
