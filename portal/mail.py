"""Outgoing email goes through the task queue, after the surrounding transaction commits.

A slow or failing mail server therefore never loses what a person just submitted: their data is
saved first, and the queued message is retried by the worker.
"""

from functools import partial

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks import task


@task()
def send_email(*, subject, body, to, from_email=None, html=None, reply_to=None, headers=None):
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
    message.send()


def queue_email(message: EmailMultiAlternatives) -> None:
    """Queue a rendered message to be sent once the current transaction commits."""
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
    queue_email(message)


def unsubscribe_headers(url: str) -> dict:
    """Headers from which mail programs offer their own one-click "Unsubscribe" (RFC 2369, 8058)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
