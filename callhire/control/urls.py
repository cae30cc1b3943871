from django.contrib.auth import views as auth_views
from django.urls import path

from callhire.control import accounts, applications, email_templates, integrations, interviews, speaking, views

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
    # Email templates and the email log
    path("employers/<slug:slug>/emails/", email_templates.email_templates, name="email_templates"),
    path(
        "employers/<slug:slug>/emails/<slug:kind>/<slug:language>/",
        email_templates.email_template_edit,
        name="email_template",
    ),
    path("applications/<int:pk>/emails/<int:email_pk>/", email_templates.email_detail, name="email"),
    # Interviews
    path("interviews/", interviews.calendar, name="calendar"),
    path("postings/<int:pk>/interviews/", interviews.posting_interviews, name="posting_interviews"),
    path("postings/<int:pk>/interviews/<int:slot_pk>/withdraw/", interviews.slot_withdraw, name="slot_withdraw"),
    path("applications/<int:pk>/interviews/invite/", interviews.interview_invite, name="interview_invite"),
    path(
        "applications/<int:pk>/interviews/<int:interview_pk>/cancel/",
        interviews.interview_cancel,
        name="interview_cancel",
    ),
    path(
        "applications/<int:pk>/interviews/<int:interview_pk>/move/",
        interviews.interview_reschedule,
        name="interview_reschedule",
    ),
    path(
        "applications/<int:pk>/interviews/<int:interview_pk>/feedback/",
        interviews.interview_feedback,
        name="interview_feedback",
    ),
    path("applications/<int:pk>/interviews/<int:interview_pk>/ics/", interviews.interview_ics, name="interview_ics"),
    path("postings/<int:pk>/call-audio/", speaking.call_audio, name="call_audio"),
    path(
        "postings/<int:pk>/call-audio/<slug:item_id>/<int:turn>.wav", speaking.call_audio_play, name="call_audio_play"
    ),
    path("recordings/<int:pk>/audio/", speaking.recording_audio, name="recording_audio"),
    path("recordings/<int:pk>/review/", speaking.recording_review, name="recording_review"),
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
