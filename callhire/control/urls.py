from django.contrib.auth import views as auth_views
from django.urls import path

from callhire.control import applications, integrations, views

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
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path("applications/<int:pk>/cv/", applications.application_cv, name="application_cv"),
    path("applications/<int:pk>/invite/", applications.application_invite, name="application_invite"),
    path("applications/<int:pk>/grant/<slug:section>/", applications.application_grant, name="application_grant"),
    path("applications/<int:pk>/attempts/<int:attempt_pk>/review/", applications.attempt_review, name="attempt_review"),
    path("employers/<slug:slug>/api/", integrations.api_settings, name="api_settings"),
    path("employers/<slug:slug>/api/tokens/", integrations.token_create, name="token_create"),
    path("employers/<slug:slug>/api/tokens/<int:pk>/revoke/", integrations.token_revoke, name="token_revoke"),
    path("employers/<slug:slug>/api/webhooks/new/", integrations.webhook_create, name="webhook_create"),
    path("employers/<slug:slug>/api/webhooks/<int:pk>/", integrations.webhook_detail, name="webhook"),
    path("employers/<slug:slug>/api/webhooks/<int:pk>/delete/", integrations.webhook_delete, name="webhook_delete"),
    path("employers/<slug:slug>/api/webhooks/<int:pk>/ping/", integrations.webhook_ping, name="webhook_ping"),
    path("employers/<slug:slug>/api/webhooks/<int:pk>/secret/", integrations.webhook_secret, name="webhook_secret"),
    path(
        "employers/<slug:slug>/api/deliveries/<int:pk>/redeliver/",
        integrations.delivery_redeliver,
        name="delivery_redeliver",
    ),
]
