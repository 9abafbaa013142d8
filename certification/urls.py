from django.urls import path

from certification.views import public, tracker, webinars

app_name = "certification"

urlpatterns = [
    # Section home, certifying bodies and credentials, CE options, P.A.C.E., FAQ (views/public.py)
    path("", public.index, name="index"),
    path("bodies/<slug:slug>/", public.body_detail, name="body_detail"),
    path("credentials/<slug:slug>/", public.credential_detail, name="credential_detail"),
    path("ce-options/", public.options, name="options"),
    path("ce-options/<slug:slug>/", public.option_type, name="option_type"),
    path("pace/", public.pace, name="pace"),
    path("faq/", public.faq, name="faq"),
    # Member webinars and CE certificates (views/webinars.py)
    path("webinars/", webinars.webinar_list, name="webinar_list"),
    path("webinars/<slug:slug>/", webinars.webinar_detail, name="webinar_detail"),
    path("webinars/<slug:slug>/register/", webinars.webinar_register, name="webinar_register"),
    path("webinars/<slug:slug>/cancel/", webinars.webinar_cancel, name="webinar_cancel"),
    path("webinars/<slug:slug>/calendar.ics", webinars.webinar_ics, name="webinar_ics"),
    path("certificates/<int:pk>/", webinars.certificate_download, name="certificate_download"),
    path("verify/", webinars.certificate_verify, name="certificate_verify"),
    # The CE tracker for members (views/tracker.py)
    path("tracker/", tracker.tracker, name="tracker"),
    path("tracker/credentials/add/", tracker.holding_add, name="holding_add"),
    path("tracker/credentials/<int:pk>/edit/", tracker.holding_edit, name="holding_edit"),
    path("tracker/credentials/<int:pk>/delete/", tracker.holding_delete, name="holding_delete"),
    path(
        "tracker/credentials/<int:pk>/transcript.csv",
        tracker.transcript_csv,
        name="transcript_csv",
    ),
    path(
        "tracker/credentials/<int:pk>/transcript.pdf",
        tracker.transcript_pdf,
        name="transcript_pdf",
    ),
    path("tracker/activities/add/", tracker.activity_add, name="activity_add"),
    path("tracker/activities/<int:pk>/edit/", tracker.activity_edit, name="activity_edit"),
    path("tracker/activities/<int:pk>/delete/", tracker.activity_delete, name="activity_delete"),
    path(
        "tracker/activities/<int:pk>/certificate/",
        tracker.activity_certificate,
        name="activity_certificate",
    ),
    path(
        "reminders/unsubscribe/<str:token>/",
        tracker.reminders_unsubscribe,
        name="reminders_unsubscribe",
    ),
]
