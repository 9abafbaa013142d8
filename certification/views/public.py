"""Placeholder: being written."""

from django.http import Http404

from portal.models import Section
from portal.views import section_placeholder


def index(request, *args, **kwargs):
    return section_placeholder(request, Section.CERTIFICATION, "certification/index.html")


def body_detail(request, *args, **kwargs):
    raise Http404


def credential_detail(request, *args, **kwargs):
    raise Http404


def options(request, *args, **kwargs):
    raise Http404


def option_type(request, *args, **kwargs):
    raise Http404


def pace(request, *args, **kwargs):
    raise Http404


def faq(request, *args, **kwargs):
    raise Http404
