from django.contrib.auth import views as auth_views
from django.urls import path

from callhire.control import analytics, applications, views

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
    path("postings/<int:pk>/applications/invite/", applications.applications_invite, name="applications_invite"),
    path("postings/<int:pk>/assessments/", applications.posting_assessments, name="assessment_settings"),
    path("postings/<int:pk>/analytics/", analytics.posting_analytics, name="posting_analytics"),
    path("postings/<int:pk>/analytics/<slug:table>.csv", analytics.posting_analytics_csv, name="posting_analytics_csv"),
    path("analytics/", analytics.analytics_index, name="analytics"),
    path("employers/<slug:slug>/analytics/", analytics.employer_analytics, name="employer_analytics"),
    path(
        "employers/<slug:slug>/analytics/<slug:table>.csv",
        analytics.employer_analytics_csv,
        name="employer_analytics_csv",
    ),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("applications/<int:pk>/cv/", applications.application_cv, name="application_cv"),
    path("applications/<int:pk>/invite/", applications.application_invite, name="application_invite"),
    path("applications/<int:pk>/grant/<slug:section>/", applications.application_grant, name="application_grant"),
    path("applications/<int:pk>/attempts/<int:attempt_pk>/review/", applications.attempt_review, name="attempt_review"),
]
