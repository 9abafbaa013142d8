"""A member's own data: download all of it, or delete the account (the rules: portal.privacy)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from portal import privacy
from portal.forms_privacy import AccountDeleteForm
from portal.ratelimit import HOUR, hit, too_many_requests


def _private(response):
    # A person's whole record: never kept in a shared cache, never guessed at by a browser.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def export_data(request):
    body = privacy.export_json(privacy.account_export(request.user))
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, privacy.export_filename("json")
    )
    return _private(response)


@login_required
@require_GET
def export_files(request):
    archive = privacy.account_files_zip(request.user)
    response = FileResponse(
        archive,
        as_attachment=True,
        filename=privacy.export_filename("zip"),
        content_type="application/zip",
    )
    return _private(response)


# Attempts at the deletion form (right or wrong password) per account per hour.
DELETE_ATTEMPTS_PER_HOUR = 5
DELETE_TOO_MANY = (
    "There have been several attempts to delete this account in the last hour, so this one was "
    "not carried out. Please try again in an hour."
)


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    refused = privacy.deletion_refused_reason(request.user)
    form = AccountDeleteForm(request.user, request.POST or None)
    if request.method == "POST" and not refused:
        # The password check must not become a way to guess the password of a session left
        # open: a few tries an hour, counted per account.
        if not hit(
            request, "account-delete", limit=DELETE_ATTEMPTS_PER_HOUR, period=HOUR,
            key=str(request.user.pk),
        ):  # fmt: skip
            form.add_error(None, DELETE_TOO_MANY)
            return too_many_requests(
                request,
                retry_after=HOUR,
                template="portal/account_delete.html",
                context={"form": form, "refused": refused},
            )
        if form.is_valid():
            privacy.account_delete(user=request.user)
            logout(request)
            messages.success(
                request,
                "Your account has been deleted. We sent a confirmation to your email address. "
                "Thank you for being part of the portal.",
            )
            return redirect("home")
        messages.error(request, "Your account has not been deleted. Please see below.")
    status = 403 if refused and request.method == "POST" else 200
    return render(
        request, "portal/account_delete.html", {"form": form, "refused": refused}, status=status
    )
