from django.urls import path

from resources import views
from resources.feeds import NewResourcesFeed

app_name = "resources"

urlpatterns = [
    path("", views.index, name="index"),
    path("library/", views.library, name="library"),
    path("feed/", NewResourcesFeed(), name="feed"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/download/", views.download, name="download"),
]
