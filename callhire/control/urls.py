from django.contrib.auth import views as auth_views
from django.urls import path

from callhire.control import accounts, applications, views

app_name = "control"

urlpatterns = [
    path("", views.index, name="index"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("login/code/", accounts.login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(next_page="control:login"), name="logout"),
    path("password/reset/", accounts.password_reset, name="password_reset"),
    path("password/reset/sent/", accounts.password_reset_sent, name="password_reset_sent"),
    path("password/reset/<uidb64>/<token>/", accounts.password_reset_confirm, name="password_reset_confirm"),
    path("password/reset/done/", accounts.password_reset_complete, name="password_reset_complete"),
    path("account/", accounts.account, name="account"),
    path("account/password/", accounts.password_change, name="password_change"),
    path("account/two-factor/", accounts.two_factor_setup, name="two_factor_setup"),
    path("account/two-factor/off/", accounts.two_factor_disable, name="two_factor_disable"),
    path("employers/<slug:slug>/team/", accounts.team, name="team"),
    path("employers/<slug:slug>/team/<int:member>/", accounts.team_member, name="team_member"),
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
]
