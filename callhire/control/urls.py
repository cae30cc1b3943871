from django.contrib.auth import views as auth_views
from django.urls import path

from callhire.control import applications, jobs, views

app_name = "control"

urlpatterns = [
    path("", views.index, name="index"),
    path("login/", auth_views.LoginView.as_view(template_name="control/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="control:login"), name="logout"),
    path("postings/<int:pk>/", views.posting_detail, name="posting"),
    path("postings/<int:pk>/profile.<str:fmt>", views.profile_download, name="profile_download"),
    path("postings/<int:pk>/profile/upload/", views.profile_upload, name="profile_upload"),
    path("postings/<int:pk>/read/", views.posting_extract, name="extract"),
    path("postings/<int:pk>/read/save/", views.posting_extract_save, name="extract_save"),
    path("postings/<int:pk>/applications/", applications.application_list, name="applications"),
    path("postings/<int:pk>/applications/bulk/", jobs.applications_bulk, name="applications_bulk"),
    path("postings/<int:pk>/assessments/", applications.posting_assessments, name="assessment_settings"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("applications/<int:pk>/cv/", applications.application_cv, name="application_cv"),
    path("applications/<int:pk>/invite/", applications.application_invite, name="application_invite"),
    path("applications/<int:pk>/grant/<slug:section>/", applications.application_grant, name="application_grant"),
    path("applications/<int:pk>/attempts/<int:attempt_pk>/review/", applications.attempt_review, name="attempt_review"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job"),
    path("jobs/<int:pk>/progress/", jobs.job_progress, name="job_progress"),
    path("jobs/<int:pk>/download/", jobs.job_download, name="job_download"),
]
