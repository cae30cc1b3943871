"""The home-office tech check: measure a candidate's connection, computer and headset against the profile.

The candidate's browser downloads and uploads test payloads from callhire itself and pings it
many times; the server counts what it served for each run, works out the figures from the raw
timings the browser sends, refuses figures it could not have produced, and turns the latest
complete run into measured facts before screening the application again.
"""

from __future__ import annotations

import math
import os
import random
import re
import statistics
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from callhire.base.models import Application, Posting, TechCheck
from callhire.base.signals import techcheck_completed
from callhire.screening import catalog, vocab
from callhire.screening.profile import Profile

# The requirements a run measures or asks, in the order the result cards show them.
NETWORK_KEYS = (
    "internet_download_mbps",
    "internet_upload_mbps",
    "internet_latency_ms",
    "internet_jitter_ms",
    "internet_packet_loss_pct",
)
ATTESTED_KEYS = ("wired_connection", "quiet_workspace")
TECHCHECK_KEYS = NETWORK_KEYS + ATTESTED_KEYS + ("computer_os", "headset")
ORIGIN = "techcheck"  # what fact_origins records for the facts a run sets

MAX_DOWNLOAD_BYTES = 25 * 1024 * 1024  # per request
MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # per request
CHUNK = 64 * 1024
MAX_TRANSFERS = 20  # per direction in one run
MIN_PINGS, MAX_PINGS = 10, 100
PING_TIMEOUT_MS = 2000  # the page gives up on a probe after this long and counts it lost
RUN_MAX_AGE = timedelta(minutes=30)
# The browser's clock runs from the request to the last byte, so its transfer can never be
# quicker than the server's own sending or reading of it; the margin allows for timer noise.
SPEED_MARGIN = 1.5
SPEED_SLACK_MBPS = 1.0
# How loudly the microphone may hear the test tone (dB above the room) before speakers are likely.
ECHO_SPEAKER_DB = 15.0
MIC_MIN_LEVEL = 0.02  # peak level (0-1) a working microphone reaches while the candidate speaks


class RunRejected(ValueError):
    """Figures a run cannot have produced, or a run that may no longer be saved."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


# Which postings use it ----------------------------------------------------------------------


def techcheck_wanted(posting: Posting, profile: Profile | None = None) -> bool:
    """Say whether a posting's candidates take the tech check: a home requirement asks it, or the recruiter."""
    if (posting.assessment_config or {}).get("techcheck"):
        return True
    if profile is None:
        version = posting.current_version()
        if version is None:
            return False
        profile = version.profile()
    return any(profile.rule(key) is not None for key in TECHCHECK_KEYS)


def thresholds_for(profile: Profile | None) -> dict[str, Any]:
    """Return the threshold each check is held to: the profile's own, else the catalog's default."""
    found: dict[str, Any] = {}
    for key in NETWORK_KEYS:
        rule = profile.rule(key) if profile else None
        found[key] = rule.value if rule is not None else catalog.CATALOG[key].default_value
    for key in ATTESTED_KEYS:
        found[key] = True
    os_rule = profile.rule("computer_os") if profile else None
    if os_rule is not None:
        found["computer_os"] = list(os_rule.value)
    headset = profile.rule("headset") if profile else None
    if headset is None or headset.value != "provided":
        found["headset"] = True  # an employer-provided headset is not the candidate's to check
    found["microphone"] = True
    return found


# Payloads and server-side accounting ---------------------------------------------------------

_pool: bytes = b""
_pool_lock = threading.Lock()
POOL_BYTES = 4 * 1024 * 1024


def _random_pool() -> bytes:
    # Made once per process: fresh random bytes for every request would cost more CPU than the
    # transfer itself. A payload walks through it from a random start, so nothing repeats within
    # 4 MB, beyond the window of the compressors HTTP uses (deflate 32 kB, brotli as proxies run
    # it): it stays incompressible.
    global _pool
    with _pool_lock:
        if not _pool:
            _pool = os.urandom(POOL_BYTES)
    return _pool


def payload(size: int) -> Iterator[bytes]:
    """Yield `size` random, incompressible bytes in chunks."""
    pool = _random_pool()
    # Consecutive, not random, offsets: two random chunks could overlap within the window.
    start = random.randrange(POOL_BYTES)
    left = size
    while left > 0:
        n = min(CHUNK, left, POOL_BYTES - start)
        yield pool[start : start + n]
        start = (start + n) % POOL_BYTES
        left -= n


