from django.http import HttpResponse


def _stub(request, *args, **kwargs):
    return HttpResponse("Not built yet")


institution_list = suggest = suggestion_received = _stub
