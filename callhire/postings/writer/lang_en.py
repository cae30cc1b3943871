"""English wording of a job description."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from callhire.postings.writer.common import HOURS_UNIT, capital, code_words, duration, join, number, pay_range
from callhire.postings.writer.model import Line, Link
from callhire.screening import catalog, vocab
from callhire.screening.profile import Profile, Rule

CODE = "en"

_HEADINGS = {
    "summary": "About the job",
    "duties": "What you will do",
    "basic": "Basic requirements",
    "additional": "Additional skills",
    "home": "Working from home",
    "preferred": "Preferred",
    "pay": "Pay",
    "schedule": "Schedule",
    "provided": "What we provide",
    "selection": "Selection process",
    "apply": "How to apply",
}


def heading(key: str, employer: str, contractor: bool) -> str:
    if key == "employer":
        return f"About {employer}" if employer else "About us"
    return _HEADINGS[key]


def _name(table: dict[str, tuple[str, str]], code: str) -> str:
    return vocab.name_of(table, code, CODE)


def language(code: str) -> str:
    return _name(vocab.LANGUAGES, code)


# The job ---------------------------------------------------------------------------------------

_ARRANGEMENT_TAGS = {"onsite": "On site", "remote": "Remote (work from home)", "hybrid": "Hybrid (office and home)"}
_HOURS = {"full_time": "full-time", "part_time": "part-time"}


def tags(job: Mapping[str, Any]) -> list[str]:
    found = [_ARRANGEMENT_TAGS.get(str(job.get("work_arrangement", "onsite")), "")]
    if job.get("hours") in catalog.HOURS:
        found.append(capital(catalog.HOURS[job["hours"]][0]))
    if job.get("employment_type") == "contractor":
        found.append("Independent contractor")
    if job.get("fixed_term"):
        found.append("Fixed-term contract")
    return found


def summary(employer: str, job: Mapping[str, Any], location: str) -> str:
    who = f"{employer} is" if employer else "We are"
    hours = _HOURS.get(str(job.get("hours")), "")
    agents = f"{hours} contact-center agents" if hours else "contact-center agents"
    arrangement = job.get("work_arrangement", "onsite")
    place = f" in {location}" if location else ""
    if arrangement == "remote":
        where = "to work from home"
    elif arrangement == "hybrid":
        where = f"to work partly at our office{place} and partly from home"
    else:
        where = f"to work at our office{place}"
    sentences = [f"{who} hiring {agents} {where}."]
    if job.get("employment_type") == "contractor":
        sentences.append("This is an independent-contractor engagement, not an employee position.")
    if job.get("fixed_term"):
        sentences.append("This is a fixed-term contract.")
    return " ".join(sentences)


def no_experience() -> str:
    return "No previous experience? You are welcome to apply."


# Duties ---------------------------------------------------------------------------------------

_CHANNELS = {"chat": "chats", "email": "emails"}


def duty(key: str, codes: Sequence[str]) -> str:
    if key == "calls":
        return "Answer customer calls courteously and professionally"
    if key == "channels":
        return f"Reply to customer {join([_CHANNELS[c] for c in codes], 'and')}"
    if key == "resolve":
        return "Find out what each customer needs and resolve questions and complaints, escalating them when needed"
    if key == "sales":
        return "Offer products and services that fit the customer's needs"
    if key == "health":
        return "Give health advice within the scope of your nursing license, following clinical protocols"
    if key == "insurance":
        return "Explain insurance products and policies to customers"
    if key == "languages":
        return f"Serve customers in {join([language(c) for c in codes], 'and')}"
    if key == "records":
        system = "the CRM system" if "crm" in codes else "our systems"
        return f"Keep an accurate record of every contact in {system}"
    if key == "targets":
        return "Meet quality and service targets"
    raise KeyError(key)


# Requirements ---------------------------------------------------------------------------------

_EDUCATION = {
    "none": "No formal qualifications needed",
    "high_school": "At least a high-school diploma or GED",
    "some_college": "At least some college",
    "associate": "At least an associate degree or diploma",
    "bachelor": "At least a bachelor's degree",
    "master": "A master's degree",
}
_COLLEGE = {
    "none": "",
    "high_school": "A high-school diploma or GED",
    "some_college": "Some college education, or a degree",
    "associate": "An associate degree or diploma, or higher",
    "bachelor": "A bachelor's degree or higher",
    "master": "A master's degree",
}
_LICENCES = {
    "rn": "an active registered nurse (RN) license",
    "lpn": "an active licensed practical nurse (LPN) license",
    "insurance_license": "an insurance license",
}
_INDUSTRIES = {"it": "IT", "ecommerce": "e-commerce", "telecom": "telecommunications"}
_PAYERS = {"employer": "we pay for it", "candidate": "at your own cost"}
_HEADSETS = {"candidate_buys": "A headset, bought at your own cost", "required": "Your own headset"}


_THE = ("united ", "philippines", "netherlands", "bahamas", "czech republic", "dominican republic", "gambia", "uae")


def _place(name: str) -> str:
    """A place name as it reads after "in": the United States, the Philippines, Arizona."""
    name = name.strip()
    return f"the {name}" if name.lower().startswith(_THE) else name


def _paid(rule: Rule) -> str:
    payer = _PAYERS.get(str(rule.extras.get("paid_by", "")), "")
    return f" ({payer})" if payer else ""


def _months(what: str) -> Callable[[Rule, Profile], str]:
    def write(rule: Rule, profile: Profile) -> str:
        return f"At least {duration(int(rule.value), CODE)} of {what}" if rule.value else ""

    return write


def _licences(values: Sequence[str]) -> str:
    known = [_LICENCES[v] for v in values if v in _LICENCES]
    other = [f"{code_words(v)} (license or certification)" for v in values if v not in _LICENCES]
    return capital(join(known + other, "and"))


def _languages(rule: Rule, profile: Profile) -> str:
    codes = [profile.language] + [c for c in rule.value if c != profile.language]
    return f"Fluent in {join([language(c) for c in codes], 'and')}"


def _work_authorization(rule: Rule, profile: Profile) -> str:
    if rule.waived:
        return ""
    if profile.arrangement == "onsite":
        return "The legal right to work in this country"
    return "The legal right to work in the country where you live"


def _availability(rule: Rule, profile: Profile) -> str:
    value = rule.value
    when = [word for word, key in (("weekends", "weekends"), ("nights", "nights")) if value.get(key)]
    hours = value.get("hours_per_week")
    text = f"Available to work {join(when, 'and')}" if when else ""
    if hours:
        amount = HOURS_UNIT.format(hours, CODE)
        text = f"{text}, at least {amount} a week" if text else f"Available for at least {amount} a week"
    return text


def _onsite(rule: Rule, profile: Profile) -> str:
    place, times = str(rule.extras.get("place", "")).strip(), str(rule.extras.get("times", "")).strip()
    if place and times:
        return f"Able to attend in person at {place} ({times})"
    if place:
        return f"Able to attend in person at {place} when asked"
    if times:
        return f"Able to attend in person at a set place: {times}"
    return "Able to attend in person at a set place and time when asked"


_REQUIREMENTS: dict[str, Callable[[Rule, Profile], str]] = {
    "min_age": lambda r, p: f"At least {catalog.YEARS.format(r.value, CODE)} old",
    "education": lambda r, p: _EDUCATION.get(r.value, ""),
    "customer_service_experience_months": lambda r, p: (
        _months("customer-service experience")(r, p) + " (retail and other non-phone work count)" if r.value else ""
    ),
    "work_authorization": _work_authorization,
    "speaking_score": lambda r, p: (
        f"Clear, easily understood speech (a score of at least {number(r.value)} out of 100 on our voice test)"
    ),
    "service_judgement": lambda r, p: (
        f"Sound judgement with customers (a score of at least {number(r.value)} out of 100 on our "
        "customer-service judgement test)"
    ),
    "background_check": lambda r, p: f"Able to pass a criminal background check{_paid(r)}",
    "credit_check": lambda r, p: f"Able to pass a credit check{_paid(r)}",
    "assessments": lambda r, p: "",  # listed under the selection process
    "call_center_experience_months": _months("call-center experience"),
    "sales_experience_months": lambda r, p: (
        _months("sales experience")(r, p) + ", by phone or in person" if r.value else ""
    ),
    "computer_skills": lambda r, p: (
        f"Good computer skills, including {join([_name(vocab.COMPUTER_SKILLS, c) for c in r.value], 'and')}"
    ),
    "typing_wpm": lambda r, p: f"Typing speed of at least {catalog.WPM.format(r.value, CODE)}",
    "typing_accuracy": lambda r, p: f"Typing accuracy of at least {catalog.PERCENT.format(r.value, CODE)}",
    "languages": _languages,
    "math": lambda r, p: "Good math skills",
    "writing": lambda r, p: "Good writing skills",
    "licenses": lambda r, p: _licences(r.value),
    "industry_knowledge": lambda r, p: (
        f"Knowledge of or experience in {_INDUSTRIES.get(r.value.strip().lower(), r.value.strip())}"
    ),
    "college": lambda r, p: _COLLEGE.get(r.value, ""),
    "internet_download_mbps": lambda r, p: internet(r.value, None),
    "internet_upload_mbps": lambda r, p: internet(None, r.value),
    "internet_latency_ms": lambda r, p: f"Network latency of no more than {catalog.MS.format(r.value, CODE)}",
    "internet_jitter_ms": lambda r, p: f"Network jitter of no more than {catalog.MS.format(r.value, CODE)}",
    "internet_packet_loss_pct": lambda r, p: f"Packet loss of no more than {catalog.PERCENT.format(r.value, CODE)}",
    "wired_connection": lambda r, p: (
        "A wired (Ethernet) connection to your router; Wi-Fi, satellite and mobile connections are not accepted"
    ),
    "quiet_workspace": lambda r, p: "A quiet, dedicated workspace free from distractions",
    "computer_os": lambda r, p: (
        f"Your own computer running {join([_name(vocab.OPERATING_SYSTEMS, c) for c in r.value], 'or')}"
    ),
    "headset": lambda r, p: _HEADSETS.get(r.value, ""),
    "equipment": lambda r, p: f"Your own {join([v.strip() for v in r.value], 'and')}",
    "onsite_attendance": _onsite,
    "residency": lambda r, p: f"Living in {join([_place(v) for v in r.value], 'or')}",
    "availability": _availability,
    "drug_test": lambda r, p: "Able to pass a drug test before starting",
}


def requirement(rule: Rule, profile: Profile) -> str:
    return _REQUIREMENTS[rule.key](rule, profile)


def internet(download: float | None, upload: float | None) -> str:
    speeds = []
    if download is not None:
        speeds.append(f"{catalog.MBPS.format(download, CODE)} download")
    if upload is not None:
        speeds.append(f"{catalog.MBPS.format(upload, CODE)} upload")
    return f"Home internet of at least {join(speeds, 'and')}"


def preferred_intro() -> str:
    return "These are not required, but they count in your favor:"


def provided(key: str) -> str:
    return {"headset": "A headset"}[key]


# Pay and schedule -----------------------------------------------------------------------------

_PER = {"hour": "an hour", "day": "a day", "week": "a week", "month": "a month", "year": "a year"}


def pay(pay: Mapping[str, Any]) -> str:
    amounts, kind = pay_range(pay, "–", repeat_currency=False)
    per = _PER[str(pay["period"])]
    prefix = {"min": "From ", "max": "Up to ", "range": "", "exact": ""}[kind]
    return f"{prefix}{amounts} {per}."


def schedule(job: Mapping[str, Any]) -> list[str]:
    plan: Mapping[str, Any] = job.get("schedule") or {}
    items: list[str] = []
    hours = capital(catalog.HOURS[job["hours"]][0]) if job.get("hours") in catalog.HOURS else ""
    per_week = plan.get("hours_per_week")
    week = f"{HOURS_UNIT.format(per_week, CODE)} a week" if per_week else ""
    items.append(f"{hours}, {week}" if hours and week else capital(hours or week))
    shifts = [catalog.SHIFTS[s][0] for s in plan.get("shifts") or () if s in catalog.SHIFTS]
    if shifts:
        items.append(f"{capital(join(shifts, 'and'))} {'shifts' if len(shifts) > 1 else 'shift'}")
    nights = plan.get("nights")
    if nights and "night" in (plan.get("shifts") or ()):
        nights = None  # already said by the shifts
    includes = [w for w, on in (("weekends", plan.get("weekends")), ("nights", nights)) if on]
    if includes:
        items.append(f"Includes {join(includes, 'and')}")
    if plan.get("weekends") is False:
        items.append("No weekend work")
    if plan.get("nights") is False:
        items.append("No night shifts")
    items.append(str(plan.get("notes") or "").strip())
    return [item for item in items if item]


# Selection and applying -----------------------------------------------------------------------

_ASSESSMENTS = {"voice": "A voice test, which checks for clear, easily understood speech"}


def selection_intro() -> str:
    return "As part of your application, you will complete:"


def assessment(code: str) -> str:
    return _ASSESSMENTS.get(code) or capital(_name(vocab.ASSESSMENTS, code))


def apply(url: str, email: str) -> list[Line]:
    if url and email:
        return [
            ("Apply online at ", Link(url, url), ", or email your application to ", Link(email, f"mailto:{email}"), ".")
        ]
    if url:
        return [("Apply online at ", Link(url, url), ".")]
    if email:
        return [("Email your application to ", Link(email, f"mailto:{email}"), ".")]
    return [("Apply through this posting.",)]
