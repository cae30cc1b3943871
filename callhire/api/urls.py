from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from callhire.api import docs, views

app_name = "api"

router = SimpleRouter()
router.register("postings", views.PostingViewSet, basename="posting")
router.register("applications", views.ApplicationViewSet, basename="application")

urlpatterns = [
    path("", docs.index, name="index"),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.docs, name="docs"),
    re_path(rf"^postings/(?P<pk>{views.ID})/profile/$", views.ProfileView.as_view(), name="posting-profile"),
    re_path(rf"^applications/(?P<pk>{views.ID})/moves/$", views.MoveList.as_view(), name="application-moves"),
    re_path(rf"^applications/(?P<pk>{views.ID})/notes/$", views.NoteList.as_view(), name="application-notes"),
    *router.urls,
    # Anything else under /api/ is a JSON 404, not the site's HTML page.
    re_path(r"^(?P<rest>.*)$", docs.not_found),
]
