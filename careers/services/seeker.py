"""What a job seeker does: keep resumes, apply to jobs, withdraw, save jobs and set up alerts.

Every write with a rule lives here as a keyword-only function named ``<thing>_<action>``; views
only collect input and show the outcome. Emails go out after the transaction commits, through
``portal.mail``.
"""

import logging
import posixpath
from pathlib import PurePath

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from careers.choices import ApplyMethod
from careers.models import (
    MAX_RESUMES_PER_PERSON,
    Application,
    ApplicationEvent,
    Job,
    JobAlert,
    Resume,
    SavedJob,
)
from portal.files import delete_file_after_commit, delete_file_quietly
from portal.mail import absolute_url, send_templated_email

logger = logging.getLogger(__name__)

DEFAULT_RESUME_TITLE = "My resume"
MAX_ALERTS_PER_PERSON = 20
MAX_COVER_NOTE_LENGTH = Application._meta.get_field("cover_note").max_length
MAX_ALERT_QUERY_LENGTH = JobAlert._meta.get_field("query").max_length

NOT_OPEN_MESSAGE = "This job is no longer accepting applications."

# Statuses from which a person may still withdraw; after a decision there is nothing to withdraw.
WITHDRAWABLE_STATUSES = frozenset(
    {
        Application.Status.SUBMITTED,
        Application.Status.REVIEWED,
        Application.Status.INTERVIEWING,
        Application.Status.OFFER,
    }
)


# --- Helpers ---------------------------------------------------------------------------------


def _lock_person(user) -> None:
    """Serialise one person's resume changes (a no-op on SQLite, which serialises writes)."""
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def _original_name(name: str) -> str:
    """The file name as the person's computer knew it, short enough to store."""
    name = PurePath(name or "resume").name or "resume"
    limit = Resume._meta.get_field("original_name").max_length
    if len(name) <= limit:
        return name
    stem, ext = posixpath.splitext(name)
    return stem[: limit - len(ext)] + ext


# --- Resumes ---------------------------------------------------------------------------------


def resume_upload(*, owner, title: str, file) -> Resume:
    """Keep a new resume for ``owner``. The first one becomes the default.

    Raises ``ValidationError`` for a file that is not a PDF/DOC/DOCX of at most 5 MB (checked
    by its content), or when the person already keeps the most resumes allowed.
    """
    title = " ".join((title or "").split()) or DEFAULT_RESUME_TITLE
    resume = None
    try:
        with transaction.atomic():
            _lock_person(owner)
            count = Resume.objects.filter(owner=owner).count()
            if count >= MAX_RESUMES_PER_PERSON:
                raise ValidationError(
                    f"You already keep {MAX_RESUMES_PER_PERSON} resumes, the most the portal "
                    "holds. Delete one you no longer use, then upload the new one.",
                    code="too_many_resumes",
                )
            resume = Resume(
                owner=owner,
                title=title,
                file=file,
                original_name=_original_name(getattr(file, "name", "")),
                is_default=count == 0,
            )
            resume.full_clean()
            resume.save()
    except BaseException:
        if resume is not None and resume.file and resume.file._committed and resume.pk is None:
            delete_file_quietly(resume.file.storage, resume.file.name)
        raise
    return resume


def resume_set_default(*, resume: Resume) -> Resume:
    """Make ``resume`` its owner's default (the one preselected when applying)."""
    with transaction.atomic():
        # Lock the owner's resumes so two switches cannot both clear and set.
        list(Resume.objects.select_for_update().filter(owner_id=resume.owner_id).values_list("pk"))
        Resume.objects.filter(owner_id=resume.owner_id, is_default=True).exclude(
            pk=resume.pk
        ).update(is_default=False)
        Resume.objects.filter(pk=resume.pk).update(is_default=True)
    resume.is_default = True
    return resume


def resume_rename(*, resume: Resume, title: str) -> Resume:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": "Give the resume a name, for example “MLS resume 2026”."})
    limit = Resume._meta.get_field("title").max_length
    if len(title) > limit:
        raise ValidationError({"title": f"Keep the name to {limit} characters or fewer."})
    resume.title = title
    resume.save(update_fields=["title"])
    return resume


