"""The screening engine: verdicts, statuses, scores and the sentences that explain them."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from callhire.screening import vocab
from callhire.screening.engine import (
    MET,
    NEEDS_REVIEW,
    NOT_MET,
    NOT_QUALIFIED,
    QUALIFIED,
    UNKNOWN,
    WAIVED,
    Finding,
    Result,
    Screener,
    describe_value,
    screen,
)
from callhire.screening.profile import Profile, Rule, load_profile, parse_profile

DEMO_DIR = Path(__file__).resolve().parents[2] / "base" / "demo"
DEMO_FILES = sorted(DEMO_DIR.glob("*.yaml"))


def demo(name: str) -> Profile:
    return load_profile((DEMO_DIR / name).read_text(encoding="utf-8"))


def meeting_value(rule: Rule) -> Any:
    """A fact value that meets the rule."""
    compare = rule.requirement.compare
    threshold = rule.value
    if compare in ("at_least", "at_most", "rank"):
        return threshold
    if compare in ("flag", "headset"):
        return True
    if compare == "all_of":
        return list(threshold)
    if compare == "one_of":
        return threshold[0]
    if compare in ("text_in", "area"):
        return threshold[0] if compare == "area" else [threshold]
    if compare == "availability":
        return {"weekends": True, "nights": True, "hours_per_week": 80}
    raise AssertionError(compare)


def failing_value(rule: Rule) -> Any:
    """A fact value that does not meet the rule."""
    compare = rule.requirement.compare
    threshold = rule.value
    if compare == "at_least":
        return threshold - 1 if threshold > 0 else False
    if compare == "at_most":
        return threshold + 1
    if compare == "rank":
        return "none" if threshold != "none" else None
    if compare in ("flag", "headset"):
        return False
    if compare == "all_of":
        return []
    if compare == "one_of":
        return "amiga"
    if compare == "text_in":
        return ["fishing"]
    if compare == "area":
        return "Atlantis"
    if compare == "availability":
        return {}
    raise AssertionError(compare)


def meeting_candidate(profile: Profile) -> tuple[dict[str, Any], dict[str, str]]:
    """Facts and sources meeting every rule of a profile, each from the first source the catalog accepts."""
    facts: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for rule in profile.rules:
        req = rule.requirement
        assert req.fact is not None
        value = meeting_value(rule)
        if req.fact == "education" and req.fact in facts:  # education and college share the fact
            order = vocab.EDUCATION_LEVELS
            value = max(value, facts[req.fact], key=order.index)
        facts[req.fact] = value
        sources[req.fact] = req.sources[0]
    return facts, sources


def profile_of(requirements: dict[str, Any], **job: Any) -> Profile:
    return parse_profile({"title": "Agent", "job": job, "requirements": requirements})


def status_of(result: Result, key: str) -> str:
    keys = [rule.key for rule in result.screener.rules]
    return result.statuses[keys.index(key)]


def finding_of(result: Result, key: str) -> Finding:
    (finding,) = [f for f in result.findings() if f.key == key]
    return finding


@pytest.fixture
def office() -> Profile:
    return demo("inbound-office.yaml")


# Verdicts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_candidate_meeting_everything_is_qualified(path):
    profile = demo(path.name)
    facts, sources = meeting_candidate(profile)
    result = Screener(profile).screen(facts, sources)
    assert result.verdict == QUALIFIED
    assert result.score == 100
    assert set(result.statuses) <= {MET, WAIVED}
    assert len(result.statuses) == len(profile.rules)


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_no_facts_needs_review(path):
    profile = demo(path.name)
    result = Screener(profile).screen({})
    assert result.verdict == NEEDS_REVIEW
    assert result.score == (100 if not any(r.level == "preferred" for r in profile.rules) else 0)


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_each_required_rule_decides(path):
    profile = demo(path.name)
    facts, sources = meeting_candidate(profile)
    screener = Screener(profile)
    for rule in profile.rules:
        if rule.level != "required" or rule.waived or rule.value == "provided":
            continue
        fact = rule.requirement.fact
        assert fact is not None
        missing = {k: v for k, v in facts.items() if k != fact}
        assert screener.screen(missing, sources).verdict == NEEDS_REVIEW, rule.key
        failing = {**facts, fact: failing_value(rule)}
        result = screener.screen(failing, sources)
        assert result.verdict == (NOT_QUALIFIED if failing[fact] is not None else NEEDS_REVIEW), rule.key
        # not met beats unknown: a failed requirement is final even when others are unknown
        both = {k: v for k, v in failing.items() if k == fact}
        if failing[fact] is not None:
            assert screener.screen(both, sources).verdict == NOT_QUALIFIED, rule.key


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_preferred_rules_never_change_the_verdict(path):
    profile = demo(path.name)
    facts, sources = meeting_candidate(profile)
    for rule in profile.rules:
        if rule.level == "preferred":
            fact = rule.requirement.fact
            assert fact is not None
            result = screen(profile, {**facts, fact: failing_value(rule)}, sources)
            if fact != "education":
                assert result.verdict == QUALIFIED
            assert result.score < 100


def test_declared_typing_speed_needs_review(office):
    facts, sources = meeting_candidate(office)
    screener = Screener(office)
    assert screener.screen(facts, sources).verdict == QUALIFIED
    for declared in ({**sources, "typing_wpm": "declared"}, {k: v for k, v in sources.items() if k != "typing_wpm"}):
        result = screener.screen({**facts, "typing_wpm": 90}, declared)
        assert result.verdict == NEEDS_REVIEW
        assert status_of(result, "typing_wpm") == UNKNOWN
        finding = finding_of(result, "typing_wpm")
        assert finding.source == "declared" and finding.value == 90
        assert finding.reason_en == (
            "Typing speed: declared by the candidate, but it must be measured by a callhire assessment."
        )
        assert finding.reason_ms == (
            "Kelajuan menaip: dinyatakan oleh calon, tetapi mestilah diukur oleh penilaian callhire."
        )


def test_measured_typing_speed_below_minimum_is_not_qualified(office):
    facts, sources = meeting_candidate(office)
    result = Screener(office).screen({**facts, "typing_wpm": 20}, sources)
    assert result.verdict == NOT_QUALIFIED
    finding = finding_of(result, "typing_wpm")
    assert finding.status == NOT_MET and finding.threshold == 30 and finding.value == 20
    assert finding.reason_en == "Typing speed: 20 words per minute is below the minimum of 30 words per minute."
    assert finding.reason_ms == (
        "Kelajuan menaip: 20 patah perkataan seminit kurang daripada minimum 30 patah perkataan seminit."
    )


def test_source_that_the_catalog_does_not_accept(office):
    facts, sources = meeting_candidate(office)
    result = Screener(office).screen(facts, {**sources, "background_check_passed": "declared"})
    assert status_of(result, "background_check") == UNKNOWN
    assert result.verdict == NEEDS_REVIEW
    assert finding_of(result, "background_check").reason_en == (
        "Criminal background check: declared by the candidate, but it must be verified by a third party."
    )


def test_a_stronger_source_than_declared_is_accepted(office):
    facts, sources = meeting_candidate(office)
    for source in ("document", "verified"):
        assert Screener(office).screen(facts, {**sources, "education": source}).verdict == QUALIFIED


def test_unknown_source_name_is_not_accepted(office):
    facts, sources = meeting_candidate(office)
    result = Screener(office).screen(facts, {**sources, "education": "rumour"})
    assert status_of(result, "education") == UNKNOWN


def test_wrong_type_of_fact_needs_review(office):
    facts, sources = meeting_candidate(office)
    screener = Screener(office)
    for fact, value in [
        ("age_years", "twenty"),
        ("customer_service_experience_months", "lots"),
        ("education", 12),
        ("education", ["bachelor"]),
        ("assessments_completed", 3),
        ("availability", {"weekends": True, "hours_per_week": "many"}),
    ]:
        result = screener.screen({**facts, fact: value}, sources)
        assert result.verdict in (NEEDS_REVIEW, QUALIFIED), (fact, value)
        if fact != "customer_service_experience_months" and fact != "availability":  # preferred / lenient
            assert result.verdict == NEEDS_REVIEW, (fact, value)
    result = screener.screen({**facts, "education": 12}, sources)
    assert finding_of(result, "education").reason_en == (
        "Education: the answer given cannot be read; a recruiter must check it."
    )


# Scores ----------------------------------------------------------------------------------------


def test_score_weighs_preferred_requirements(office):
    # customer_service_experience_months (weight 2) and call_center_experience_months (weight 1)
    facts, sources = meeting_candidate(office)
    screener = Screener(office)
    both = screener.screen(facts, sources)
    cs_only = screener.screen({**facts, "call_center_experience_months": 0}, sources)
    cc_only = screener.screen({**facts, "customer_service_experience_months": 0}, sources)
    neither = screener.screen({**facts, "customer_service_experience_months": 0, "call_center_experience_months": 0})
    assert [both.score, cs_only.score, cc_only.score, neither.score] == [100, 67, 33, 0]
    assert {both.verdict, cs_only.verdict, cc_only.verdict} == {QUALIFIED}


def test_score_rounds_half_up():
    profile = profile_of(
        {
            "math": {"level": "preferred", "weight": 1},
            "writing": {"level": "preferred", "weight": 7},
        }
    )
    screener = Screener(profile)
    src = {"math_passed": "measured", "writing_passed": "measured"}
    assert screener.screen({"math_passed": True}, src).score == 13  # 12.5 -> 13
    assert screener.screen({"writing_passed": True}, src).score == 88  # 87.5 -> 88
    assert screener.screen({"math_passed": True, "writing_passed": True}, src).score == 100


def test_score_is_100_without_preferred_requirements():
    profile = profile_of({"drug_test": {}})
    assert Screener(profile).screen({}).score == 100
    assert Screener(profile).screen({"drug_test_passed": True}, {"drug_test_passed": "verified"}).verdict == QUALIFIED


def test_empty_profile_qualifies_everyone():
    result = Screener(profile_of({})).screen({"anything": 1})
    assert (result.verdict, result.score, result.statuses, result.findings()) == (QUALIFIED, 100, (), [])


# Particular comparisons --------------------------------------------------------------------------


def test_age_as_a_bare_yes_or_no():
    profile = profile_of({"min_age": {"value": 21}})
    screener = Screener(profile)
    yes, no = screener.screen({"age_years": True}), screener.screen({"age_years": False})
    assert (yes.verdict, no.verdict) == (QUALIFIED, NOT_QUALIFIED)
    assert yes.findings()[0].reason_en == "Minimum age: confirmed to be at least 21 years."
    assert yes.findings()[0].reason_ms == "Umur minimum: disahkan sekurang-kurangnya 21 tahun."
    assert no.findings()[0].reason_en == "Minimum age: under 21 years."
    assert no.findings()[0].reason_ms == "Umur minimum: kurang daripada 21 tahun."
    assert screener.screen({"age_years": 21}).verdict == QUALIFIED
    assert screener.screen({"age_years": 20}).verdict == NOT_QUALIFIED


@pytest.mark.parametrize(
    ("education", "status"),
    [
        ("high_school", MET),
        ("SPM", MET),
        ("spm", MET),
        (" Sijil Pelajaran Malaysia ", MET),
        ("Diploma", MET),
        ("STPM", MET),
        ("bachelor", MET),
        ("none", NOT_MET),
        ("doctorate of wizardry", UNKNOWN),
    ],
)
def test_education_with_regional_names(education, status):
    profile = profile_of({"education": {"value": "high_school"}})
    result = Screener(profile).screen({"education": education})
    assert result.statuses == (status,)


def test_diploma_counts_as_associate():
    profile = profile_of({"education": {"value": "associate"}, "college": {"level": "preferred", "value": "bachelor"}})
    result = Screener(profile).screen({"education": "Diploma"})
    assert result.statuses == (MET, NOT_MET)
    assert result.verdict == QUALIFIED and result.score == 0


def test_all_of_lists_and_a_bare_text():
    profile = profile_of({"languages": {"value": ["en", "ms"]}})
    screener = Screener(profile)
    assert screener.screen({"languages": ["ms", "en", "ta"]}).verdict == QUALIFIED
    assert screener.screen({"languages": {"ms", "en"}}).verdict == QUALIFIED
    missing = screener.screen({"languages": "en"})
    assert missing.verdict == NOT_QUALIFIED
    (finding,) = missing.findings()
    assert finding.reason_en == "Languages: missing Malay."
    assert finding.reason_ms == "Bahasa: tiada bahasa Melayu."
    one = Screener(profile_of({"languages": {"value": ["en"]}}))
    assert one.screen({"languages": "en"}).verdict == QUALIFIED  # not the letters e and n


def test_computer_skills_missing_are_named():
    profile = profile_of({"computer_skills": {"value": ["crm", "email", "chat"]}})
    (finding,) = Screener(profile).screen({"computer_skills": ["email"]}).findings()
    assert finding.reason_en == "Computer skills: missing live chat and CRM software."
    assert finding.reason_ms == "Kemahiran komputer: tiada sembang langsung dan perisian CRM."


def test_computer_os_one_of():
    profile = profile_of({"computer_os": {"value": ["windows", "macos"]}})
    screener = Screener(profile)
    assert screener.screen({"computer_os": "macos"}).statuses == (MET,)
    assert screener.screen({"computer_os": ["linux", "windows"]}).statuses == (MET,)
    result = screener.screen({"computer_os": "linux"})
    assert result.statuses == (NOT_MET,)
    assert result.findings()[0].reason_en == "Computer: Linux is not one of macOS or Windows."
    assert result.findings()[0].reason_ms == "Komputer: Linux bukan salah satu daripada macOS atau Windows."


def test_latency_at_most():
    profile = profile_of({"internet_latency_ms": {"value": 150}})
    screener = Screener(profile)
    src = {"internet_latency_ms": "measured"}
    assert screener.screen({"internet_latency_ms": 150}, src).verdict == QUALIFIED
    result = screener.screen({"internet_latency_ms": 151}, src)
    assert result.verdict == NOT_QUALIFIED
    assert result.findings()[0].reason_en == "Network latency: 151 ms is above the maximum of 150 ms."


def test_industry_knowledge():
    profile = profile_of({"industry_knowledge": {"value": "Healthcare "}})
    screener = Screener(profile)
    assert screener.screen({"industries": ["retail", "healthcare"]}).statuses == (MET,)
    assert screener.screen({"industries": "healthcare"}).statuses == (MET,)
    assert screener.screen({"industries": ["health"]}).statuses == (NOT_MET,)


def test_residency():
    profile = profile_of({"residency": {"value": ["Kuala Lumpur", "Selangor"]}})
    screener = Screener(profile)
    assert screener.screen({"residence": {"city": "Petaling Jaya", "region": "Selangor"}}).statuses == (MET,)
    assert screener.screen({"residence": "kuala lumpur"}).statuses == (MET,)
    result = screener.screen({"residence": {"city": "George Town", "region": "Penang", "country": "Malaysia"}})
    assert result.statuses == (NOT_MET,)
    assert result.findings()[0].reason_en == "Residency: lives outside Kuala Lumpur or Selangor."
    assert result.findings()[0].reason_ms == "Tempat tinggal: tinggal di luar Kuala Lumpur atau Selangor."
    postcode = Screener(profile_of({"residency": {"value": ["50000", "50088"]}}))
    assert postcode.screen({"residence": {"postcode": "50088"}}).statuses == (MET,)


def test_availability():
    profile = profile_of({"availability": {"value": {"weekends": True, "hours_per_week": 30}}})
    screener = Screener(profile)
    assert screener.screen({"availability": {"weekends": True, "hours_per_week": 40}}).statuses == (MET,)
    result = screener.screen({"availability": {"weekends": False, "hours_per_week": 40}})
    assert result.statuses == (NOT_MET,)
    assert result.findings()[0].reason_en == "Availability: not available for weekends and 30 hours a week."
    assert result.findings()[0].reason_ms == "Ketersediaan: tidak boleh bekerja pada hujung minggu dan 30 jam seminggu."
    assert screener.screen({"availability": {"weekends": True}}).statuses == (NOT_MET,)
    assert screener.screen({"availability": "weekends"}).statuses == (NOT_MET,)


def test_headset_provided_by_the_employer_is_waived():
    profile = profile_of({"headset": {"value": "provided"}}, work_arrangement="remote")
    result = Screener(profile).screen({"has_headset": False})
    assert (result.verdict, result.statuses) == (QUALIFIED, (WAIVED,))
    (finding,) = result.findings()
    assert finding.value is None and finding.source is None
    assert finding.reason_en == "Headset: provided by the employer."
    assert finding.reason_ms == "Set kepala: disediakan oleh majikan."


def test_headset_bought_by_the_agent():
    profile = profile_of({"headset": {"value": "candidate_buys"}})
    screener = Screener(profile)
    assert screener.screen({"has_headset": True}).verdict == QUALIFIED
    (finding,) = screener.screen({"has_headset": False}).findings()
    assert finding.reason_en == "Headset: no headset, and the job needs one (bought by the agent)."


def test_work_authorization_waived_for_contractors():
    profile = demo("home-contractor.yaml")
    facts, sources = meeting_candidate(profile)
    result = Screener(profile).screen({**facts, "work_authorization": False}, sources)
    assert result.verdict == QUALIFIED
    finding = finding_of(result, "work_authorization")
    assert finding.status == WAIVED and finding.value is None
    assert finding.reason_en == "Right to work: waived for independent contractors."
    assert finding.reason_ms == "Hak untuk bekerja: dikecualikan bagi kontraktor bebas."


def test_waived_preferred_rule_counts_as_met_and_says_so():
    profile = profile_of(
        {"work_authorization": {"level": "preferred", "waived": True}, "math": {"level": "preferred"}},
        employment_type="contractor",
    )
    result = Screener(profile).screen({})
    assert result.statuses == (MET, UNKNOWN) and result.score == 50
    assert result.findings()[0].reason_en == "Right to work: waived for independent contractors."


# Findings and sentences ------------------------------------------------------------------------


def test_findings_of_a_mixed_candidate(office):
    facts = {
        "age_years": 19,
        "education": "SPM",
        "customer_service_experience_months": 3,
        "work_authorization": True,
        "speaking_score": 72,
        "assessments_completed": ["personality", "skills"],
        "computer_skills": ["email", "data_entry", "crm"],
        "typing_wpm": 41,
        "availability": {"weekends": True},
    }
    sources = {"speaking_score": "measured", "assessments_completed": "measured", "typing_wpm": "measured"}
    result = Screener(office).screen(facts, sources)
    assert result.verdict == NOT_QUALIFIED  # the voice test is missing
    findings = {f.key: f for f in result.findings()}
    assert [f.key for f in result.findings()] == [rule.key for rule in office.rules]
    assert [f.status for f in result.findings()] == list(result.statuses)
    expected = {
        "min_age": (
            "Minimum age: 19 years meets the minimum of 18 years.",
            "Umur minimum: 19 tahun memenuhi minimum 18 tahun.",
        ),
        "education": (
            "Education: SPM meets the minimum of a high-school diploma or GED.",
            "Pendidikan: SPM memenuhi minimum SPM atau yang setaraf.",
        ),
        "customer_service_experience_months": (
            "Customer-service experience: 3 months is below the minimum of 6 months.",
            "Pengalaman khidmat pelanggan: 3 bulan kurang daripada minimum 6 bulan.",
        ),
        "work_authorization": ("Right to work: confirmed.", "Hak untuk bekerja: disahkan."),
        "speaking_score": (
            "Speaking skills: 72 points meets the minimum of 60 points.",
            "Kemahiran bertutur: 72 mata memenuhi minimum 60 mata.",
        ),
        "background_check": (
            "Criminal background check: not established yet.",
            "Semakan latar belakang jenayah: belum dipastikan.",
        ),
        "assessments": ("Online assessments: missing a voice test.", "Penilaian dalam talian: tiada ujian suara."),
        "call_center_experience_months": (
            "Call-center experience: not stated yet; the job prefers at least 6 months.",
            "Pengalaman pusat panggilan: belum dinyatakan; pekerjaan ini mengutamakan sekurang-kurangnya 6 bulan.",
        ),
        "computer_skills": (
            "Computer skills: has data entry and email.",
            "Kemahiran komputer: mempunyai kemasukan data dan e-mel.",
        ),
        "typing_wpm": (
            "Typing speed: 41 words per minute meets the minimum of 30 words per minute.",
            "Kelajuan menaip: 41 patah perkataan seminit memenuhi minimum 30 patah perkataan seminit.",
        ),
        "availability": ("Availability: available for weekends.", "Ketersediaan: boleh bekerja pada hujung minggu."),
    }
    for key, (en, ms) in expected.items():
        assert (findings[key].reason_en, findings[key].reason_ms) == (en, ms), key
        assert findings[key].reason("en") == en and findings[key].reason("ms") == ms
    assert findings["typing_wpm"].source == "measured" and findings["education"].source == "declared"
    assert findings["background_check"].value is None and findings["background_check"].source is None
    assert findings["min_age"].threshold == 18 and findings["min_age"].level == "required"
    assert findings["call_center_experience_months"].level == "preferred"


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_sentences_are_readable_in_both_languages(path):
    profile = demo(path.name)
    facts, sources = meeting_candidate(profile)
    failing = {}
    for rule in profile.rules:
        fact = rule.requirement.fact
        assert fact is not None
        failing[fact] = failing_value(rule)
    cases = [({}, {}), (facts, sources), (failing, sources), (facts, {}), (failing, {})]
    for case_facts, case_sources in cases:
        for finding in Screener(profile).screen(case_facts, case_sources).findings():
            for text in (finding.reason_en, finding.reason_ms):
                assert "None" not in text and "{" not in text and "[" not in text and "()" not in text, text
                assert text.endswith(".") and ": " in text and "  " not in text, text
                assert " ." not in text and " ," not in text, text
            label_en, label_ms = finding.reason_en.split(":")[0], finding.reason_ms.split(":")[0]
            req = next(rule.requirement for rule in profile.rules if rule.key == finding.key)
            assert (label_en, label_ms) == req.label


def test_describe_value():
    edu = parse_profile({"title": "x", "requirements": {"education": {"value": "bachelor"}}}).rules[0].requirement
    assert describe_value(edu, "bachelor", "en") == "a bachelor's degree"
    assert describe_value(edu, "bachelor", "ms") == "ijazah sarjana muda"
    assert describe_value(edu, True, "ms") == "ya"


# Purity -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_deterministic_and_pure(path):
    profile = demo(path.name)
    facts, sources = meeting_candidate(profile)
    facts["typing_wpm"] = 12
    before = copy.deepcopy((facts, sources, profile))
    screener = Screener(profile)
    first = screener.screen(facts, sources)
    for _ in range(3):
        again = screener.screen(facts, sources)
        assert (again.verdict, again.score, again.statuses) == (first.verdict, first.score, first.statuses)
        assert again.findings() == first.findings()
    other = screen(profile, facts, sources)
    assert (other.verdict, other.score, other.statuses) == (first.verdict, first.score, first.statuses)
    assert (facts, sources, profile) == before


def test_result_keeps_what_was_screened(office):
    facts, sources = meeting_candidate(office)
    screener = Screener(office)
    result = screener.screen(facts, sources)
    assert result.screener is screener and result.facts is facts and result.sources is sources
    assert dict(screener.screen(facts).sources) == {}
    assert dict(screener.screen(facts, None).sources) == {}
