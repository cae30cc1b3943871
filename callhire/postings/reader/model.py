"""Data types of the posting reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class ReaderError(Exception):
    """A posting could not be read; ``message_en`` says why, in English."""

    def __init__(self, message_en: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en


@dataclass(frozen=True)
class Evidence:
    """The sentence (or line) a value was read from; ``text[start:end] == sentence``."""

    sentence: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end}


@dataclass
class Item:
    """One requirement (or fact about the job) proposed for the profile."""

    key: str
    value: Any
    level: str  # "required" | "preferred"
    evidence: Evidence


@dataclass(frozen=True)
class Flag:
    """Something the recruiter should look at; the reader does not guess."""

    code: str
    message_en: str
    message_ms: str
    evidence: Evidence | None = None


@dataclass
class Extraction:
    """What the reader found in one posting."""

    language: str
    items: list[Item] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    title: str = ""

    def get(self, key: str) -> Item | None:
        for item in self.items:
            if item.key == key:
                return item
        return None

    def keys(self) -> list[str]:
        return [item.key for item in self.items]


# The keys of the labels format, in the order of postings-dev/README.md.
LABEL_KEYS = (
    "min_age",
    "education",
    "customer_service_experience_months",
    "call_center_experience_months",
    "sales_experience_months",
    "work_authorization",
    "background_check",
    "credit_check",
    "drug_test",
    "typing_wpm",
    "languages",
    "computer_skills",
    "licenses",
    "work_arrangement",
    "employment_type",
    "internet_download_mbps",
    "internet_upload_mbps",
    "wired_connection",
    "quiet_workspace",
    "onsite_attendance",
    "headset",
    "residency",
    "schedule_flexibility",
    "assessments",
    "pay",
)
