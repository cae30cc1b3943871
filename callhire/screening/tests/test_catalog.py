"""The requirement catalog holds every requirement of the seed, each fully described."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from callhire.screening import catalog, vocab
from callhire.screening.catalog import CATALOG, GROUPS, LEVELS, SOURCES
from callhire.screening.profile import new_profile

SEED_KEYS = {
    # Basic requirements.
    "min_age",
    "education",
    "customer_service_experience_months",
    "work_authorization",
    "speaking_score",
    "background_check",
    "credit_check",
    "assessments",
    # Additional skills.
    "call_center_experience_months",
    "sales_experience_months",
    "computer_skills",
    "typing_wpm",
    "typing_accuracy",
    "languages",
    "math",
    "writing",
    "licenses",
    "industry_knowledge",
    "college",
    # Home agents.
    "internet_download_mbps",
    "internet_upload_mbps",
    "internet_latency_ms",
    "wired_connection",
    "quiet_workspace",
    "computer_os",
    "headset",
    "equipment",
    "onsite_attendance",
    "residency",
    # About the job.
    "availability",
    "drug_test",
}
KINDS = {"int", "number", "flag", "choice", "choices", "texts", "text", "availability"}
COMPARES = {"at_least", "at_most", "rank", "flag", "all_of", "one_of", "area", "text_in", "availability", "headset"}
JOBS = list(itertools.product(catalog.ARRANGEMENTS, catalog.ENGAGEMENTS))
ENTRIES = list(CATALOG.values())


def test_every_seed_requirement_is_in_the_catalog():
    assert SEED_KEYS <= set(CATALOG)


def test_catalog_keys_match_entries_and_get():
    for key, req in CATALOG.items():
        assert req.key == key
        assert catalog.get(key) is req
    with pytest.raises(KeyError):
        catalog.get("shoe_size")


@pytest.mark.parametrize("req", ENTRIES, ids=lambda r: r.key)
def test_entry_is_fully_described(req):
    assert req.group in GROUPS
    assert req.kind in KINDS
    assert req.compare in COMPARES
    for en, ms in (req.label, req.help):
        assert en.strip() and ms.strip()
        assert "None" not in en and "None" not in ms
    assert req.help[0] != req.help[1], "the Malay help must be a translation, not a copy"
    assert req.label_in("en") == req.label[0] and req.label_in("ms") == req.label[1]
    assert req.help_in("en") == req.help[0] and req.help_in("ms") == req.help[1]
    assert req.fact and re.fullmatch(r"[a-z][a-z_]*", req.fact)
    assert req.sources and set(req.sources) <= set(SOURCES)
    assert len(set(req.sources)) == len(req.sources)
    assert re.fullmatch(r"[RPWN]{4}", req.defaults)


@pytest.mark.parametrize("req", ENTRIES, ids=lambda r: r.key)
def test_entry_has_a_default_level_for_every_kind_of_job(req):
    for arrangement, engagement in JOBS:
        level = req.default_level(arrangement, engagement)
        assert level in LEVELS
        if req.default_waived(arrangement, engagement):
            assert level == "required"
            assert engagement in req.waivable_for


@pytest.mark.parametrize("req", ENTRIES, ids=lambda r: r.key)
def test_entry_default_value_is_valid(req):
    doc_value = req.default_value
    if req.kind in ("int", "number"):
        assert req.lo is not None and req.hi is not None and req.lo <= doc_value <= req.hi
        assert req.unit is not None
    if req.kind in ("choice", "choices"):
        assert req.choices
        for names in req.choices.values():
            assert names[0] and names[1]
    if req.kind == "choice":
        assert doc_value in req.choices
    if req.kind == "choices":
        assert set(doc_value) <= set(req.choices)


def test_no_requirement_reads_a_protected_attribute():
    facts = {req.fact for req in ENTRIES}
    assert not facts & vocab.PROTECTED_ATTRIBUTES
    assert "birth_date" in vocab.PROTECTED_ATTRIBUTES
    assert {"sex", "race", "religion", "disability", "marital_status", "nationality"} <= vocab.PROTECTED_ATTRIBUTES


@pytest.mark.parametrize(("arrangement", "engagement"), JOBS)
def test_new_profile_uses_the_default_levels(arrangement, engagement):
    profile = new_profile("Agent", arrangement, engagement)
    for req in ENTRIES:
        rule = profile.rule(req.key)
        level = req.default_level(arrangement, engagement)
        if level == "not_asked":
            assert rule is None
        else:
            assert rule is not None and rule.level == level
            assert rule.waived == req.default_waived(arrangement, engagement)


def test_default_levels_by_arrangement_and_engagement():
    cs = CATALOG["customer_service_experience_months"]
    assert cs.default_level("onsite", "employee") == "preferred"
    assert cs.default_level("remote", "contractor") == "required"
    download = CATALOG["internet_download_mbps"]
    assert download.default_level("onsite", "employee") == "not_asked"
    assert download.default_level("remote", "employee") == "required"
    assert download.default_level("hybrid", "contractor") == "required"
    assert CATALOG["min_age"].default_level("onsite", "contractor") == "required"


def test_education_aliases():
    aliases = vocab.EDUCATION_ALIASES
    assert aliases["spm"] == "high_school"
    assert aliases["diploma"] == "associate"
    assert set(aliases.values()) <= set(vocab.EDUCATION_LEVELS)
    assert all(name == name.lower().strip() for name in aliases)
    assert list(vocab.EDUCATION_NAMES) == list(vocab.EDUCATION_LEVELS)
    edu = CATALOG["education"]
    assert edu.compare == "rank" and edu.kind == "choice"
    assert CATALOG["college"].fact == edu.fact


def test_work_authorization_is_waivable_for_contractors_only():
    req = CATALOG["work_authorization"]
    assert req.kind == "flag"
    assert req.waivable_for == ("contractor",)
    assert req.default_waived("remote", "contractor") and req.default_waived("onsite", "contractor")
    assert not req.default_waived("remote", "employee")
    others = [r.key for r in ENTRIES if r.waivable_for and r.key != "work_authorization"]
    assert others == []


@pytest.mark.parametrize("key", ["background_check", "credit_check"])
def test_checks_say_who_pays(key):
    req = CATALOG[key]
    assert req.kind == "flag"
    assert set(req.extras["paid_by"]) == {"employer", "candidate"}
    assert req.sources == ("verified",)


def test_choice_vocabularies():
    assert {"personality", "skills", "voice", "sample_call", "phone_interview"} <= set(CATALOG["assessments"].choices)
    assert {"office", "email", "chat", "crm", "ticketing", "data_entry"} <= set(CATALOG["computer_skills"].choices)
    assert {"provided", "candidate_buys"} <= set(CATALOG["headset"].choices)
    assert {"windows", "macos", "linux"} <= set(CATALOG["computer_os"].choices)
    assert CATALOG["onsite_attendance"].extras.keys() == {"place", "times"}


def test_languages_are_iso_639_1():
    langs = CATALOG["languages"].choices
    assert {"en", "ms", "es", "zh", "ta"} <= set(langs)
    for code, (en, ms) in langs.items():
        assert re.fullmatch(r"[a-z]{2}", code)
        assert en and ms


def test_typing_and_internet_requirements():
    assert CATALOG["typing_wpm"].sources == ("measured",)
    assert CATALOG["typing_accuracy"].unit is catalog.PERCENT
    assert CATALOG["internet_download_mbps"].kind == "number"
    assert CATALOG["internet_upload_mbps"].compare == "at_least"
    assert CATALOG["internet_latency_ms"].compare == "at_most"
    assert CATALOG["speaking_score"].sources == ("measured",)


@pytest.mark.parametrize(
    "table",
    [
        vocab.EDUCATION_NAMES,
        vocab.COMPUTER_SKILLS,
        vocab.ASSESSMENTS,
        vocab.HEADSET,
        vocab.PAYERS,
        vocab.OPERATING_SYSTEMS,
        vocab.LANGUAGES,
        vocab.FACT_SOURCES,
        catalog.GROUPS,
        catalog.JOB_TERMS,
        catalog.WORK_ARRANGEMENTS,
        catalog.EMPLOYMENT_TYPES,
        catalog.HOURS,
        catalog.PAY_PERIODS,
        catalog.SHIFTS,
    ],
)
def test_vocabularies_have_english_and_malay_names(table):
    for code, names in table.items():
        assert isinstance(code, str) and code
        assert len(names) == 2 and names[0].strip() and names[1].strip()
        assert vocab.name_of(table, code, "en") == names[0]
        assert vocab.name_of(table, code, "ms") == names[1]


def test_name_of_unknown_code_is_the_code():
    assert vocab.name_of(vocab.LANGUAGES, "xx", "en") == "xx"


@pytest.mark.parametrize(
    ("unit", "number", "lang", "text"),
    [
        (catalog.YEARS, 1, "en", "1 year"),
        (catalog.YEARS, 18, "en", "18 years"),
        (catalog.YEARS, 18, "ms", "18 tahun"),
        (catalog.MONTHS, 6.0, "en", "6 months"),
        (catalog.PERCENT, 90, "en", "90%"),
        (catalog.PERCENT, 90, "ms", "90%"),
        (catalog.MBPS, 1.5, "en", "1.5 Mbps"),
        (catalog.WPM, 30, "ms", "30 patah perkataan seminit"),
    ],
)
def test_unit_format(unit, number, lang, text):
    assert unit.format(number, lang) == text


def test_profile_guide_covers_every_requirement():
    guide = (Path(__file__).resolve().parents[3] / "docs" / "profiles.md").read_text(encoding="utf-8")
    for req in ENTRIES:
        assert f"| `{req.key}` |" in guide, f"docs/profiles.md lacks {req.key}"
        assert f"`{req.fact}`" in guide
