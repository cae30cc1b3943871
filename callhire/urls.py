from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.generic import RedirectView


def healthz(request):
    """Answer load balancers and uptime checks; touches neither the database nor the cache."""
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="presale:board", permanent=False)),
    path("control/", include("callhire.control.urls")),
    path("api/v1/", include("callhire.api.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", healthz),
]
# The public side carries the language in its URLs, so every page can be cached and shared.
urlpatterns += i18n_patterns(path("", include("callhire.presale.urls")))