def resume_delete(*, resume: Resume) -> Resume | None:
    """Delete ``resume`` and its file. Applications keep their own copies, so nothing an
    employer received changes. If it was the default, the newest remaining one takes over.
    Returns the new default, if one was chosen."""
    new_default = None
    with transaction.atomic():
        resumes = list(
            Resume.objects.select_for_update()
            .filter(owner_id=resume.owner_id)
            .order_by("-uploaded_at", "-pk")
        )
        target = next((r for r in resumes if r.pk == resume.pk), None)
        if target is None:
            return None
        target.delete()
        delete_file_after_commit(target.file.storage, target.file.name)
        if target.is_default:
            new_default = next((r for r in resumes if r.pk != target.pk), None)
            if new_default is not None:
                Resume.objects.filter(pk=new_default.pk).update(is_default=True)
                new_default.is_default = True
    return new_default


# --- Applying --------------------------------------------------------------------------------


def check_job_accepts_applications(job: Job) -> None:
    """The rule for applying through the portal; raises ``ValidationError`` with the reason."""
    if job.apply_method == ApplyMethod.URL:
        raise ValidationError(
            f"{job.employer.name} takes applications for this job on its own web site, "
            "not through the portal.",
            code="applies_elsewhere",
        )
    if job.apply_method == ApplyMethod.EMAIL:
        raise ValidationError(
            f"{job.employer.name} takes applications for this job by email, "
            "not through the portal.",
            code="applies_elsewhere",
        )
    if not job.is_open():
        raise ValidationError(NOT_OPEN_MESSAGE, code="not_open")


def apply_to_job(
    *, applicant, job: Job, resume: Resume, cover_note: str = "", base_url: str | None = None
) -> tuple[Application, bool]:
    """Send ``resume`` and ``cover_note`` to ``job``'s employer. Returns (application, created).

    One application per person per job: if there is one already (a double click, two tabs,
    two requests at once) it is returned with ``created`` False and nothing else happens. The
    application keeps its own copy of the resume file. After commit, the seeker and the
    employer are emailed; ``base_url`` (e.g. ``request.build_absolute_uri("/")``) makes the
    links absolute.
    """
    existing = Application.objects.filter(job=job, applicant=applicant).first()
    if existing is not None:
        return existing, False
    check_job_accepts_applications(job)
    if resume.owner_id != applicant.pk:
        raise ValidationError("Choose one of your own resumes.", code="not_your_resume")
    cover_note = (cover_note or "").strip()
    if len(cover_note) > MAX_COVER_NOTE_LENGTH:
        raise ValidationError(
            f"Keep the note to {MAX_COVER_NOTE_LENGTH} characters or fewer.", code="too_long"
        )

    now = timezone.now()
    application = Application(
        job=job,
        applicant=applicant,
        resume_name=resume.original_name,
        cover_note=cover_note,
        submitted_at=now,
        status_changed_at=now,
    )
    try:
        with resume.file.storage.open(resume.file.name, "rb") as source:
            data = source.read()
    except OSError as error:
        raise ValidationError(
            "We could not read that resume. Please upload it again and re-apply.",
            code="resume_missing",
        ) from error
    application.resume_file.save(resume.original_name, ContentFile(data), save=False)

    try:
        with transaction.atomic():
            application.save()
            ApplicationEvent.objects.create(
                application=application,
                status=Application.Status.SUBMITTED,
                at=now,
                by=applicant,
            )
    except IntegrityError:
        # Someone (the same person, in another request) got there first: keep theirs.
        delete_file_quietly(application.resume_file.storage, application.resume_file.name)
        existing = Application.objects.filter(job=job, applicant=applicant).first()
        if existing is None:  # pragma: no cover - the conflict was something else
            raise
        return existing, False
    except BaseException:
        delete_file_quietly(application.resume_file.storage, application.resume_file.name)
        raise

    _email_application_received(application, base_url=base_url)
    return application, True


def _employer_recipients(employer) -> list[str]:
    seen, recipients = set(), []
    member_emails = employer.members.filter(is_active=True).values_list("email", flat=True)
    for address in [employer.contact_email, *member_emails]:
        if address and address.lower() not in seen:
            seen.add(address.lower())
            recipients.append(address)
    return recipients


