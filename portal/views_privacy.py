"""A member's own data: download all of it, or delete the account (portal.privacy)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404


@login_required
def export_data(request):  # filled in by issue 9's privacy work
    raise Http404


@login_required
def export_files(request):
    raise Http404


@login_required
def delete_account(request):
    raise Http404
