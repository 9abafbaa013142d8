"""Placeholder: being written."""

from django.http import Http404


def employer_request(request, *args, **kwargs):
    raise Http404


def dashboard(request, *args, **kwargs):
    raise Http404


def job_create(request, *args, **kwargs):
    raise Http404


def job_edit(request, *args, **kwargs):
    raise Http404


def job_submit(request, *args, **kwargs):
    raise Http404


def job_close(request, *args, **kwargs):
    raise Http404


def job_renew(request, *args, **kwargs):
    raise Http404


def applicants(request, *args, **kwargs):
    raise Http404


def applicants_csv(request, *args, **kwargs):
    raise Http404


def applicant_detail(request, *args, **kwargs):
    raise Http404


def applicant_resume_download(request, *args, **kwargs):
    raise Http404
