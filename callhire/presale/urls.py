from django.urls import path

from callhire.presale import assess, feeds, interviews, speaking, techcheck, views

app_name = "presale"

urlpatterns = [
    path("jobs/", views.board, name="board"),
    path("jobs/feed/", feeds.feed, name="feed"),
    path("jobs/<slug:employer_slug>/", views.board, name="careers"),
    path("jobs/<slug:employer_slug>/<int:pk>-<slug:slug>/", views.posting_detail, name="posting"),
    path("jobs/<slug:employer_slug>/<int:pk>-<slug:slug>/check/", views.self_check, name="self_check"),
    path("jobs/<slug:employer_slug>/<int:pk>-<slug:slug>/apply/", views.apply, name="apply"),
    path("status/<str:token>/", views.status, name="status"),
    path("status/<str:token>/withdraw/", views.status_withdraw, name="withdraw"),
    path("status/<str:token>/erase/", views.status_erase, name="erase"),
    path("status/<str:token>/techcheck/", techcheck.page, name="techcheck"),
    path("status/<str:token>/techcheck/start/", techcheck.start, name="techcheck_start"),
    path("status/<str:token>/techcheck/<int:run>/down/", techcheck.down, name="techcheck_down"),
    path("status/<str:token>/techcheck/<int:run>/up/", techcheck.up, name="techcheck_up"),
    path("status/<str:token>/techcheck/<int:run>/ping/", techcheck.ping, name="techcheck_ping"),
    path("status/<str:token>/techcheck/<int:run>/save/", techcheck.save, name="techcheck_save"),
    path("status/<str:token>/interview/", interviews.interview_page, name="interview"),
    path("status/<str:token>/interview/book/", interviews.interview_book, name="interview_book"),
    path("status/<str:token>/interview/move/", interviews.interview_reschedule, name="interview_reschedule"),
    path("status/<str:token>/interview/cancel/", interviews.interview_cancel, name="interview_cancel"),
    path("status/<str:token>/interview.ics", interviews.interview_ics, name="interview_ics"),
    path("assess/<str:token>/", assess.overview, name="assess"),
    path("assess/<str:token>/<slug:section>/", assess.section_intro, name="assess_section"),
    path("assess/<str:token>/<slug:section>/start/", assess.section_start, name="assess_start"),
    path("assess/<str:token>/<slug:section>/take/", assess.section_take, name="assess_take"),
    path("assess/<str:token>/<slug:section>/save/", assess.section_save, name="assess_save"),
    path("assess/<str:token>/<slug:section>/done/", assess.section_done, name="assess_done"),
    path(
        "assess/<str:token>/<slug:section>/rec/<slug:item_id>/<int:turn>/<int:index>/",
        speaking.chunk,
        name="voice_chunk",
    ),
    path(
        "assess/<str:token>/<slug:section>/rec/<slug:item_id>/<int:turn>/finish/", speaking.finish, name="voice_finish"
    ),
    path(
        "assess/<str:token>/<slug:section>/rec/<slug:item_id>/<int:turn>/restart/",
        speaking.restart,
        name="voice_restart",
    ),
    path(
        "assess/<str:token>/<slug:section>/customer/<slug:item_id>/<int:turn>.wav",
        speaking.customer_audio,
        name="voice_customer",
    ),
]
