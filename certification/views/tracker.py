"""Placeholder: being written."""

from django.http import Http404


def tracker(request, *args, **kwargs):
    raise Http404


def holding_add(request, *args, **kwargs):
    raise Http404


def holding_edit(request, *args, **kwargs):
    raise Http404


def holding_delete(request, *args, **kwargs):
    raise Http404


def activity_add(request, *args, **kwargs):
    raise Http404


def activity_edit(request, *args, **kwargs):
    raise Http404


def activity_delete(request, *args, **kwargs):
    raise Http404


def activity_certificate(request, *args, **kwargs):
    raise Http404


def transcript_csv(request, *args, **kwargs):
    raise Http404


def transcript_pdf(request, *args, **kwargs):
    raise Http404


def reminders_unsubscribe(request, *args, **kwargs):
    raise Http404