def download_stream(run_id: int, size: int) -> Iterator[bytes]:
    """Yield the download payload, then record how many bytes went out and how long sending took."""
    sent = 0
    started = None
    try:
        for chunk in payload(size):
            if started is None:
                started = time.perf_counter()
            yield chunk  # returns once the server has handed the chunk to the network
            sent += len(chunk)
    finally:
        seconds = time.perf_counter() - started if started is not None else 0.0
        TechCheck.objects.filter(pk=run_id).update(
            served_down_bytes=F("served_down_bytes") + sent,
            served_down_seconds=F("served_down_seconds") + seconds,
        )


def upload_record(run_id: int, received: int, seconds: float) -> None:
    TechCheck.objects.filter(pk=run_id).update(
        received_up_bytes=F("received_up_bytes") + received,
        received_up_seconds=F("received_up_seconds") + seconds,
    )


def ping_key(run_id: int) -> str:
    return f"callhire:techcheck:pings:{run_id}"


def ping_record(token: str, run_id: int) -> bool:
    """Count one answered ping for a run in progress; say whether the run exists.

    The count lives in the cache, not the database: a write (and its commit) on every ping
    would add the database's latency to the latency the candidate measures.
    """
    if open_run(token, run_id) is None:
        return False
    key = ping_key(run_id)
    if not cache.add(key, 1, int(RUN_MAX_AGE.total_seconds()) + 60):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, int(RUN_MAX_AGE.total_seconds()) + 60)
    return True


def pings_answered(run: TechCheck) -> int | None:
    """Return how many pings the server answered for a run, or None when the cache has lost count."""
    count = cache.get(ping_key(run.pk))
    return None if count is None else int(count)


def open_run(token: str, run_id: int) -> TechCheck | None:
    """Return the run in progress with this id under this token, or None."""
    return (
        TechCheck.objects.filter(
            pk=run_id, application__token=token, state=TechCheck.State.STARTED, created__gt=timezone.now() - RUN_MAX_AGE
        )
        .only("pk")
        .first()
    )


# Browser and operating system ----------------------------------------------------------------

_BROWSERS = (
    (re.compile(r"Edg(?:e|A|iOS)?/(\d+)"), "Edge"),
    (re.compile(r"OPR/(\d+)"), "Opera"),
    (re.compile(r"SamsungBrowser/(\d+)"), "Samsung Internet"),
    (re.compile(r"Firefox/(\d+)"), "Firefox"),
    (re.compile(r"FxiOS/(\d+)"), "Firefox"),
    (re.compile(r"CriOS/(\d+)"), "Chrome"),
    (re.compile(r"(?:Chrome|Chromium)/(\d+)"), "Chrome"),
    (re.compile(r"Version/(\d+)[.\d]* (?:Mobile/\S+ )?Safari/"), "Safari"),
)


@dataclass(frozen=True)
class Platform:
    """What a user agent says about the browser and computer."""

    browser: str
    os: str  # a code of vocab.OPERATING_SYSTEMS, or "" for phones and anything else
    os_name: str
    mobile: bool


def platform_of(user_agent: str) -> Platform:
    """Read the browser, operating system and whether it is a phone or tablet from a user agent."""
    ua = user_agent or ""
    browser = ""
    for pattern, name in _BROWSERS:
        m = pattern.search(ua)
        if m:
            browser = f"{name} {m.group(1)}"
            break
    if "Android" in ua:
        os_code, os_name, mobile = "", "Android", True
    elif re.search(r"iPhone|iPad|iPod", ua):
        os_code, os_name, mobile = "", "iOS", True
    elif "CrOS" in ua:
        os_code, os_name, mobile = "chromeos", "ChromeOS", False
    elif "Windows" in ua:
        os_code, os_name, mobile = "windows", "Windows", False
    elif "Mac OS X" in ua or "Macintosh" in ua:
        os_code, os_name, mobile = "macos", "macOS", False
    elif "Linux" in ua or "X11" in ua:
        os_code, os_name, mobile = "linux", "Linux", False
    else:
        os_code, os_name, mobile = "", "", "Mobi" in ua
    return Platform(browser, os_code, os_name, mobile or "Mobi" in ua)


# Starting and saving a run ---------------------------------------------------------------------


