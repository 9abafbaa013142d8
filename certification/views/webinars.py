"""Placeholder: being written."""

from django.http import Http404


def webinar_list(request, *args, **kwargs):
    raise Http404


def webinar_detail(request, *args, **kwargs):
    raise Http404


def webinar_register(request, *args, **kwargs):
    raise Http404


def webinar_cancel(request, *args, **kwargs):
    raise Http404


def webinar_ics(request, *args, **kwargs):
    raise Http404


def certificate_download(request, *args, **kwargs):
    raise Http404


def certificate_verify(request, *args, **kwargs):
    raise Http404