def _email_application_received(application: Application, *, base_url=None) -> None:
    job, applicant = application.job, application.applicant
    context = {
        "application": application,
        "job": job,
        "employer": job.employer,
        "applicant": applicant,
        "applicant_name": applicant.get_full_name(),
        "job_url": absolute_url(job.get_absolute_url(), base_url),
        "application_url": absolute_url(
            reverse("careers:application_detail", kwargs={"pk": application.pk}), base_url
        ),
        "dashboard_url": absolute_url(reverse("careers:seeker_dashboard"), base_url),
        "applicant_url": absolute_url(
            reverse("careers:applicant_detail", kwargs={"pk": application.pk}), base_url
        ),
        "applicants_url": absolute_url(
            reverse("careers:applicants", kwargs={"pk": job.pk}), base_url
        ),
    }
    send_templated_email(
        "careers/email/seeker_application_received", to=applicant.email, context=context
    )
    for address in _employer_recipients(job.employer):
        send_templated_email(
            "careers/email/employer_new_application",
            to=address,
            context=context,
            reply_to=[applicant.email],
        )


def application_can_withdraw(application: Application) -> bool:
    return application.status in WITHDRAWABLE_STATUSES


def application_withdraw(*, application: Application, by) -> Application:
    """Withdraw an application that is still under consideration, and note it on its timeline."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status == Application.Status.WITHDRAWN:
            application.status = locked.status
            return application
        if not application_can_withdraw(locked):
            raise ValidationError(
                f"This application is marked “{locked.get_status_display()}”, so there is "
                "nothing to withdraw.",
                code="not_withdrawable",
            )
        now = timezone.now()
        Application.objects.filter(pk=locked.pk).update(
            status=Application.Status.WITHDRAWN, status_changed_at=now
        )
        ApplicationEvent.objects.create(
            application=locked, status=Application.Status.WITHDRAWN, at=now, by=by
        )
    application.status = Application.Status.WITHDRAWN
    application.status_changed_at = now
    return application


# --- Saved jobs and alerts -------------------------------------------------------------------


def saved_job_toggle(*, user, job: Job, save: bool | None = None) -> bool:
    """Save or unsave ``job`` for ``user``; returns whether it is saved afterwards.

    With ``save`` given the outcome is that state (a repeated click changes nothing);
    without it, the current state flips. Only open jobs can be newly saved.
    """
    with transaction.atomic():
        is_saved = SavedJob.objects.filter(user=user, job=job).exists()
        wanted = (not is_saved) if save is None else save
        if wanted == is_saved:
            return is_saved
        if not wanted:
            SavedJob.objects.filter(user=user, job=job).delete()
            return False
        if not job.is_open():
            raise ValidationError(NOT_OPEN_MESSAGE, code="not_open")
        try:
            with transaction.atomic():
                SavedJob.objects.create(user=user, job=job)
        except IntegrityError:
            pass  # saved by a simultaneous click
        return True


def normalise_alert_query(query: str) -> str:
    """The search's URL parameters without paging, in a stable order."""
    params = QueryDict(query or "", mutable=True)
    params.pop("page", None)
    params.pop("sort", None)
    pairs = sorted((key, value) for key, values in params.lists() for value in values if value)
    normalised = QueryDict(mutable=True)
    for key, value in pairs:
        normalised.appendlist(key, value)
    return normalised.urlencode()


def job_alert_create(*, user, name: str, query: str, frequency: str) -> tuple[JobAlert, bool]:
    """Save a job search as an emailed alert. Returns (alert, created).

    Saving the same search again updates the existing alert's name and frequency instead of
    making a second one, so nobody gets the same email twice.
    """
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Give the alert a name, for example “Night shift MLS”."})
    if frequency not in JobAlert.Frequency.values:
        raise ValidationError({"frequency": "Choose daily or weekly."})
    query = normalise_alert_query(query)
    if len(query) > MAX_ALERT_QUERY_LENGTH:
        raise ValidationError("This search has too many filters to save. Remove a few.")
    with transaction.atomic():
        _lock_person(user)
        existing = JobAlert.objects.filter(user=user, query=query, is_active=True).first()
        if existing is not None:
            existing.name, existing.frequency = name[:120], frequency
            existing.save(update_fields=["name", "frequency"])
            return existing, False
        if JobAlert.objects.filter(user=user, is_active=True).count() >= MAX_ALERTS_PER_PERSON:
            raise ValidationError(
                f"You already have {MAX_ALERTS_PER_PERSON} job alerts. Delete one from "
                "My career before adding another."
            )
        alert = JobAlert.objects.create(
            user=user, name=name[:120], query=query, frequency=frequency
        )
    return alert, True


def job_alert_unsubscribe(*, alert: JobAlert) -> JobAlert:
    JobAlert.objects.filter(pk=alert.pk).update(is_active=False)
    alert.is_active = False
    return alert
