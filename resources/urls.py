from django.urls import path

from resources import views

app_name = "resources"

urlpatterns = [
    path("", views.index, name="index"),
]
