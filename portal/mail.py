"""Outgoing email goes through the task queue, after the surrounding transaction commits.

A slow or failing mail server therefore never loses what a person just submitted: their data is
saved first, and the queued message is retried by the worker (``EMAIL_RETRY_DELAYS``).
"""

import logging
import smtplib
from datetime import timedelta
from functools import partial

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# When the mail server refuses or cannot be reached, the message is tried again after each of
# these waits in turn: six tries over about fifteen hours, long enough to ride out a mail
# provider's outage or a credentials fix, then it is given up and logged as an error.
EMAIL_RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
EMAIL_MAX_ATTEMPTS = len(EMAIL_RETRY_DELAYS) + 1


class EmailNotSent(Exception):
    """A message given up on: the task is recorded as failed, without the recipients."""


@task()
def send_email(
    *,
    subject,
    body,
    to,
    from_email=None,
    html=None,
    reply_to=None,
    headers=None,
    kind="",
    attempt=1,
):
    """Send one message. ``kind`` names it in logs (the template, never the recipient);
    ``attempt`` counts the tries so far, carried from one queued retry to the next."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email,
        to=to,
        reply_to=reply_to or None,
        headers=headers or None,
    )
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        email = {
            "subject": subject,
            "body": body,
            "to": to,
            "from_email": from_email,
            "html": html,
            "reply_to": reply_to,
            "headers": headers,
            "kind": kind,
        }
        retry_or_give_up(
            send_email, email, kind=kind, attempt=attempt, reason=describe_mail_error(error)
        )


def retry_or_give_up(email_task, arguments: dict, *, kind: str, attempt: int, reason: str):
    """Queue ``email_task`` again with ``arguments`` after the next wait in
    ``EMAIL_RETRY_DELAYS``, or, after the last attempt (or on a task backend that cannot run
    anything later), log it and give up. Every task that sends mail calls this when sending
    fails, so all of them retry the same way; the task must accept an ``attempt`` argument."""
    name = kind or "message"
    backend = email_task.get_backend()
    if attempt < EMAIL_MAX_ATTEMPTS and backend.supports_defer:
        run_after = timezone.now() + EMAIL_RETRY_DELAYS[attempt - 1]
        email_task.using(run_after=run_after).enqueue(**arguments, attempt=attempt + 1)
        logger.warning(
            "Email %s not sent (attempt %d of %d: %s); trying again after %s",
            name,
            attempt,
            EMAIL_MAX_ATTEMPTS,
            reason,
            run_after.isoformat(timespec="seconds"),
        )
        return
    logger.error("Email %s given up after %d attempt(s): %s", name, attempt, reason)
    # Raised without the original exception, whose text can carry the recipients' addresses.
    raise EmailNotSent(f"{name} given up after {attempt} attempt(s): {reason}") from None


def describe_mail_error(error: BaseException) -> str:
    """What went wrong, in words that never include an address: the error's type and the
    server's reply code or the operating system's reason."""
    detail = ""
    if isinstance(error, smtplib.SMTPResponseException):
        detail = f" {error.smtp_code}"
    elif isinstance(error, OSError) and error.strerror:
        detail = f" ({error.strerror})"
    return f"{type(error).__name__}{detail}"


def queue_email(message: EmailMultiAlternatives, *, kind: str = "") -> None:
    """Queue a rendered message to be sent once the current transaction commits. ``kind``
    (the template name) is what logs call it."""
    html = None
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = content
    kwargs = {
        "subject": str(message.subject),
        "body": message.body,
        "to": list(message.to),
        "from_email": message.from_email,
        "html": html,
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "kind": kind,
    }
    transaction.on_commit(partial(send_email.enqueue, **kwargs))


def request_base_url(request) -> str:
    """The portal's address as this request reached it, for ``absolute_url``'s ``base_url``."""
    return request.build_absolute_uri("/")


def absolute_url(path: str, base_url: str | None = None) -> str:
    """``path`` on the portal's own address, for links in emails: the request's address when
    there is one (``request_base_url(request)``), else the PORTAL_BASE_URL setting."""
    from django.conf import settings

    return (base_url or settings.PORTAL_BASE_URL).rstrip("/") + path


def send_templated_email(
    template_prefix: str, *, to, context: dict, reply_to=None, headers=None
) -> None:
    """Render ``<prefix>_subject.txt`` and ``<prefix>_message.txt`` and queue the message.

    Every app's notification emails go through this, so they share the subject prefix, the
    sender and the after-commit queueing.
    """
    from django.conf import settings
    from django.template.loader import render_to_string

    subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
    body = render_to_string(f"{template_prefix}_message.txt", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.splitlines()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to] if isinstance(to, str) else list(to),
        reply_to=reply_to,
        headers=headers,
    )
    queue_email(message, kind=template_prefix)


def unsubscribe_headers(url: str) -> dict:
    """Headers from which mail programs offer their own one-click "Unsubscribe" (RFC 2369, 8058)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
