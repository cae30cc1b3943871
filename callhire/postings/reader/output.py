"""Turning an extraction into the labels line format and into a callhire job profile."""

from __future__ import annotations

from typing import Any

from callhire.postings.reader.model import LABEL_KEYS, Extraction
from callhire.postings.reader.rules import rules
from callhire.screening.catalog import CATALOG

PROFILE_JOB_KEYS = ("work_arrangement", "employment_type", "hours", "pay", "schedule_flexibility")
PROFILE_REQUIREMENT_KEYS = tuple(k for k in LABEL_KEYS if k not in PROFILE_JOB_KEYS) + (
    "typing_accuracy",
    "internet_latency_ms",
    "equipment",
    "industry_knowledge",
    "math",
    "writing",
    "college",
)


def _clean(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def to_labels(extraction: Extraction, posting_id: str) -> dict[str, Any]:
    """The extraction as one labels.jsonl object (see postings-dev/README.md)."""
    out: dict[str, Any] = {"id": posting_id, "language": extraction.language}
    items = {it.key: it for it in extraction.items}
    for key in LABEL_KEYS:
        item = items.get(key)
        if item is None or item.value is None:
            continue
        if key == "pay":
            out[key] = {k: _clean(item.value[k]) for k in ("min", "max", "currency", "period") if k in item.value}
        else:
            out[key] = {"value": _clean(item.value), "level": item.level}
    return out


def to_profile(extraction: Extraction, title: str = "") -> dict[str, Any]:
    """Return the extraction as a valid callhire job profile document (schema callhire/profile-1).

    A requirement the posting names without a number (for example "customer service experience")
    gets the catalog's default threshold; `assumed_values` says which, so a recruiter checks them.
    """
    items = {it.key: it for it in extraction.items}
    job: dict[str, Any] = {}
    for key in ("work_arrangement", "employment_type", "hours"):
        if key in items:
            job[key] = items[key].value
    if "pay" in items:
        job["pay"] = _clean(dict(items["pay"].value))
    if "schedule_flexibility" in items:
        note = str(items["schedule_flexibility"].value)[:500]
        schedule: dict[str, Any] = {"notes": note}
        r = rules()
        if r.weekends.search(note):
            schedule["weekends"] = True
        if r.nights.search(note):
            schedule["nights"] = True
        job["schedule"] = schedule
    requirements: dict[str, Any] = {}
    for key in PROFILE_REQUIREMENT_KEYS:
        item = items.get(key)
        if item is None:
            continue
        value = item.value if item.value is not None else CATALOG[key].default_value
        entry: dict[str, Any] = {"level": item.level, "value": _clean(value)}
        if item.level == "preferred":
            entry["weight"] = 1
        requirements[key] = entry
    return {
        "schema": "callhire/profile-1",
        "title": (title or extraction.title or "Contact-center agent")[:200],
        "language": extraction.language if extraction.language in ("en", "ms") else "en",
        "job": job,
        "requirements": requirements,
    }


def assumed_values(extraction: Extraction) -> list[str]:
    """Return the requirement keys found without a number, whose threshold to_profile assumed."""
    return [it.key for it in extraction.items if it.value is None and it.key in PROFILE_REQUIREMENT_KEYS]


def to_proposal(extraction: Extraction, title: str = "") -> dict[str, Any]:
    """Return the profile with the evidence of every item and the reader's flags beside it."""
    return {
        "profile": to_profile(extraction, title),
        "evidence": {it.key: it.evidence.as_dict() for it in extraction.items},
        "assumed": assumed_values(extraction),
        "flags": [
            {
                "code": f.code,
                "message_en": f.message_en,
                "message_ms": f.message_ms,
                "evidence": f.evidence.as_dict() if f.evidence else None,
            }
            for f in extraction.flags
        ],
    }