def run_start(application: Application, user_agent: str) -> TechCheck:
    """Start a run for an application: the server counts what it serves under the run's id."""
    platform = platform_of(user_agent)
    run = TechCheck.objects.create(
        application=application,
        user_agent=user_agent[:500],
        browser=platform.browser,
        os=platform.os,
        os_name=platform.os_name,
        mobile=platform.mobile,
    )
    cache.delete(ping_key(run.pk))  # SQLite may reuse the id of a deleted run
    return run


def _number(value: Any, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise RunRejected("malformed", _("The results could not be read. Please run the check again."))
    if not lo <= value <= hi:
        raise RunRejected("malformed", _("The results could not be read. Please run the check again."))
    return float(value)


def _transfers(data: Any, cap: int) -> tuple[int, float]:
    """Return (bytes, seconds) summed over a list of {"bytes": n, "ms": t} the browser timed."""
    if not isinstance(data, list) or not 1 <= len(data) <= MAX_TRANSFERS:
        raise RunRejected("malformed", _("The results could not be read. Please run the check again."))
    total_bytes, total_ms = 0, 0.0
    for item in data:
        if not isinstance(item, dict):
            raise RunRejected("malformed", _("The results could not be read. Please run the check again."))
        total_bytes += int(_number(item.get("bytes"), 1, cap))
        total_ms += _number(item.get("ms"), 0.1, 120_000)
    return total_bytes, total_ms / 1000


def _mbps(nbytes: float, seconds: float) -> float:
    return nbytes * 8 / seconds / 1_000_000 if seconds > 0 else math.inf


def _check_possible(claimed_bytes: int, seconds: float, seen_bytes: int, seen_seconds: float, message: str) -> float:
    """Return the browser's speed, or refuse it when the server did not move that much that fast."""
    if claimed_bytes > seen_bytes:
        raise RunRejected("impossible", message)
    speed = _mbps(claimed_bytes, seconds)
    if seen_seconds > 0 and speed > _mbps(seen_bytes, seen_seconds) * SPEED_MARGIN + SPEED_SLACK_MBPS:
        raise RunRejected("impossible", message)
    return speed


def jitter_of(rtts: list[float]) -> float:
    """Return the mean absolute difference of consecutive round-trip times (RFC 3550's D)."""
    if len(rtts) < 2:
        return 0.0
    return sum(abs(b - a) for a, b in zip(rtts, rtts[1:], strict=False)) / (len(rtts) - 1)


def _measure(run: TechCheck, data: dict[str, Any]) -> None:
    """Fill a run's measurements from what the browser sent; raise RunRejected for impossible figures."""
    impossible = _("The measurements did not match what our server saw. Please run the check again.")
    down_bytes, down_seconds = _transfers(data.get("download"), MAX_DOWNLOAD_BYTES)
    up_bytes, up_seconds = _transfers(data.get("upload"), MAX_UPLOAD_BYTES)
    down = _check_possible(down_bytes, down_seconds, run.served_down_bytes, run.served_down_seconds, impossible)
    up = _check_possible(up_bytes, up_seconds, run.received_up_bytes, run.received_up_seconds, impossible)

    pings = data.get("pings")
    if not isinstance(pings, dict) or not isinstance(pings.get("rtts"), list):
        raise RunRejected("malformed", _("The results could not be read. Please run the check again."))
    sent = int(_number(pings.get("sent"), MIN_PINGS, MAX_PINGS))
    rtts = [_number(r, 0, PING_TIMEOUT_MS) for r in pings["rtts"]]
    lost = sent - len(rtts)
    if lost < 0:
        raise RunRejected("malformed", _("The results could not be read. Please run the check again."))
    answered = pings_answered(run)
    if answered is not None:
        run.pings_answered = answered
    if answered is not None and len(rtts) > answered:
        raise RunRejected("impossible", impossible)  # more answers than the server gave
    if not rtts:
        raise RunRejected(
            "offline", _("None of the test messages reached our server. Check your connection and try again.")
        )
    run.download_mbps, run.upload_mbps = round(down, 1), round(up, 1)
    run.latency_ms = round(statistics.median(rtts), 1)
    run.jitter_ms = round(jitter_of(rtts), 1)
    run.pings_sent, run.pings_lost = sent, lost
    run.packet_loss_pct = round(100 * lost / sent, 1)

    mic = data.get("mic") if isinstance(data.get("mic"), dict) else {}
    level = mic.get("level")
    run.mic_level = round(_number(level, 0, 1), 3) if level is not None else None
    run.mic_ok = run.mic_level is not None and run.mic_level >= MIC_MIN_LEVEL
    echo = data.get("echo_db")
    run.echo_db = round(_number(echo, -200, 200), 1) if echo is not None else None
    run.headset_likely = None if run.echo_db is None else run.echo_db < ECHO_SPEAKER_DB
    run.wired_attested = data.get("wired") is True
    run.quiet_attested = data.get("quiet") is True


def _passes(run: TechCheck, thresholds: dict[str, Any]) -> dict[str, bool]:
    facts = run_facts(run)
    passed: dict[str, bool] = {}
    for key in NETWORK_KEYS:
        value = facts[key]
        limit = thresholds[key]
        passed[key] = value >= limit if catalog.CATALOG[key].compare == "at_least" else value <= limit
    passed["wired_connection"] = run.wired_attested
    passed["quiet_workspace"] = run.quiet_attested
    if "computer_os" in thresholds:
        passed["computer_os"] = run.os in thresholds["computer_os"]
    passed["microphone"] = bool(run.mic_ok)
    if "headset" in thresholds:
        passed["headset"] = bool(run.headset_likely)
    return passed


def run_facts(run: TechCheck) -> dict[str, Any]:
    """Return the network facts of a complete run, rounded the way the catalog states them."""
    return {
        "internet_download_mbps": run.download_mbps,
        "internet_upload_mbps": run.upload_mbps,
        "internet_latency_ms": round(run.latency_ms or 0),
        "internet_jitter_ms": round(run.jitter_ms or 0),
        "internet_packet_loss_pct": run.packet_loss_pct,
    }


def techcheck_save(run: TechCheck, data: Any) -> TechCheck:
    """Complete a run from the figures the browser measured, set the facts and screen again.

    A run saved twice (a double click, a retry) returns as it was saved. Raises RunRejected,
    saving the run as rejected with its reason, when the figures cannot be true.
    """
    rejection = None
    with transaction.atomic():
        run = TechCheck.objects.select_for_update().select_related("application__posting").get(pk=run.pk)
        if run.state == TechCheck.State.COMPLETE:
            return run
        if run.state == TechCheck.State.REJECTED:
            raise RunRejected("closed", _("This run has ended. Please run the check again."))
        try:
            if timezone.now() - run.created > RUN_MAX_AGE:
                raise RunRejected("expired", _("This run took too long. Please run the check again."))
            if not isinstance(data, dict):
                raise RunRejected("malformed", _("The results could not be read. Please run the check again."))
            _measure(run, data)
        except RunRejected as caught:
            # Kept with its reason (and none of its figures), so a recruiter sees what was refused.
            rejection = caught
            run.state, run.reason, run.finished_at = TechCheck.State.REJECTED, caught.code, timezone.now()
            run.save(update_fields=["state", "reason", "finished_at"])
        else:
            application = run.application
            version = application.profile_version or application.posting.current_version()
            run.thresholds = thresholds_for(version.profile() if version else None)
            run.passed = _passes(run, run.thresholds)
            run.state, run.finished_at = TechCheck.State.COMPLETE, timezone.now()
            run.save()
            facts_update(application)  # in the same transaction: a run never counts without its facts
    if rejection is not None:
        raise rejection
    techcheck_completed.send(sender=TechCheck, techcheck=run)
    return run


def latest_run(application: Application) -> TechCheck | None:
    """Return the run that counts: the latest complete one made on a computer."""
    return (
        application.techchecks.filter(state=TechCheck.State.COMPLETE, mobile=False)
        .order_by("-finished_at", "-pk")
        .first()
    )


def facts_update(application: Application) -> Application:
    """Set the facts the latest run measured (they win over declared ones), then screen again."""
    from callhire.base import assessing

    run = latest_run(application)
    if run is None:
        return application
    facts = dict(application.facts)
    sources = dict(application.fact_sources)
    origins = dict(application.fact_origins)

    def record(fact: str, value: Any, source: str) -> None:
        facts[fact], sources[fact], origins[fact] = value, source, ORIGIN

    for fact, value in run_facts(run).items():
        record(fact, value, "measured")
    if run.os:
        record("computer_os", run.os, "measured")
    # The candidate says these; the check only asks them at the computer they will work on.
    record("wired_connection", run.wired_attested, "declared")
    record("quiet_workspace", run.quiet_attested, "declared")
    if run.headset_likely:
        # Only a headset heard is a fact: a tone heard on speakers may mean the headset was unplugged.
        record("has_headset", True, "measured")
    application.facts, application.fact_sources, application.fact_origins = facts, sources, origins
    application.save(update_fields=["facts", "fact_sources", "fact_origins"])
    # The assessments' path keeps these facts, sets its own and screens the application again.
    return assessing.facts_update(application)


# Result cards ----------------------------------------------------------------------------------


def result_cards(run: TechCheck, lang: str) -> list[dict[str, Any]]:
    """Return one card per check of a complete run: label, threshold, value, passed and what to fix."""
    cards = []
    facts = run_facts(run)
    thresholds = run.thresholds or {}
    for key in (*NETWORK_KEYS, *ATTESTED_KEYS, "computer_os", "microphone", "headset"):
        if key not in run.passed:
            continue
        passed = bool(run.passed[key])
        card: dict[str, Any] = {"key": key, "passed": passed}
        if key in catalog.CATALOG:
            req = catalog.CATALOG[key]
            card["label"] = req.label_in(lang)
        if key in NETWORK_KEYS:
            req = catalog.CATALOG[key]
            assert req.unit is not None
            limit = req.unit.format(thresholds[key], lang)
            card["value"] = req.unit.format(facts[key], lang)
            card["threshold"] = (_("at least %(limit)s") if req.compare == "at_least" else _("at most %(limit)s")) % {
                "limit": limit
            }
        elif key in ATTESTED_KEYS:
            card["value"] = _("yes") if passed else _("no")
        elif key == "computer_os":
            names = [vocab.name_of(vocab.OPERATING_SYSTEMS, c, lang) for c in thresholds.get(key, [])]
            card["value"] = run.os_name or _("not recognised")
            card["threshold"] = ", ".join(names)
        elif key == "microphone":
            card["label"] = _("Microphone")
            card["value"] = _("heard you") if passed else _("did not hear you")
        else:
            card["value"] = (
                _("no echo: likely a headset")
                if run.headset_likely
                else _("not tested")
                if run.headset_likely is None
                else _("tone heard loudly: likely speakers")
            )
        card["advice"] = "" if passed else _advice(key, run, thresholds, lang)
        cards.append(card)
    return cards


def _advice(key: str, run: TechCheck, thresholds: dict[str, Any], lang: str) -> str:
    if key == "internet_download_mbps":
        return _(
            "Stop other downloads, streaming and video calls on your network, plug in a cable instead of "
            "Wi-Fi, and run the check again. If it stays low, ask your internet provider about a faster plan."
        )
    if key == "internet_upload_mbps":
        return _(
            "Pause cloud backups and photo or file uploads, plug in a cable, and run the check again. "
            "Upload speed depends on your internet plan: your provider can tell you yours."
        )
    if key == "internet_latency_ms":
        return _(
            "Plug in a cable instead of Wi-Fi, stop other downloads and restart your router. "
            "Satellite and mobile connections are often too slow to answer for calls."
        )
    if key == "internet_jitter_ms":
        return _(
            "Uneven timing usually comes from Wi-Fi or a busy connection: plug in a cable and stop "
            "streaming or downloads on your network while you work."
        )
    if key == "internet_packet_loss_pct":
        return _(
            "Lost messages usually come from a weak Wi-Fi signal or a faulty cable or router: plug in a "
            "cable, restart your router and run the check again."
        )
    if key == "wired_connection":
        return _(
            "Connect your computer to your router with an Ethernet cable. Wi-Fi, satellite and mobile "
            "connections drop calls."
        )
    if key == "quiet_workspace":
        return _("Find a quiet room where you can close the door and will not be interrupted while you work.")
    if key == "computer_os":
        names = [vocab.name_of(vocab.OPERATING_SYSTEMS, c, lang) for c in thresholds.get("computer_os", [])]
        return _("This job needs a computer running %(systems)s. Run the check on that computer.") % {
            "systems": ", ".join(names)
        }
    if key == "microphone":
        return _(
            "We could not hear your microphone. Check that it is plugged in and not muted, and that your "
            "browser may use it (the icon in the address bar), then run the check again."
        )
    if run.headset_likely is None:
        return _(
            "The headset test needs your microphone. Allow the browser to use it, put on your headset "
            "and run the check again."
        )
    return _(
        "The microphone heard the test sound loudly, so you are probably using speakers. Use a headset "
        "with a microphone, so that customers do not hear themselves echo."
    )
