"""Job profiles: a versioned, validated document that round-trips through YAML and JSON."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from callhire.screening import catalog
from callhire.screening.profile import (
    SCHEMA_ID,
    FieldError,
    Profile,
    ProfileError,
    Rule,
    dump_profile,
    json_schema,
    load_profile,
    new_profile,
    parse_profile,
)

ROOT = Path(__file__).resolve().parents[3]
DEMO_DIR = ROOT / "callhire" / "base" / "demo"
DEMO_FILES = sorted(DEMO_DIR.glob("*.yaml"))
SCHEMA_FILE = ROOT / "docs" / "profile.schema.json"
JOBS = list(itertools.product(catalog.ARRANGEMENTS, catalog.ENGAGEMENTS))


def demo_doc(name: str = "inbound-office.yaml") -> dict[str, Any]:
    return yaml.safe_load((DEMO_DIR / name).read_text(encoding="utf-8"))


def errors_of(doc: Any) -> list[FieldError]:
    with pytest.raises(ProfileError) as info:
        parse_profile(doc)
    return info.value.errors


def test_there_are_demo_profiles():
    assert len(DEMO_FILES) >= 4


# Loading and round trips ---------------------------------------------------------------


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_demo_profile_loads(path):
    profile = load_profile(path.read_text(encoding="utf-8"), path.name)
    assert isinstance(profile, Profile)
    assert profile.title and profile.rules
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {rule.key for rule in profile.rules} == {
        key for key, spec in doc["requirements"].items() if spec.get("level") != "not_asked"
    }


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_demo_profile_round_trips(path, fmt):
    profile = load_profile(path.read_text(encoding="utf-8"), path.name)
    text = dump_profile(profile, fmt)
    again = load_profile(text, f"profile.{fmt}")
    assert again == profile
    assert dump_profile(again, fmt) == text  # the written form is stable too


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_yaml_and_json_agree(path):
    profile = load_profile(path.read_text(encoding="utf-8"), path.name)
    as_json = dump_profile(profile, "json")
    assert json.loads(as_json) == yaml.safe_load(dump_profile(profile, "yaml"))
    assert load_profile(as_json) == profile  # JSON read as YAML, no filename given


def test_json_dump_keeps_malay_text_readable():
    profile = load_profile((DEMO_DIR / "kl-bpo.yaml").read_text(encoding="utf-8"))
    assert "Ejen Khidmat Pelanggan" in dump_profile(profile, "json")
    assert "\\u" not in dump_profile(profile, "json")


@pytest.mark.parametrize(("arrangement", "engagement"), JOBS)
def test_new_profile_round_trips(arrangement, engagement):
    profile = new_profile("Agent", arrangement, engagement)
    assert profile.arrangement == arrangement and profile.engagement == engagement
    for fmt in ("yaml", "json"):
        assert load_profile(dump_profile(profile, fmt), f"p.{fmt}") == profile


def test_document_is_versioned():
    profile = new_profile("Agent")
    doc = profile.to_document()
    assert doc["schema"] == SCHEMA_ID == "callhire/profile-1"
    assert dump_profile(profile).startswith(f"schema: {SCHEMA_ID}\n")
    doc["schema"] = "callhire/profile-2"
    assert [e.path for e in errors_of(doc)] == ["schema"]


def test_schema_field_may_be_left_out():
    doc = demo_doc()
    del doc["schema"]
    assert parse_profile(doc).to_document()["schema"] == SCHEMA_ID


def test_rules_come_in_catalog_order_whatever_the_document_order():
    doc = demo_doc()
    doc["requirements"] = dict(reversed(list(doc["requirements"].items())))
    keys = [rule.key for rule in parse_profile(doc).rules]
    order = list(catalog.CATALOG)
    assert keys == sorted(keys, key=order.index)


def test_not_asked_requirements_are_dropped():
    doc = demo_doc()
    doc["requirements"]["drug_test"] = {"level": "not_asked"}
    doc["requirements"]["typing_wpm"] = {"level": "not_asked", "value": 30}
    profile = parse_profile(doc)
    assert profile.rule("drug_test") is None and profile.rule("typing_wpm") is None


def test_level_defaults_to_required_and_flag_value_to_true():
    doc = demo_doc()
    doc["requirements"]["drug_test"] = {}
    rule = parse_profile(doc).rule("drug_test")
    assert rule == Rule("drug_test", "required", True)


def test_required_weight_survives_a_round_trip():
    doc = demo_doc()
    doc["requirements"]["typing_wpm"] = {"level": "required", "value": 30, "weight": 4}
    profile = parse_profile(doc)
    assert profile.rule("typing_wpm").weight == 4  # type: ignore[union-attr]
    assert load_profile(dump_profile(profile)) == profile


def test_extras_round_trip():
    doc = demo_doc("bilingual-health.yaml")
    profile = parse_profile(doc)
    rule = profile.rule("onsite_attendance")
    assert rule is not None and rule.extras["place"] == "the Phoenix clinic office"
    assert profile.rule("background_check").extras == {"paid_by": "employer"}  # type: ignore[union-attr]
    assert load_profile(dump_profile(profile, "json"), "p.json") == profile


def test_title_is_trimmed():
    doc = demo_doc()
    doc["title"] = "  Agent  "
    assert parse_profile(doc).title == "Agent"


def test_waived_for_a_contractor():
    profile = load_profile((DEMO_DIR / "home-contractor.yaml").read_text(encoding="utf-8"))
    rule = profile.rule("work_authorization")
    assert rule is not None and rule.waived
    assert rule.to_document()["waived"] is True


# Errors name the field and the reason ---------------------------------------------------


def _set(doc: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for name in parents:
        doc = doc.setdefault(name, {})
    doc[last] = value


def _delete(doc: dict[str, Any], path: str) -> None:
    *parents, last = path.split(".")
    for name in parents:
        doc = doc[name]
    del doc[last]


BAD = [
    # (what to set, value, file, expected path, words in the reason)
    ("colour", "blue", "inbound-office.yaml", "colour", "is not a field of a profile"),
    ("title", "", "inbound-office.yaml", "title", "1 to 200 characters"),
    ("title", "x" * 201, "inbound-office.yaml", "title", "1 to 200 characters"),
    ("title", 42, "inbound-office.yaml", "title", "text"),
    ("language", "fr", "inbound-office.yaml", "language", "en or ms"),
    ("requirements", ["min_age"], "inbound-office.yaml", "requirements", "mapping"),
    (
        "requirements.shoe_size",
        {"level": "required", "value": 42},
        "inbound-office.yaml",
        "requirements.shoe_size",
        "not a requirement in the catalog",
    ),
    ("requirements.min_age", 18, "inbound-office.yaml", "requirements.min_age", "mapping with level and value"),
    (
        "requirements.min_age.level",
        "mandatory",
        "inbound-office.yaml",
        "requirements.min_age.level",
        "required, preferred or not_asked",
    ),
    ("requirements.min_age.value", "eighteen", "inbound-office.yaml", "requirements.min_age.value", "whole number"),
    ("requirements.min_age.value", 18.5, "inbound-office.yaml", "requirements.min_age.value", "whole number"),
    ("requirements.min_age.value", True, "inbound-office.yaml", "requirements.min_age.value", "whole number"),
    ("requirements.min_age.value", 12, "inbound-office.yaml", "requirements.min_age.value", "between 14 and 70"),
    ("requirements.min_age.value", 71, "inbound-office.yaml", "requirements.min_age.value", "between 14 and 70"),
    ("requirements.min_age.value", None, "inbound-office.yaml", "requirements.min_age.value", "is missing"),
    ("requirements.typing_wpm.value", 151, "inbound-office.yaml", "requirements.typing_wpm.value", "between 5 and 150"),
    (
        "requirements.internet_download_mbps",
        {"value": 0},
        "home-contractor.yaml",
        "requirements.internet_download_mbps.value",
        "between 0.1 and 10000",
    ),
    (
        "requirements.internet_download_mbps",
        {"value": float("nan")},
        "home-contractor.yaml",
        "requirements.internet_download_mbps.value",
        "must be a number",
    ),
    (
        "requirements.internet_download_mbps",
        {"value": 10**400},
        "home-contractor.yaml",
        "requirements.internet_download_mbps.value",
        "between 0.1 and 10000",
    ),
    (
        "requirements.education.value",
        "phd",
        "inbound-office.yaml",
        "requirements.education.value",
        "must be one of none, high_school",
    ),
    (
        "requirements.education.value",
        ["bachelor"],
        "inbound-office.yaml",
        "requirements.education.value",
        "must be one of",
    ),
    (
        "requirements.assessments.value",
        ["voice", "karaoke"],
        "inbound-office.yaml",
        "requirements.assessments.value[1]",
        "must be one of personality",
    ),
    ("requirements.assessments.value", [], "inbound-office.yaml", "requirements.assessments.value", "non-empty list"),
    (
        "requirements.assessments.value",
        "voice",
        "inbound-office.yaml",
        "requirements.assessments.value",
        "non-empty list",
    ),
    (
        "requirements.assessments.value",
        ["voice", "voice"],
        "inbound-office.yaml",
        "requirements.assessments.value",
        "twice",
    ),
    (
        "requirements.languages",
        {"value": ["english"]},
        "inbound-office.yaml",
        "requirements.languages.value[0]",
        "must be one of",
    ),
    (
        "requirements.work_authorization.value",
        False,
        "inbound-office.yaml",
        "requirements.work_authorization.value",
        "must be true",
    ),
    (
        "requirements.licenses",
        {"value": [""]},
        "inbound-office.yaml",
        "requirements.licenses.value[0]",
        "1 to 200 characters",
    ),
    (
        "requirements.industry_knowledge",
        {"value": 7},
        "inbound-office.yaml",
        "requirements.industry_knowledge.value",
        "1 to 200 characters",
    ),
    (
        "requirements.availability.value",
        {"weekends": "yes"},
        "inbound-office.yaml",
        "requirements.availability.value.weekends",
        "true or false",
    ),
    (
        "requirements.availability.value",
        {"hours_per_week": 100},
        "inbound-office.yaml",
        "requirements.availability.value.hours_per_week",
        "1 to 80",
    ),
    (
        "requirements.availability.value",
        {"mondays": True},
        "inbound-office.yaml",
        "requirements.availability.value.mondays",
        "not a field of availability",
    ),
    (
        "requirements.availability.value",
        {},
        "inbound-office.yaml",
        "requirements.availability.value",
        "weekends, nights or hours_per_week",
    ),
    (
        "requirements.customer_service_experience_months.weight",
        0,
        "inbound-office.yaml",
        "requirements.customer_service_experience_months.weight",
        "whole number from 1 to 10",
    ),
    (
        "requirements.customer_service_experience_months.weight",
        11,
        "inbound-office.yaml",
        "requirements.customer_service_experience_months.weight",
        "whole number from 1 to 10",
    ),
    (
        "requirements.customer_service_experience_months.weight",
        1.5,
        "inbound-office.yaml",
        "requirements.customer_service_experience_months.weight",
        "whole number from 1 to 10",
    ),
    (
        "requirements.min_age.waived",
        True,
        "home-contractor.yaml",
        "requirements.min_age.waived",
        "cannot be waived for an independent contractor position",
    ),
    (
        "requirements.work_authorization.waived",
        True,
        "inbound-office.yaml",
        "requirements.work_authorization.waived",
        "cannot be waived for an employee position",
    ),
    (
        "requirements.work_authorization.waived",
        "yes",
        "home-contractor.yaml",
        "requirements.work_authorization.waived",
        "true or false",
    ),
    (
        "requirements.background_check.paid_by",
        "government",
        "inbound-office.yaml",
        "requirements.background_check.paid_by",
        "must be one of employer, candidate",
    ),
    (
        "requirements.typing_wpm.paid_by",
        "employer",
        "inbound-office.yaml",
        "requirements.typing_wpm.paid_by",
        "not a setting of this requirement",
    ),
    (
        "requirements.onsite_attendance",
        {"place": 5},
        "inbound-office.yaml",
        "requirements.onsite_attendance.place",
        "text of at most 200 characters",
    ),
    ("job", "onsite", "inbound-office.yaml", "job", "mapping"),
    ("job.work_arrangement", "office", "inbound-office.yaml", "job.work_arrangement", "onsite, remote, hybrid"),
    ("job.work_arrangement", ["onsite"], "inbound-office.yaml", "job.work_arrangement", "must be one of"),
    ("job.employment_type", "intern", "inbound-office.yaml", "job.employment_type", "employee, contractor"),
    ("job.hours", {"full": 1}, "inbound-office.yaml", "job.hours", "full_time, part_time"),
    ("job.fixed_term", "no", "inbound-office.yaml", "job.fixed_term", "true or false"),
    ("job.perks", "free coffee", "inbound-office.yaml", "job.perks", "not a term of the job"),
    ("job.pay", "RM2000", "inbound-office.yaml", "job.pay", "mapping with min, max, currency and period"),
    ("job.pay.currency", "usd", "inbound-office.yaml", "job.pay.currency", "ISO 4217"),
    ("job.pay.currency", "DOLLAR", "inbound-office.yaml", "job.pay.currency", "ISO 4217"),
    ("job.pay.currency", "ÉUR", "inbound-office.yaml", "job.pay.currency", "ISO 4217"),
    ("job.pay.currency", 840, "inbound-office.yaml", "job.pay.currency", "ISO 4217"),
    ("job.pay.period", "fortnight", "inbound-office.yaml", "job.pay.period", "hour, day, week, month, year"),
    ("job.pay.period", ["hour"], "inbound-office.yaml", "job.pay.period", "must be one of"),
    ("job.pay.min", -1, "inbound-office.yaml", "job.pay.min", "number of 0 or more"),
    ("job.pay.min", 10**400, "inbound-office.yaml", "job.pay.max", "must not be below min"),
    ("job.pay.max", "lots", "inbound-office.yaml", "job.pay.max", "number of 0 or more"),
    ("job.pay.max", 10, "inbound-office.yaml", "job.pay.max", "must not be below min"),
    ("job.pay.bonus", 10, "inbound-office.yaml", "job.pay.bonus", "not a field of pay"),
    ("job.schedule.shifts", [], "inbound-office.yaml", "job.schedule.shifts", "non-empty list"),
    (
        "job.schedule.shifts",
        ["day", "graveyard"],
        "inbound-office.yaml",
        "job.schedule.shifts[1]",
        "day, evening, night",
    ),
    ("job.schedule.hours_per_week", 0, "inbound-office.yaml", "job.schedule.hours_per_week", "1 to 80"),
    ("job.schedule.notes", "x" * 501, "inbound-office.yaml", "job.schedule.notes", "at most 500"),
    ("job.schedule.weekends", 1, "inbound-office.yaml", "job.schedule.weekends", "true or false"),
    ("job.schedule.breaks", 2, "inbound-office.yaml", "job.schedule.breaks", "not a field of the schedule"),
]


@pytest.mark.parametrize(("where", "value", "file", "path", "reason"), BAD, ids=[f"{b[0]}={b[1]!r:.20}" for b in BAD])
def test_invalid_profile_names_field_and_reason(where, value, file, path, reason):
    doc = demo_doc(file)
    _set(doc, where, value)
    errors = errors_of(doc)
    assert any(e.path == path and reason in e.en for e in errors), [str(e) for e in errors]
    for error in errors:
        assert error.path and error.en and error.ms and error.en != error.ms
        assert "None" not in error.en and "None" not in error.ms


@pytest.mark.parametrize(
    ("path", "reason"),
    [("title", "1 to 200 characters"), ("job.pay.currency", "ISO 4217"), ("job.pay.period", "must be one of")],
)
def test_missing_field(path, reason):
    doc = demo_doc()
    _delete(doc, path)
    assert any(e.path == path and reason in e.en for e in errors_of(doc))


def test_pay_needs_min_or_max():
    doc = demo_doc()
    doc["job"]["pay"] = {"currency": "MYR", "period": "month"}
    assert [(e.path, e.en) for e in errors_of(doc)] == [("job.pay", "needs min or max")]


def test_every_fault_is_reported_at_once():
    doc = demo_doc()
    doc["language"] = "fr"
    doc["requirements"]["min_age"]["value"] = 5
    doc["requirements"]["shoe_size"] = {"value": 9}
    doc["job"]["pay"]["currency"] = "ringgit"
    error = pytest.raises(ProfileError, parse_profile, doc).value
    paths = [e.path for e in error.errors]
    assert set(paths) == {"language", "requirements.min_age.value", "requirements.shoe_size", "job.pay.currency"}
    assert "requirements.min_age.value: must be between 14 and 70" in str(error)
    assert isinstance(error, ValueError)


def test_malay_reason_for_waiver():
    doc = demo_doc()
    doc["requirements"]["work_authorization"]["waived"] = True
    (error,) = errors_of(doc)
    assert error.ms == "tidak boleh dikecualikan bagi jawatan pekerja"


def test_waived_false_is_fine_anywhere():
    doc = demo_doc()
    doc["requirements"]["min_age"]["waived"] = False
    assert not parse_profile(doc).rule("min_age").waived  # type: ignore[union-attr]


@pytest.mark.parametrize("doc", [None, [], "title: x", 3], ids=repr)
def test_document_must_be_a_mapping(doc):
    assert [e.path for e in errors_of(doc)] == ["(document)"]


def test_non_text_top_level_key():
    doc: dict[Any, Any] = demo_doc()
    doc[7] = "x"
    assert [e.path for e in errors_of(doc)] == ["7"]


def test_yaml_syntax_error_gives_the_line():
    text = "title: Agent\nrequirements:\n  min_age: {level: required, value: 18\n  education: {value: bachelor}\n"
    with pytest.raises(ProfileError) as info:
        load_profile(text, "agent.yaml")
    (error,) = info.value.errors
    assert error.path == "line 4"
    assert error.en.startswith("not valid YAML: ") and error.ms.startswith("bukan YAML yang sah: ")


def test_yaml_tab_error_gives_the_line():
    with pytest.raises(ProfileError) as info:
        load_profile("title: Agent\nrequirements:\n\tmin_age: {}\n")
    assert info.value.errors[0].path == "line 3"


def test_yaml_unsafe_tag_is_refused():
    with pytest.raises(ProfileError) as info:
        load_profile("title: !!python/object/apply:os.system ['true']\n")
    assert info.value.errors[0].en.startswith("not valid YAML")


def test_json_syntax_error_gives_the_line():
    text = '{\n  "title": "Agent",\n  "requirements": {\n    "min_age": {"level": "required",}\n  }\n}\n'
    with pytest.raises(ProfileError) as info:
        load_profile(text, "agent.json")
    (error,) = info.value.errors
    assert error.path == "line 4"
    assert error.en.startswith("not valid JSON: ") and error.ms.startswith("bukan JSON yang sah: ")


def test_json_profile_with_field_errors():
    text = json.dumps({"title": "Agent", "requirements": {"typing_wpm": {"value": 500}}})
    with pytest.raises(ProfileError) as info:
        load_profile(text, "agent.json")
    assert [e.path for e in info.value.errors] == ["requirements.typing_wpm.value"]


# Fuzzing: whatever the document, the parser either accepts it or raises ProfileError -----------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
REQ_KEYS = st.sampled_from(sorted(catalog.CATALOG))
RULE_FIELDS = st.sampled_from(["level", "value", "weight", "waived", "paid_by", "place", "times"])
DEMO_DOCS = [demo_doc(p.name) for p in DEMO_FILES]
JOB_FIELDS = st.sampled_from(["work_arrangement", "employment_type", "hours", "fixed_term", "pay", "schedule"])


@st.composite
def mutated_documents(draw):
    doc = copy.deepcopy(draw(st.sampled_from(DEMO_DOCS)))
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(["rule", "job", "pay", "schedule", "top"]))
        value = draw(json_values)
        requirements, job = doc.get("requirements"), doc.get("job")
        if where == "rule" and isinstance(requirements, dict):
            requirements.setdefault(draw(REQ_KEYS), {})
            spec = requirements[draw(st.sampled_from(sorted(requirements)))]
            if isinstance(spec, dict):
                spec[draw(RULE_FIELDS)] = value
        elif where == "job" and isinstance(job, dict):
            job[draw(JOB_FIELDS)] = value
        elif where in ("pay", "schedule") and isinstance(job, dict) and isinstance(job.get(where), dict):
            job[where][draw(st.sampled_from(["min", "max", "currency", "period", "shifts", "notes"]))] = value
        else:
            doc[draw(st.sampled_from(["title", "language", "schema", "job", "requirements"]))] = value
    return doc


@settings(max_examples=400, deadline=None)
@given(mutated_documents())
def test_parser_never_crashes_on_a_mutated_document(doc):
    try:
        profile = parse_profile(doc)
    except ProfileError as error:
        assert error.errors and all(e.path and e.en and e.ms for e in error.errors)
    else:
        # Whatever is accepted is valid against the published schema and round-trips.
        jsonschema.validate(profile.to_document(), json_schema())
        assert parse_profile(json.loads(dump_profile(profile, "json"))) == profile


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_parser_never_crashes_on_any_value(doc):
    with pytest.raises(ProfileError):
        parse_profile(doc if not isinstance(doc, dict) else {**doc, "title": None})


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_loader_never_crashes_on_any_text(text):
    for name in ("p.yaml", "p.json"):
        try:
            load_profile(text, name)
        except ProfileError:
            pass


# JSON Schema -------------------------------------------------------------------------------


def test_published_schema_is_the_generated_one():
    published = SCHEMA_FILE.read_text(encoding="utf-8")
    assert published == json.dumps(json_schema(), indent=2) + "\n", (
        "regenerate docs/profile.schema.json from callhire.screening.profile.json_schema()"
    )


def test_schema_is_valid_draft_2020_12():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["properties"]["requirements"]["properties"]) == set(catalog.CATALOG)


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_schema_accepts_demo_profiles(path):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    jsonschema.validate(load_profile(path.read_text(encoding="utf-8")).to_document(), schema)


@pytest.mark.parametrize(("arrangement", "engagement"), JOBS)
def test_schema_accepts_new_profiles(arrangement, engagement):
    jsonschema.validate(new_profile("Agent", arrangement, engagement).to_document(), json_schema())


SCHEMA_BAD = [
    ("colour", "blue"),
    ("title", ""),
    ("schema", "callhire/profile-2"),
    ("language", "fr"),
    ("requirements.shoe_size", {"level": "required"}),
    ("requirements.min_age.level", "mandatory"),
    ("requirements.min_age.value", 12),
    ("requirements.min_age.value", "18"),
    ("requirements.education.value", "phd"),
    ("requirements.assessments.value", ["voice", "voice"]),
    ("requirements.customer_service_experience_months.weight", 11),
    ("requirements.min_age.waived", True),
    ("requirements.background_check.paid_by", "government"),
    ("requirements.work_authorization.value", False),
    ("job.pay.currency", "usd"),
    ("job.pay.period", "fortnight"),
    ("job.perks", "coffee"),
    ("job.schedule.shifts", ["graveyard"]),
]


@pytest.mark.parametrize(("where", "value"), SCHEMA_BAD, ids=[f"{b[0]}={b[1]!r:.20}" for b in SCHEMA_BAD])
def test_schema_rejects_invalid_documents(where, value):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    doc = demo_doc()
    _set(doc, where, value)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)
    with pytest.raises(ProfileError):  # and the parser agrees
        parse_profile(doc)


def test_schema_requires_a_title():
    doc = demo_doc()
    del doc["title"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, json_schema())
