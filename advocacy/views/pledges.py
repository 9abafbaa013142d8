from django.http import HttpResponse


def _stub(request, *args, **kwargs):
    return HttpResponse("Not built yet")


take_pledge = check_your_email = resend_confirmation = confirm = withdraw = thank_you = wall = _stub
