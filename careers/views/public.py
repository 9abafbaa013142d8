"""Placeholder: being written."""

from django.http import Http404

from portal.models import Section
from portal.views import section_placeholder


def job_list(request):
    return section_placeholder(request, Section.CAREERS, "careers/index.html")


def job_detail(request, slug):
    raise Http404


def services_index(request):
    raise Http404


def service_request(request, service):
    raise Http404
