"""The I AM MLS pledge: the form, the double opt-in link, re-sending it, withdrawing, the wall.

The pages never tell a visitor whether an address has pledged: every submission ends on the same
"check your email" page, and the address's owner learns the rest by email.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

from advocacy.forms import PledgeForm, ResendConfirmationForm
from advocacy.models import Campaign, Pledge
from advocacy.services.pledges import (
    CONFIRM_MAX_AGE,
    Outcome,
    PledgeLinkExpired,
    PledgeLinkInvalid,
    pledge_confirm,
    pledge_count,
    pledge_from_confirm_token,
    pledge_initial_for,
    pledge_of,
    pledge_resend,
    pledge_take,
    pledge_withdraw,
)
from advocacy.sharing import share_links
from portal.mail import request_base_url
from portal.ratelimit import HOUR, too_many_requests, within_limits

WALL_PAGE_SIZE = 50
# Per client address, and per email address (so nobody can flood someone's inbox).
PLEDGE_LIMIT, PLEDGE_EMAIL_LIMIT = 10, 5
RESEND_LIMIT, RESEND_EMAIL_LIMIT = 5, 3
TOO_MANY = (
    "This form has been sent too many times in the last hour, so we did not send it this time. "
    "Please try again in an hour; what you typed is still here."
)


def take_pledge(request):
    campaign = Campaign.load()
    context = {"campaign": campaign, "count": pledge_count()}
    own_pledge = pledge_of(request.user)
    if own_pledge is not None:
        return render(request, "advocacy/pledge/form.html", {**context, "own_pledge": own_pledge})

    if request.method == "POST":
        form = PledgeForm(request.POST)
        if form.is_bot():
            return redirect("advocacy:pledge_check_email")
        if form.is_valid():
            email = form.cleaned_data["email"]
            if not within_limits(
                request,
                "pledge",
                address_limit=PLEDGE_LIMIT,
                key=email.lower(),
                key_limit=PLEDGE_EMAIL_LIMIT,
            ):
                form.add_error(None, TOO_MANY)
                return too_many_requests(
                    request,
                    retry_after=HOUR,
                    template="advocacy/pledge/form.html",
                    context={**context, "form": form},
                )
            taken = pledge_take(
                details=form.details(), user=request.user, base_url=request_base_url(request)
            )
            if taken.outcome == Outcome.CONFIRMED:
                return redirect("advocacy:pledge_thanks")
            if taken.own_address:  # their own verified address, pledged before
                return redirect("advocacy:pledge")
            return redirect("advocacy:pledge_check_email")
        # Said at the top too, where a screen reader or keyboard user lands after submitting.
        messages.error(
            request, "Your pledge was not taken yet. Please correct the fields marked below."
        )
    else:
        form = PledgeForm(initial=pledge_initial_for(request.user))
    return render(request, "advocacy/pledge/form.html", {**context, "form": form})


def check_your_email(request):
    return render(request, "advocacy/pledge/check_email.html", {"valid_days": CONFIRM_MAX_AGE.days})


def resend_confirmation(request):
    if request.method == "POST":
        form = ResendConfirmationForm(request.POST)
        if form.is_bot():
            return redirect("advocacy:pledge_check_email")
        if form.is_valid():
            email = form.cleaned_data["email"]
            if not within_limits(
                request,
                "pledge-resend",
                address_limit=RESEND_LIMIT,
                key=email.lower(),
                key_limit=RESEND_EMAIL_LIMIT,
            ):
                form.add_error(None, TOO_MANY)
                return too_many_requests(
                    request,
                    retry_after=HOUR,
                    template="advocacy/pledge/resend.html",
                    context={"form": form},
                )
            pledge_resend(email=email, base_url=request_base_url(request))
            return redirect("advocacy:pledge_check_email")
    else:
        form = ResendConfirmationForm()
    return render(request, "advocacy/pledge/resend.html", {"form": form})


def confirm(request, signed_token):
    try:
        pledge = pledge_from_confirm_token(signed_token)
    except PledgeLinkExpired as expired:
        return _expired_link(request, expired.pledge)
    except PledgeLinkInvalid:
        return _invalid_link(request)

    if request.method == "POST":
        try:
            pledge_confirm(pledge=pledge, base_url=request_base_url(request))
        except PledgeLinkInvalid:  # withdrawn between the page and the button
            return _invalid_link(request)
        return redirect("advocacy:pledge_thanks")
    context = {
        "pledge": pledge,
        "statement": Campaign.load().pledge_statement,
        "signed_token": signed_token,
    }
    return render(request, "advocacy/pledge/confirm.html", context)


def _expired_link(request, pledge):
    already_confirmed = pledge is not None and pledge.is_confirmed
    initial = {"email": pledge.email} if pledge is not None and not already_confirmed else None
    context = {
        "form": ResendConfirmationForm(initial=initial),
        "already_confirmed": already_confirmed,
        "valid_days": CONFIRM_MAX_AGE.days,
    }
    return render(request, "advocacy/pledge/link_expired.html", context, status=410)


def _invalid_link(request):
    return render(request, "advocacy/pledge/link_invalid.html", status=404)


def withdraw(request, token):
    pledge = Pledge.objects.filter(token=token).first()
    if pledge is None:
        return render(request, "advocacy/pledge/withdraw_unknown.html", status=404)
    if request.method == "POST":
        pledge_withdraw(token=token)
        return render(request, "advocacy/pledge/withdrawn.html")
    return render(request, "advocacy/pledge/withdraw.html", {"pledge": pledge})


def thank_you(request):
    campaign = Campaign.load()
    campaign_url = request.build_absolute_uri(reverse("advocacy:index"))
    context = {
        "count": pledge_count(),
        "share_message": campaign.share_message,
        "share_links": share_links(
            url=campaign_url, message=campaign.share_message, subject=campaign.headline
        ),
    }
    return render(request, "advocacy/pledge/thanks.html", context)


def wall(request):
    pledges = Pledge.objects.on_the_wall().only(
        "pk", "full_name", "credential", "city", "state", "confirmed_at"
    )
    page = Paginator(pledges, WALL_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "pledges": page.object_list, "count": pledge_count()}
    return render(request, "advocacy/pledge/wall.html", context)
