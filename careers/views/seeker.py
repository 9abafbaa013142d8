"""Placeholder: being written."""

from django.http import Http404


def apply(request, *args, **kwargs):
    raise Http404


def toggle_saved_job(request, *args, **kwargs):
    raise Http404


def dashboard(request, *args, **kwargs):
    raise Http404


def resume_upload(request, *args, **kwargs):
    raise Http404


def resume_edit(request, *args, **kwargs):
    raise Http404


def resume_delete(request, *args, **kwargs):
    raise Http404


def resume_download(request, *args, **kwargs):
    raise Http404


def application_detail(request, *args, **kwargs):
    raise Http404


def application_withdraw(request, *args, **kwargs):
    raise Http404


def application_resume_download(request, *args, **kwargs):
    raise Http404


def alert_create(request, *args, **kwargs):
    raise Http404


def alert_delete(request, *args, **kwargs):
    raise Http404


def alert_unsubscribe(request, *args, **kwargs):
    raise Http404


def apply_box_context(request, job) -> dict:
    """Context for templates/careers/seeker/_apply_box.html on the job page."""
    return {}
