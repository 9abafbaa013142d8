"""What the Career Center holds about a person, for their data download and account deletion
(the rules are described in portal/privacy.py).

Applications are the one thing kept after deletion: the employer received them and keeps the
job, status and timeline, but not who applied, the cover note or the resume copy (it carries the
person's name and contact details).
"""

from pathlib import PurePath

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import get_valid_filename, slugify

from careers.models import Application, CareerServiceRequest, Employer, JobAlert, Resume, SavedJob
from portal.files import delete_file_after_commit


def _applications(user):
    return (
        Application.objects.of_applicant(user)
        .select_related("job__employer")
        .prefetch_related("events")
        .order_by("-submitted_at", "-pk")
    )


def _employers(user):
    membership = Employer.members.through.objects.filter(employer=OuterRef("pk"), user=user)
    return (
        Employer.objects.filter(Q(Exists(membership)) | Q(requested_by=user))
        .annotate(is_member=Exists(membership))
        .order_by("name")
    )


def export(user, *, emails):
    return {
        "resumes": [
            {
                "title": resume.title,
                "file_name": resume.original_name,
                "default": resume.is_default,
                "uploaded_at": resume.uploaded_at,
            }
            for resume in Resume.objects.filter(owner=user)
        ],
        # The employer's private notes and who on their side changed a status are theirs.
        "applications": [
            {
                "job": application.job.title,
                "employer": application.job.employer.name,
                "city": application.job.city,
                "state": application.job.state,
                "status": application.get_status_display(),
                "submitted_at": application.submitted_at,
                "status_changed_at": application.status_changed_at,
                "resume_sent": application.resume_name,
                "cover_note": application.cover_note,
                "timeline": [
                    {"status": event.get_status_display(), "at": event.at}
                    for event in application.events.all()
                ],
            }
            for application in _applications(user)
        ],
        "saved_jobs": [
            {
                "job": saved.job.title,
                "employer": saved.job.employer.name,
                "saved_at": saved.saved_at,
            }
            for saved in SavedJob.objects.filter(user=user).select_related("job__employer")
        ],
        # The alert's token is the secret in its unsubscribe link: left out.
        "job_alerts": [
            {
                "name": alert.name,
                "search": alert.query,
                "frequency": alert.get_frequency_display(),
                "active": alert.is_active,
                "created_at": alert.created_at,
                "last_sent_at": alert.last_sent_at,
            }
            for alert in JobAlert.objects.filter(user=user)
        ],
        # Staff notes and the assignee are the society's working notes, not the person's data.
        "career_service_requests": [
            {
                "service": request.get_service_display(),
                "status": request.get_status_display(),
                "preferred_contact": request.get_preferred_contact_display(),
                "phone": request.phone,
                "message": request.message,
                "attachment_in_zip": _request_path(request) if request.resume_file else "",
                "created_at": request.created_at,
                "updated_at": request.updated_at,
            }
            for request in CareerServiceRequest.objects.filter(requester=user)
        ],
        "employers": [
            {
                "name": employer.name,
                "status": employer.get_status_display(),
                "you_can_post_and_see_applicants": employer.is_member,
                "you_asked_for_access": employer.requested_by_id == user.pk,
            }
            for employer in _employers(user)
        ],
    }


def _name(folder: str, name: str, fallback: str) -> str:
    return f"{folder}/{get_valid_filename(name) if name else fallback}"


def _suffix(field_file) -> str:
    return PurePath(field_file.name).suffix.lower()


def _request_path(request) -> str:
    # Stored names are generated; the zip names the file after the request instead.
    name = f"{request.created_at:%Y-%m-%d}-{request.service}{_suffix(request.resume_file)}"
    return f"career-services/{name}"


def files(user, *, emails):
    for resume in Resume.objects.filter(owner=user):
        yield _name("resumes", resume.original_name, f"resume{_suffix(resume.file)}"), resume.file
    for application in _applications(user).exclude(resume_file=""):
        job = slugify(application.job.title)[:60] or "job"
        yield (
            _name(
                f"applications/{job}",
                application.resume_name,
                f"resume{_suffix(application.resume_file)}",
            ),
            application.resume_file,
        )
    for request in CareerServiceRequest.objects.filter(requester=user).exclude(resume_file=""):
        yield _request_path(request), request.resume_file


def erase(user, *, emails):
    storage = Resume._meta.get_field("file").storage
    for name in Resume.objects.filter(owner=user).values_list("file", flat=True):
        delete_file_after_commit(storage, name)
    requests = CareerServiceRequest.objects.filter(requester=user)
    for name in requests.exclude(resume_file="").values_list("resume_file", flat=True):
        delete_file_after_commit(storage, name)

    applications = Application.objects.filter(applicant=user)
    for name in applications.exclude(resume_file="").values_list("resume_file", flat=True):
        delete_file_after_commit(storage, name)
    # The resume copy and cover note carry the person's name and words; the employer keeps
    # the job, the status and its timeline.
    anonymized = applications.update(
        applicant=None, anonymized_at=timezone.now(), cover_note="", resume_file="", resume_name=""
    )
    # Resumes, saved jobs, alerts, requests and employer memberships go with the account row.
    return {
        "resumes": Resume.objects.filter(owner=user).count(),
        "applications anonymized": anonymized,
        "saved jobs": SavedJob.objects.filter(user=user).count(),
        "job alerts": JobAlert.objects.filter(user=user).count(),
        "career service requests": requests.count(),
        "employer memberships": user.employers.count(),
    }
