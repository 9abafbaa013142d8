from django.urls import path

from careers.feeds import JobsFeed
from careers.views import employer, public, seeker

app_name = "careers"

urlpatterns = [
    # Finding jobs, career services (careers/views/public.py)
    path("", public.job_list, name="index"),
    path("jobs/<slug:slug>/", public.job_detail, name="job_detail"),
    path("feed/", JobsFeed(), name="feed"),
    path("services/", public.services_index, name="services"),
    path("services/<slug:service>/", public.service_request, name="service_request"),
    # Job seekers (careers/views/seeker.py)
    path("jobs/<slug:slug>/apply/", seeker.apply, name="apply"),
    path("jobs/<slug:slug>/save/", seeker.toggle_saved_job, name="toggle_saved_job"),
    path("my/", seeker.dashboard, name="seeker_dashboard"),
    path("my/resumes/", seeker.resume_upload, name="resume_upload"),
    path("my/resumes/<int:pk>/", seeker.resume_edit, name="resume_edit"),
    path("my/resumes/<int:pk>/delete/", seeker.resume_delete, name="resume_delete"),
    path("my/resumes/<int:pk>/download/", seeker.resume_download, name="resume_download"),
    path("my/applications/<int:pk>/", seeker.application_detail, name="application_detail"),
    path(
        "my/applications/<int:pk>/withdraw/",
        seeker.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "my/applications/<int:pk>/resume/",
        seeker.application_resume_download,
        name="application_resume_download",
    ),
    path("my/alerts/", seeker.alert_create, name="alert_create"),
    path("my/alerts/<int:pk>/delete/", seeker.alert_delete, name="alert_delete"),
    path("alerts/unsubscribe/<uuid:token>/", seeker.alert_unsubscribe, name="alert_unsubscribe"),
    # Employers (careers/views/employer.py)
    path("employers/request/", employer.employer_request, name="employer_request"),
    path("employer/", employer.dashboard, name="employer_dashboard"),
    path("employer/jobs/new/", employer.job_create, name="job_create"),
    path("employer/jobs/<int:pk>/edit/", employer.job_edit, name="job_edit"),
    path("employer/title-check/", employer.title_check, name="title_check"),
    path("employer/jobs/<int:pk>/submit/", employer.job_submit, name="job_submit"),
    path("employer/jobs/<int:pk>/close/", employer.job_close, name="job_close"),
    path("employer/jobs/<int:pk>/renew/", employer.job_renew, name="job_renew"),
    path("employer/jobs/<int:pk>/applicants/", employer.applicants, name="applicants"),
    path("employer/jobs/<int:pk>/applicants.csv", employer.applicants_csv, name="applicants_csv"),
    path("employer/applications/<int:pk>/", employer.applicant_detail, name="applicant_detail"),
    path(
        "employer/applications/<int:pk>/resume/",
        employer.applicant_resume_download,
        name="applicant_resume_download",
    ),
]
