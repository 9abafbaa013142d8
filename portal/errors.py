from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    return render(request, "404.html", {"requested_path": request.path}, status=404)


def server_error(request):
    # Rendered without a RequestContext: whatever broke may be in a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render())
