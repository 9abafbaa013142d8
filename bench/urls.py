"""The portal's URLs plus the benchmark's floor, which the production URL map never has."""

from django.urls import path

from bench.floor import floor
from portal.urls import handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [*portal_urlpatterns, path("bench/floor/<int:size>/", floor, name="bench_floor")]
