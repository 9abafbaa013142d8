"""/healthz for the load balancer: is the database answering, is the task queue working."""

from django.http import JsonResponse


def healthz(request):  # filled in by issue 9's graceful-failure work
    return JsonResponse({"status": "ok"})
