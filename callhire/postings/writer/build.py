"""Build the `Document` of a job description from a profile and the employer's details.

Which sections appear and what goes in each is decided here, once for every language; the
words come from the language module (lang_en, lang_ms, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from callhire.postings.writer import lang_en, lang_ms
from callhire.postings.writer.model import Block, Document, Section, bullets, paragraph, section
from callhire.postings.writer.wording import Wording
from callhire.screening import vocab
from callhire.screening.profile import Profile, Rule

LANGUAGES: dict[str, Wording] = {"en": lang_en, "ms": lang_ms}

EXPERIENCE_KEYS = ("customer_service_experience_months", "call_center_experience_months", "sales_experience_months")
INTERNET_KEYS = ("internet_download_mbps", "internet_upload_mbps")
HOME_ARRANGEMENTS = ("remote", "hybrid")
# Requirements measured by an assessment: asking one means the candidate takes that assessment.
IMPLIED_ASSESSMENTS = {
    "speaking_score": "voice",
    "service_judgement": "skills",
    "typing_wpm": "typing",
    "typing_accuracy": "typing",
    "math": "skills",
    "writing": "skills",
}
_BLANK_LINE = re.compile(r"\n\s*\n")
_OFFICE_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
LICENCE_DUTIES = {"rn": "health", "lpn": "health", "insurance_license": "insurance"}


@dataclass(frozen=True)
class Employer:
    """Who is hiring, and how to apply."""

    name: str
    about: str = ""
    location: str = ""
    apply_url: str = ""
    apply_email: str = ""


def build_document(profile: Profile, employer: Employer, lang: str) -> Document:
    words = LANGUAGES[lang]
    employer = _clean(employer)
    job = profile.job
    name = employer.name
    contractor = profile.engagement == "contractor"

    def head(key: str) -> str:
        return words.heading(key, name, contractor)

    lead = [paragraph(" · ".join(part for part in [name, employer.location, *words.tags(job)] if part))]

    sections: list[Section | None] = []
    about = [paragraph(text) for text in _BLANK_LINE.split(employer.about)]
    sections.append(section("employer", head("employer"), about))
    office = _OFFICE_NOTE.sub("", employer.location)  # "Phoenix, AZ (hybrid)": the office is in Phoenix, AZ
    sections.append(section("summary", head("summary"), [paragraph(words.summary(name, job, office))]))
    sections.append(
        section("duties", head("duties"), [bullets(words.duty(key, codes) for key, codes in _duties(profile))])
    )

    lists = _requirement_lists(profile, words)
    basic: list[Block | None] = [bullets(lists["basic"])]
    if _takes_beginners(profile):
        basic.append(paragraph(words.no_experience()))
    sections.append(section("basic", head("basic"), basic))
    sections.append(section("additional", head("additional"), [bullets(lists["additional"])]))
    sections.append(section("home", head("home"), [bullets(lists["home"])]))
    preferred = bullets(lists["preferred"])
    if preferred is not None:
        sections.append(section("preferred", head("preferred"), [paragraph(words.preferred_intro()), preferred]))

    if "pay" in job:
        sections.append(section("pay", head("pay"), [paragraph(words.pay(job["pay"]))]))
    sections.append(section("schedule", head("schedule"), [bullets(words.schedule(job))]))
    sections.append(section("provided", head("provided"), [bullets(lists["provided"])]))
    tests = bullets(words.assessment(code) for code in _assessments(profile))
    if tests is not None:
        sections.append(section("selection", head("selection"), [paragraph(words.selection_intro()), tests]))
    url, email = _safe_url(employer.apply_url), _safe_email(employer.apply_email)
    sections.append(section("apply", head("apply"), [paragraph(*line) for line in words.apply(url, email)]))

    return Document(
        lang=lang,
        title=profile.title,
        lead=tuple(block for block in lead if block is not None),
        sections=tuple(sec for sec in sections if sec is not None),
    )


def _clean(employer: Employer) -> Employer:
    """The employer's details as text: a field left empty by a form (None) is empty text."""
    fields = (employer.name, employer.about, employer.location, employer.apply_url, employer.apply_email)
    return Employer(*(str(value or "").strip() for value in fields))


