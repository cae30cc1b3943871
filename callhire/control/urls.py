from django.contrib.auth import views as auth_views
from django.urls import path

from callhire.control import views

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
]
