"""Properties of the engine over random profiles and candidates (hypothesis).

- Improving any fact never worsens the verdict (not_qualified < needs_review < qualified), the score,
  or any one requirement's status (not_met < unknown < met).
- No protected attribute is ever read: varying them changes nothing, and a recording mapping shows
  that only the facts the profile names are looked up.
- Any two ages at or above the minimum give the same result.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from callhire.screening import catalog, vocab
from callhire.screening.catalog import CATALOG
from callhire.screening.engine import (
    MET,
    NEEDS_REVIEW,
    NOT_MET,
    NOT_QUALIFIED,
    QUALIFIED,
    UNKNOWN,
    WAIVED,
    Result,
    Screener,
)
from callhire.screening.profile import Profile, parse_profile
from callhire.screening.tests.test_engine import meeting_value

VERDICT_RANK = {NOT_QUALIFIED: 0, NEEDS_REVIEW: 1, QUALIFIED: 2}
STATUS_RANK = {NOT_MET: 0, UNKNOWN: 1, MET: 2, WAIVED: 3}
SETTINGS = settings(max_examples=200, deadline=None)

LICENSES = ["rn", "insurance_license", "cpr", "series_7"]
INDUSTRIES = ["healthcare", "retail", "banking", "telecom"]
AREAS = ["Malaysia", "Selangor", "Kuala Lumpur", "Arizona", "United States", "50088"]
RESIDENCES = [
    "Malaysia",
    "Kuala Lumpur",
    {"city": "Petaling Jaya", "region": "Selangor", "country": "Malaysia", "postcode": "47800"},
    {"city": "Phoenix", "region": "Arizona", "country": "United States", "postcode": "85001"},
    {"city": "Kuala Lumpur", "postcode": "50088", "country": "Malaysia"},
    {"city": "Manila", "country": "Philippines"},
]
LANGS = ["en", "ms", "es", "ta", "zh", "tl"]
EQUIPMENT = ["second monitor", "webcam", "UPS"]
EDUCATION = list(vocab.EDUCATION_LEVELS) + ["SPM", "Diploma", "STPM", "ijazah"]

AT_LEAST_INT = {
    "age_years": (14, 99),
    "customer_service_experience_months": (0, 700),
    "call_center_experience_months": (0, 700),
    "sales_experience_months": (0, 700),
    "speaking_score": (0, 100),
    "service_judgement_score": (0, 100),
    "typing_wpm": (0, 200),
    "typing_accuracy": (0, 100),
}
AT_LEAST_NUMBER = {"internet_download_mbps", "internet_upload_mbps"}
AT_MOST = {"internet_latency_ms", "internet_jitter_ms", "internet_packet_loss_pct"}
FLAGS = {
    "work_authorization",
    "background_check_passed",
    "credit_check_passed",
    "math_passed",
    "writing_passed",
    "wired_connection",
    "quiet_workspace",
    "has_headset",
    "has_equipment",
    "can_attend_onsite",
    "drug_test_passed",
}
SETS = {
    "assessments_completed": list(vocab.ASSESSMENTS),
    "computer_skills": list(vocab.COMPUTER_SKILLS),
    "languages": LANGS,
    "licenses": LICENSES,
    "industries": INDUSTRIES,
}
FACTS = sorted({req.fact for req in CATALOG.values() if req.fact})


def test_the_strategies_cover_every_fact():
    covered = set(AT_LEAST_INT) | AT_LEAST_NUMBER | FLAGS | set(SETS)
    covered |= {"education", "computer_os", "residence", "availability"} | AT_MOST
    assert covered == set(FACTS)


# Strategies ---------------------------------------------------------------------------------------


def subsets(items: list[str], min_size: int = 0) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(items), unique=True, min_size=min_size, max_size=len(items))


availability_values = st.fixed_dictionaries(
    {},
    optional={"weekends": st.booleans(), "nights": st.booleans(), "hours_per_week": st.integers(1, 80)},
)


def threshold_of(req: catalog.Requirement) -> st.SearchStrategy[Any]:
    if req.kind == "int":
        assert req.lo is not None and req.hi is not None
        return st.integers(int(req.lo), int(req.hi))
    if req.kind == "number":
        assert req.lo is not None and req.hi is not None
        return st.floats(req.lo, req.hi) | st.integers(max(1, int(req.lo)), min(1000, int(req.hi)))
    if req.kind == "flag":
        return st.just(True)
    if req.kind == "choice":
        return st.sampled_from(sorted(req.choices))
    if req.kind == "choices":
        return subsets(sorted(req.choices), 1)
    if req.key == "licenses":
        return subsets(LICENSES, 1)
    if req.key == "equipment":
        return subsets(EQUIPMENT, 1)
    if req.key == "residency":
        return subsets(AREAS, 1)
    if req.kind == "text":
        return st.sampled_from(INDUSTRIES)
    assert req.kind == "availability"
    return availability_values.filter(bool)


@st.composite
def profiles(draw: st.DrawFn, must: str | None = None) -> Profile:
    engagement = draw(st.sampled_from(catalog.ENGAGEMENTS))
    requirements: dict[str, Any] = {}
    for req in CATALOG.values():
        level = "required" if req.key == must else draw(st.sampled_from(["not_asked", "required", "preferred"]))
        if level == "not_asked":
            continue
        spec: dict[str, Any] = {"level": level, "value": draw(threshold_of(req))}
        if level == "preferred":
            spec["weight"] = draw(st.integers(1, 10))
        if engagement in req.waivable_for:
            spec["waived"] = draw(st.booleans())
        requirements[req.key] = spec
    job = {"employment_type": engagement, "work_arrangement": draw(st.sampled_from(catalog.ARRANGEMENTS))}
    return parse_profile({"title": "Random agent", "job": job, "requirements": requirements})


def fact_value(fact: str) -> st.SearchStrategy[Any]:
    if fact in AT_LEAST_INT:
        low, high = AT_LEAST_INT[fact]
        return st.integers(low, high) | st.booleans()
    if fact in AT_LEAST_NUMBER:
        return st.floats(0, 2000) | st.integers(0, 2000)
    if fact in AT_MOST:
        return st.integers(0, 3000) | st.floats(0, 3000)
    if fact in FLAGS:
        return st.booleans()
    if fact in SETS:
        return subsets(SETS[fact])
    if fact == "education":
        return st.sampled_from(EDUCATION)
    if fact == "computer_os":
        return st.sampled_from(sorted(vocab.OPERATING_SYSTEMS)) | subsets(sorted(vocab.OPERATING_SYSTEMS))
    if fact == "residence":
        return st.sampled_from(RESIDENCES)
    assert fact == "availability"
    return availability_values


@st.composite
def candidates(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, str]]:
    facts: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for fact in FACTS:
        if draw(st.integers(0, 5)) == 0:
            continue  # not stated
        facts[fact] = draw(fact_value(fact))
        source = draw(st.sampled_from([None, *catalog.SOURCES]))
        if source is not None:
            sources[fact] = source
    return facts, sources


def education_rank(value: str) -> int:
    code = vocab.EDUCATION_ALIASES.get(value.strip().casefold(), value)
    return vocab.EDUCATION_LEVELS.index(code)


@st.composite
def better(draw: st.DrawFn, fact: str, value: Any) -> Any:
    """A value of the fact at least as good as the given one, for every requirement reading it."""
    if fact in AT_LEAST_INT or fact in AT_LEAST_NUMBER:
        if isinstance(value, bool):
            return True if not value else value
        if draw(st.booleans()):
            return True  # "yes, at least that"
        return value + draw(st.integers(0, 300) if isinstance(value, int) else st.floats(0, 300))
    if fact in AT_MOST:
        return value - draw(st.integers(0, 300))
    if fact in FLAGS:
        return True
    if fact in SETS:
        return sorted(set(value) | set(draw(subsets(SETS[fact]))))
    if fact == "education":
        return draw(st.sampled_from(vocab.EDUCATION_LEVELS[education_rank(value) :]))
    if fact == "computer_os":
        have = [value] if isinstance(value, str) else list(value)
        return sorted(set(have) | set(draw(subsets(sorted(vocab.OPERATING_SYSTEMS)))))
    if fact == "residence":
        return value  # places are not ordered
    assert fact == "availability"
    out = dict(value)
    for name in ("weekends", "nights"):
        if draw(st.booleans()):
            out[name] = True
    if draw(st.booleans()):
        out["hours_per_week"] = max(out.get("hours_per_week", 0), draw(st.integers(1, 80)))
    return out


def assert_no_worse(before: Result, after: Result) -> None:
    assert VERDICT_RANK[after.verdict] >= VERDICT_RANK[before.verdict], (before.statuses, after.statuses)
    assert after.score >= before.score
    for old, new in zip(before.statuses, after.statuses, strict=True):
        assert STATUS_RANK[new] >= STATUS_RANK[old]


# Monotonicity ---------------------------------------------------------------------------------------


@SETTINGS
@given(profiles(), candidates(), st.data())
def test_improving_one_fact_never_worsens(profile, candidate, data):
    facts, sources = candidate
    assume(facts)
    fact = data.draw(st.sampled_from(sorted(facts)))
    improved = {**facts, fact: data.draw(better(fact, facts[fact]))}
    screener = Screener(profile)
    assert_no_worse(screener.screen(facts, sources), screener.screen(improved, sources))


@SETTINGS
@given(profiles(), candidates(), st.data())
def test_improving_many_facts_never_worsens(profile, candidate, data):
    facts, sources = candidate
    chosen = data.draw(st.lists(st.sampled_from(FACTS), unique=True)) if facts else []
    improved = dict(facts)
    for fact in chosen:
        if fact in facts:
            improved[fact] = data.draw(better(fact, facts[fact]))
    screener = Screener(profile)
    assert_no_worse(screener.screen(facts, sources), screener.screen(improved, sources))


def meeting_fact(profile: Profile, fact: str) -> tuple[Any, str] | None:
    """A value of the fact meeting every rule of the profile that reads it, and a source all accept."""
    rules = [rule for rule in profile.rules if rule.requirement.fact == fact]
    if not rules:
        return None
    values = [meeting_value(rule) for rule in rules]
    value = max(values, key=vocab.EDUCATION_LEVELS.index) if fact == "education" else values[0]
    accepted = set.intersection(*(set(rule.requirement.sources) for rule in rules))
    source = "measured" if "measured" in accepted else sorted(accepted)[0]
    return value, source


@SETTINGS
@given(profiles(), candidates(), st.data())
def test_a_fact_that_meets_instead_of_an_unknown_one_never_worsens(profile, candidate, data):
    facts, sources = candidate
    screener = Screener(profile)
    before = screener.screen(facts, sources)
    unknown = sorted(
        {
            rule.requirement.fact
            for rule, status in zip(profile.rules, before.statuses, strict=True)
            if status == UNKNOWN and rule.requirement.fact
        }
    )
    assume(unknown)
    fact = data.draw(st.sampled_from(unknown))
    met = meeting_fact(profile, fact)
    assert met is not None
    value, source = met
    after = screener.screen({**facts, fact: value}, {**sources, fact: source})
    assert_no_worse(before, after)


@SETTINGS
@given(profiles(), candidates())
def test_measured_instead_of_missing_never_worsens_a_fact_that_meets(profile, candidate):
    """Every fact meets the profile but has no source; measuring the ones that allow it never hurts."""
    facts: dict[str, Any] = {}
    for fact in FACTS:
        met = meeting_fact(profile, fact)
        if met is not None:
            facts[fact] = met[0]
    measured = {
        fact: "measured"
        for fact in facts
        if all("measured" in r.requirement.sources for r in profile.rules if r.requirement.fact == fact)
    }
    screener = Screener(profile)
    assert_no_worse(screener.screen(facts, {}), screener.screen(facts, measured))


def test_unknown_is_not_a_pass():
    """The reverse is by design: a measured fact that fails is worse than no fact at all."""
    profile = parse_profile({"title": "x", "requirements": {"typing_wpm": {"value": 40}}})
    screener = Screener(profile)
    assert screener.screen({"typing_wpm": 20}).verdict == NEEDS_REVIEW  # declared: a person looks
    assert screener.screen({"typing_wpm": 20}, {"typing_wpm": "measured"}).verdict == NOT_QUALIFIED


# Invariants -------------------------------------------------------------------------------------------


@SETTINGS
@given(profiles(), candidates())
def test_verdict_score_and_findings_agree(profile, candidate):
    facts, sources = candidate
    result = Screener(profile).screen(facts, sources)
    required = [s for r, s in zip(profile.rules, result.statuses, strict=True) if r.level == "required"]
    if NOT_MET in required:
        assert result.verdict == NOT_QUALIFIED
    elif UNKNOWN in required:
        assert result.verdict == NEEDS_REVIEW
    else:
        assert result.verdict == QUALIFIED
    assert 0 <= result.score <= 100
    total = sum(r.weight for r in profile.rules if r.level == "preferred")
    earned = sum(
        r.weight for r, s in zip(profile.rules, result.statuses, strict=True) if r.level == "preferred" and s == MET
    )
    assert result.score == (100 if total == 0 else round(100 * earned / total + 1e-9))
    findings = result.findings()
    assert [f.status for f in findings] == list(result.statuses)
    for finding in findings:
        for text in (finding.reason_en, finding.reason_ms):
            assert text and "None" not in text and "{" not in text


# Protected attributes ------------------------------------------------------------------------------------

protected_values = st.dictionaries(
    st.sampled_from(sorted(vocab.PROTECTED_ATTRIBUTES)),
    st.none() | st.booleans() | st.integers() | st.text(max_size=10) | st.lists(st.text(max_size=5), max_size=3),
)


@SETTINGS
@given(profiles(), candidates(), protected_values, protected_values)
def test_protected_attributes_change_nothing(profile, candidate, one, other):
    facts, sources = candidate
    screener = Screener(profile)
    first = screener.screen({**facts, **one}, {**sources, **dict.fromkeys(one, "verified")})
    second = screener.screen({**facts, **other}, sources)
    plain = screener.screen(facts, sources)
    for result in (first, second):
        assert (result.verdict, result.score, result.statuses) == (plain.verdict, plain.score, plain.statuses)
        assert result.findings() == plain.findings()


class RecordingFacts(Mapping[str, Any]):
    """A mapping that notes every key looked up, and fails on any attempt to walk all of them."""

    def __init__(self, data: Mapping[str, Any]):
        self._data = dict(data)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("the engine must not walk every fact")

    def __len__(self) -> int:
        return len(self._data)


@SETTINGS
@given(profiles(), candidates(), protected_values)
def test_only_the_profiles_facts_are_read(profile, candidate, protected):
    facts, sources = candidate
    recorded = RecordingFacts({**facts, **protected})
    recorded_sources = RecordingFacts({**sources, **dict.fromkeys(protected, "verified")})
    result = Screener(profile).screen(recorded, recorded_sources)
    result.findings()
    named = {rule.requirement.fact for rule in profile.rules}
    for mapping in (recorded, recorded_sources):
        assert not mapping.read & vocab.PROTECTED_ATTRIBUTES
        assert mapping.read <= named


def test_recording_mapping_sees_reads():
    profile = parse_profile({"title": "x", "requirements": {"min_age": {"value": 18}, "drug_test": {}}})
    recorded = RecordingFacts({"age_years": 30, "sex": "f", "religion": "x"})
    Screener(profile).screen(recorded).findings()
    assert recorded.read == {"age_years", "drug_test_passed"}


# Age ---------------------------------------------------------------------------------------------------


ages = st.integers(14, 120) | st.just(True)


@SETTINGS
@given(profiles(must="min_age"), candidates(), ages, ages)
def test_age_beyond_the_minimum_changes_nothing(profile, candidate, one, other):
    facts, sources = candidate
    rule = profile.rule("min_age")
    assert rule is not None
    minimum = rule.value
    assume(one is True or one >= minimum)
    assume(other is True or other >= minimum)
    screener = Screener(profile)
    first = screener.screen({**facts, "age_years": one}, sources)
    second = screener.screen({**facts, "age_years": other}, sources)
    assert (first.verdict, first.score, first.statuses) == (second.verdict, second.score, second.statuses)


@SETTINGS
@given(profiles(must="min_age"), candidates(), st.integers(14, 120), st.integers(14, 120))
def test_any_two_ages_at_or_above_the_minimum_agree(profile, candidate, a, b):
    facts, sources = candidate
    rule = profile.rule("min_age")
    assert rule is not None
    minimum = rule.value
    one, other = minimum + abs(a - 14), minimum + abs(b - 14)
    screener = Screener(profile)
    first = screener.screen({**facts, "age_years": one}, sources)
    second = screener.screen({**facts, "age_years": other}, sources)
    assert (first.verdict, first.score, first.statuses) == (second.verdict, second.score, second.statuses)