def _duties(profile: Profile) -> list[tuple[str, list[str]]]:
    """The duties of the job, as (duty key, codes it needs) in the order they are listed."""
    skills = _values(profile.rule("computer_skills"))
    found: list[tuple[str, list[str]]] = [("calls", [])]
    channels = [code for code in ("chat", "email") if code in skills]
    if channels:
        found.append(("channels", channels))
    found.append(("resolve", []))
    if profile.rule("sales_experience_months") is not None:
        found.append(("sales", []))
    for duty in dict.fromkeys(LICENCE_DUTIES[v] for v in _values(profile.rule("licenses")) if v in LICENCE_DUTIES):
        found.append((duty, []))
    languages = profile.rule("languages")
    if languages is not None:
        found.append(("languages", list(dict.fromkeys([profile.language, *languages.value]))))
    found.append(("records", [code for code in skills if code == "crm"]))
    found.append(("targets", []))
    return found


def _values(rule: Rule | None) -> list[str]:
    if rule is None or not isinstance(rule.value, list):
        return []
    return [str(value).strip() for value in rule.value]


def _requirement_lists(profile: Profile, words: Wording) -> dict[str, list[str]]:
    """Requirement lines by where they are listed: basic, additional, home, preferred, provided."""
    lists: dict[str, list[str]] = {"basic": [], "additional": [], "home": [], "preferred": [], "provided": []}
    weighted: list[tuple[int, str]] = []
    home_job = profile.arrangement in HOME_ARRANGEMENTS
    internet = {key: profile.rule(key) for key in INTERNET_KEYS}
    down, up = internet["internet_download_mbps"], internet["internet_upload_mbps"]
    together = down is not None and up is not None and down.level == up.level
    for rule in profile.rules:
        if rule.key == "headset" and rule.value == "provided":
            lists["provided"].append(words.provided("headset"))
            continue
        if together and rule.key == "internet_upload_mbps":
            continue
        if together and rule.key == "internet_download_mbps":
            assert down is not None and up is not None
            text = words.internet(down.value, up.value)
        else:
            text = words.requirement(rule, profile)
        if not text:
            continue  # nothing to ask: a waived right to work, zero months, the assessments (listed apart)
        group = rule.requirement.group
        if rule.level == "preferred":
            weighted.append((rule.weight, text))
        elif group == "home" and home_job:
            lists["home"].append(text)
        elif group == "additional":
            lists["additional"].append(text)
        else:
            lists["basic"].append(text)
    weighted.sort(key=lambda pair: -pair[0])
    lists["preferred"] = [text for _, text in weighted]
    return lists


def _takes_beginners(profile: Profile) -> bool:
    """True when no kind of experience is required: people without experience may apply."""
    return not any(rule.key in EXPERIENCE_KEYS and rule.level == "required" and rule.value for rule in profile.rules)


def _assessments(profile: Profile) -> list[str]:
    """The assessments a candidate takes: those the profile names and those its measures need."""
    codes = set(_values(profile.rule("assessments")))
    codes.update(code for key, code in IMPLIED_ASSESSMENTS.items() if profile.rule(key) is not None)
    return [code for code in vocab.ASSESSMENTS if code in codes]


def _safe_url(url: str) -> str:
    """An http(s) address to link to, or "" (a javascript: or other address is never linked)."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return ""
    if "://" not in url and not url.startswith(("mailto:", "javascript:", "data:")):
        url = f"https://{url}"
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def _safe_email(email: str) -> str:
    email = email.strip()
    local, _, domain = email.partition("@")
    ok = local and "." in domain and not any(ch.isspace() or ch in "<>()[],;:\"'" for ch in email)
    return email if ok else ""
