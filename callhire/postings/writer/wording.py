"""What a language module provides. Each language is one module with these names (see lang_en)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from callhire.postings.writer.model import Line
from callhire.screening.profile import Profile, Rule

# Headings the builder asks for; "employer" is given the employer's name.
HEADINGS = (
    "employer",
    "summary",
    "duties",
    "basic",
    "additional",
    "home",
    "preferred",
    "pay",
    "schedule",
    "provided",
    "selection",
    "apply",
)

# Duties the builder may ask for, in the order they are listed.
DUTIES = ("calls", "channels", "resolve", "sales", "health", "insurance", "languages", "records", "targets")


class Wording(Protocol):
    """The functions of one language module."""

    CODE: str

    def heading(self, key: str, employer: str, contractor: bool) -> str: ...

    def tags(self, job: Mapping[str, Any]) -> list[str]: ...

    def summary(self, employer: str, job: Mapping[str, Any], location: str) -> str: ...

    def no_experience(self) -> str: ...

    def duty(self, key: str, codes: Sequence[str]) -> str: ...

    def requirement(self, rule: Rule, profile: Profile) -> str: ...

    def internet(self, download: float | None, upload: float | None) -> str: ...

    def preferred_intro(self) -> str: ...

    def provided(self, key: str) -> str: ...

    def pay(self, pay: Mapping[str, Any]) -> str: ...

    def schedule(self, job: Mapping[str, Any]) -> list[str]: ...

    def selection_intro(self) -> str: ...

    def assessment(self, code: str) -> str: ...

    def apply(self, url: str, email: str) -> list[Line]: ...
