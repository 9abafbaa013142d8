"""Employers: asking for access, the moderators' decision, and an employer's handling of the
applications its posts receive.

Keyword-only functions named ``<thing>_<action>``; a refused change raises ``ValidationError``
with a sentence a person can read. Emails go out after the transaction commits.
"""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from careers.models import Application, ApplicationEvent, Employer
from careers.services.jobs import locked_status, log_moderation
from portal.mail import absolute_url, send_templated_email

# The statuses an employer may give an application; withdrawing is the applicant's alone.
EMPLOYER_APPLICATION_STATUSES = [
    (value, label)
    for value, label in Application.Status.choices
    if value != Application.Status.WITHDRAWN
]


def employer_unique_slug(name: str) -> str:
    base = slugify(name)[:190].strip("-") or "employer"
    slug, n = base, 1
    while Employer.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _requester_address(employer: Employer) -> str:
    requester = employer.requested_by
    return requester.email if requester is not None else employer.contact_email


def _email_requester(employer: Employer, template: str, base_url, **extra) -> None:
    context = {
        "employer": employer,
        "requester": employer.requested_by,
        "dashboard_url": absolute_url(reverse("careers:employer_dashboard"), base_url),
        "request_url": absolute_url(reverse("careers:employer_request"), base_url),
        "job_create_url": absolute_url(reverse("careers:job_create"), base_url),
        **extra,
    }
    send_templated_email(
        f"careers/email/{template}", to=_requester_address(employer), context=context
    )


@transaction.atomic
def employer_request_access(*, user, employer: Employer) -> Employer:
    """Ask for employer access for an organisation; ``user`` becomes its first member.

    ``employer`` is the organisation's details, new or (after a refusal) the same organisation
    corrected: either way it waits for a moderator's approval.
    """
    if employer.pk is None:
        employer.slug = employer_unique_slug(employer.name)
    elif employer.status == Employer.Status.APPROVED:
        raise ValidationError(f"{employer.name} is already approved.", code="already_approved")
    employer.requested_by = user
    employer.status = Employer.Status.PENDING
    employer.rejection_reason = ""
    employer.approved_at = None
    employer.save()
    employer.members.add(user)
    return employer


@transaction.atomic
def employer_approve(*, employer: Employer, moderator, base_url: str | None = None) -> Employer:
    """Let an organisation post jobs, and tell the person who asked."""
    employer.status = locked_status(Employer, employer.pk)
    if employer.status == Employer.Status.APPROVED:
        raise ValidationError(f"{employer.name} is already approved.", code="already_approved")
    employer.status = Employer.Status.APPROVED
    employer.approved_at = timezone.now()
    employer.rejection_reason = ""
    employer.save(update_fields=["status", "approved_at", "rejection_reason"])
    log_moderation(moderator, employer, "Employer access approved.")
    _email_requester(employer, "employer_access_approved", base_url)
    return employer


@transaction.atomic
def employer_reject(
    *, employer: Employer, moderator, reason: str, base_url: str | None = None
) -> Employer:
    """Refuse (or withdraw) an organisation's access to post jobs, saying why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Tell the employer why: the reason is required.", code="no_reason")
    employer.status = locked_status(Employer, employer.pk)
    if employer.status == Employer.Status.REJECTED:
        raise ValidationError(f"{employer.name} was already turned down.", code="already_rejected")
    employer.status = Employer.Status.REJECTED
    employer.rejection_reason = reason
    employer.save(update_fields=["status", "rejection_reason"])
    log_moderation(moderator, employer, f"Employer access refused: {reason}")
    _email_requester(employer, "employer_access_rejected", base_url, reason=reason)
    return employer


def application_set_status(
    *, application: Application, status: str, by, base_url: str | None = None
) -> bool:
    """Move an application along (reviewed, interviewing, offer, …), note it on the applicant's
    timeline and email them. Returns False when the status was already ``status``.

    An application the applicant withdrew stays withdrawn, and only the applicant withdraws.
    """
    if status not in dict(EMPLOYER_APPLICATION_STATUSES):
        raise ValidationError("Choose one of the listed statuses.", code="invalid_status")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status == Application.Status.WITHDRAWN:
            application.status = locked.status
            raise ValidationError(
                "The applicant withdrew this application, so its status can no longer change.",
                code="withdrawn",
            )
        if locked.status == status:
            return False
        now = timezone.now()
        Application.objects.filter(pk=locked.pk).update(status=status, status_changed_at=now)
        ApplicationEvent.objects.create(application=locked, status=status, at=now, by=by)
        application.status, application.status_changed_at = status, now
        job = application.job
        if locked.applicant_id is None:  # deleted their account: nobody left to tell
            return True
        send_templated_email(
            "careers/email/seeker_status_changed",
            to=application.applicant.email,
            context={
                "application": application,
                "applicant": application.applicant,
                "job": job,
                "employer": job.employer,
                "status_label": application.get_status_display(),
                "application_url": absolute_url(
                    reverse("careers:application_detail", kwargs={"pk": application.pk}),
                    base_url,
                ),
                "job_url": absolute_url(job.get_absolute_url(), base_url),
            },
        )
    return True


def application_save_notes(*, application: Application, notes: str) -> Application:
    """Keep the employer's private notes on an application (the applicant never sees them)."""
    application.employer_notes = (notes or "").strip()
    application.save(update_fields=["employer_notes"])
    return application


def resume_download_name(application: Application) -> str:
    """“jane-doe-resume.pdf”: the applicant's name and the file's own kind, nothing else
    (a name typed by someone else never reaches a header or a file system as it is)."""
    suffix = PurePath(application.resume_name or application.resume_file.name).suffix.lower()
    suffix = suffix if suffix[1:].isalnum() and len(suffix) <= 6 else ""
    applicant = application.applicant
    person = (slugify(applicant.full_name) if applicant else "") or f"applicant-{application.pk}"
    return f"{person}-resume{suffix}"
