"""What the tech-check tests share: a home-agent application and a run's figures."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.cache import cache

from callhire.base import services, techcheck
from callhire.base.models import Application, Employer, Posting, TechCheck
from callhire.test import demo_document

CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)


def home_posting(employer: Employer) -> Posting:
    """Return an open posting with the home-contractor demo profile (10/3 Mbps, 120/20 ms, 2 %, Windows)."""
    posting = Posting.objects.create(employer=employer, title="Home Agent", status="open", arrangement="remote")
    services.profile_save(posting, demo_document("home-contractor.yaml"))
    return posting


def home_application(posting: Posting, email: str = "hana@example.com", **facts: Any) -> Application:
    application, _ = services.application_submit(
        posting,
        name="Hana Aziz",
        email=email,
        facts={"wired_connection": True, "internet_download_mbps": 50, **facts},
        consent_version="1",
        submission_key=uuid.uuid4(),
    )
    return application


def served(
    run: TechCheck, down: int = 8_000_000, down_s: float = 1.0, up: int = 2_000_000, up_s: float = 1.0, pings: int = 50
) -> TechCheck:
    """Record on a run what the server would have served for it."""
    TechCheck.objects.filter(pk=run.pk).update(
        served_down_bytes=down,
        served_down_seconds=down_s,
        received_up_bytes=up,
        received_up_seconds=up_s,
    )
    cache.set(techcheck.ping_key(run.pk), pings)
    run.refresh_from_db()
    return run


def figures(**extra: Any) -> dict[str, Any]:
    """Return a run's figures as the page sends them: 32 Mbps down, 8 Mbps up, 40 ms, no loss."""
    data: dict[str, Any] = {
        "download": [{"bytes": 4_000_000, "ms": 1000}, {"bytes": 4_000_000, "ms": 1000}],
        "upload": [{"bytes": 1_000_000, "ms": 1000}, {"bytes": 1_000_000, "ms": 1000}],
        "pings": {"sent": 40, "rtts": [40.0, 42.0] * 20},
        "mic": {"level": 0.4},
        "echo_db": 3.0,
        "wired": True,
        "quiet": True,
    }
    data.update(extra)
    return data
