from django.http import HttpResponse


def _stub(request, *args, **kwargs):
    return HttpResponse("Not built yet")


letter = sample_letter_file = _stub
