"""The home-office tech check, candidate side: the page and the endpoints it measures against.

Everything lives under the candidate's private status link. The endpoints are rate-limited per
link and per address, and the test bytes one link may move in an hour are capped, so they
cannot be used to pull or push unbounded data.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from callhire.base import ratelimit
from callhire.base import techcheck as service
from callhire.base.i18n import content_language
from callhire.base.models import Application, TechCheck

SAVE_MAX_BYTES = 64 * 1024


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store, no-transform"
    response["Referrer-Policy"] = "same-origin"  # the URL is the candidate's key
    return response


def _error(message: str, status: int, code: str = "") -> HttpResponse:
    return _no_store(JsonResponse({"error": code or str(status), "message": message}, status=status))


def _allowed(request: HttpRequest, token: str) -> bool:
    """Count a request against the link's and the address's limits."""
    limit, window = settings.CALLHIRE_TECHCHECK_RATE
    ip_limit, ip_window = settings.CALLHIRE_TECHCHECK_IP_RATE
    return ratelimit.allow("techcheck", token, limit, window) and ratelimit.allow(
        "techcheck-ip", ratelimit.client_ip(request), ip_limit, ip_window
    )


def _bytes_allowed(token: str, nbytes: int) -> bool:
    return ratelimit.allow("techcheck-bytes", token, settings.CALLHIRE_TECHCHECK_BYTES_PER_HOUR, 3600, cost=nbytes)


def _too_many() -> HttpResponse:
    return _error(_("Too many tests in a short time. Please wait a few minutes and try again."), 429, "rate")


def measuring(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Rate-limit a measuring endpoint and hand it the run, which must be in progress under this link."""

    def wrapper(request: HttpRequest, token: str, run: int) -> HttpResponse:
        if not _allowed(request, token):
            return _too_many()
        found = service.open_run(token, run)
        if found is None:
            return _error(_("This test run has ended. Please start the check again."), 404, "run")
        return view(request, token, found)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _application(token: str) -> Application:
    application = get_object_or_404(Application.objects.select_related("posting__employer"), token=token)
    if not service.techcheck_wanted(application.posting):
        raise Http404
    return application


def page(request: HttpRequest, token: str) -> HttpResponse:
    application = _application(token)
    if application.stage == Application.Stage.WITHDRAWN:
        return redirect("presale:status", token=token)
    lang = content_language()
    latest = service.latest_run(application)
    version = application.profile_version or application.posting.current_version()
    platform = service.platform_of(request.headers.get("User-Agent", ""))
    context = {
        "application": application,
        "posting": application.posting,
        "latest": latest,
        "cards": service.result_cards(latest, lang) if latest else [],
        "runs": application.techchecks.order_by("-created")[:10],
        "platform": platform,
        "thresholds": service.thresholds_for(version.profile() if version else None),
        "limits": {
            "max_download": service.MAX_DOWNLOAD_BYTES,
            "max_upload": service.MAX_UPLOAD_BYTES,
            "ping_timeout": service.PING_TIMEOUT_MS,
            "pings": 40,
        },
        "start_url": reverse("presale:techcheck_start", args=[token]),
    }
    return _no_store(render(request, "presale/techcheck/page.html", context))


@require_POST
def start(request: HttpRequest, token: str) -> HttpResponse:
    """Start a run; answer with the URLs the page measures against."""
    if not _allowed(request, token):
        return _too_many()
    application = _application(token)
    if application.stage == Application.Stage.WITHDRAWN:
        return _error(_("You have withdrawn this application."), 410, "withdrawn")
    run = service.run_start(application, request.headers.get("User-Agent", ""))
    urls = {name: reverse(f"presale:techcheck_{name}", args=[token, run.pk]) for name in ("down", "up", "ping", "save")}
    return _no_store(JsonResponse({"run": run.pk, "urls": urls}, status=201))


@require_GET
@measuring
def down(request: HttpRequest, token: str, run: TechCheck) -> HttpResponse:
    """Send `bytes` random bytes (at most MAX_DOWNLOAD_BYTES), never cached or compressed."""
    try:
        size = int(request.GET.get("bytes", ""))
    except ValueError:
        return _error(_("Say how many bytes to send."), 400, "size")
    if not 1 <= size <= service.MAX_DOWNLOAD_BYTES:
        return _error(_("Ask for at most %(max)s bytes.") % {"max": service.MAX_DOWNLOAD_BYTES}, 400, "size")
    if not _bytes_allowed(token, size):
        return _too_many()
    response = StreamingHttpResponse(service.download_stream(run.pk, size), content_type="application/octet-stream")
    response["Content-Length"] = str(size)
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Accel-Buffering"] = "no"  # nginx: pass it on as it is sent, so the timing is real
    return _no_store(response)


@require_POST
@measuring
def up(request: HttpRequest, token: str, run: TechCheck) -> HttpResponse:
    """Read and discard an upload of at most MAX_UPLOAD_BYTES; answer with what was received."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return _error(_("Send the length of the upload."), 411, "length")
    if length > service.MAX_UPLOAD_BYTES:
        # Refused before reading: a body over the cap is never read into the server.
        return _error(_("Send at most %(max)s bytes.") % {"max": service.MAX_UPLOAD_BYTES}, 413, "size")
    if length < 1:
        return _error(_("Send the length of the upload."), 411, "length")
    if not _bytes_allowed(token, length):
        return _too_many()
    received, started = 0, None
    while received < length:
        chunk = request.read(min(service.CHUNK, length - received))
        if not chunk:
            break
        if started is None:
            started = time.perf_counter()
        received += len(chunk)
    seconds = time.perf_counter() - started if started is not None else 0.0
    service.upload_record(run.pk, received, seconds)
    if received < length:
        return _error(_("The upload was cut short."), 400, "short")
    return _no_store(JsonResponse({"received": received}))


@require_GET
def ping(request: HttpRequest, token: str, run: int) -> HttpResponse:
    """Answer at once, empty, so the page can time the round trip."""
    if not _allowed(request, token):
        return _too_many()
    if not service.ping_record(token, run):
        return _error(_("This test run has ended. Please start the check again."), 404, "run")
    return _no_store(HttpResponse(status=204))


@require_POST
@measuring
def save(request: HttpRequest, token: str, run: TechCheck) -> HttpResponse:
    """Save what the page measured; answer with the result cards, rendered."""
    if int(request.META.get("CONTENT_LENGTH") or 0) > SAVE_MAX_BYTES:
        return _error(_("The results could not be read. Please run the check again."), 413, "size")
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return _error(_("The results could not be read. Please run the check again."), 400, "malformed")
    try:
        saved = service.techcheck_save(run, data)
    except service.RunRejected as rejection:
        return _error(str(rejection), 400, rejection.code)
    cards = service.result_cards(saved, content_language())
    html = render_to_string("presale/techcheck/_cards.html", {"cards": cards, "run": saved}, request=request)
    return _no_store(JsonResponse({"passed": saved.all_passed(), "html": html}))
