"""The screening engine: (profile, candidate facts) -> verdict, findings and preference score.

Deterministic and pure. It reads only the facts the profile's requirements name, so a
protected attribute (sex, race, religion, ...) is never read, whatever the facts hold.
A `Screener` compiles a profile once so that bulk screening stays fast; findings and their
sentences are built only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from callhire.screening import vocab
from callhire.screening.catalog import Requirement
from callhire.screening.profile import Profile, Rule

MET = "met"
NOT_MET = "not_met"
UNKNOWN = "unknown"
WAIVED = "waived"

QUALIFIED = "qualified"
NOT_QUALIFIED = "not_qualified"
NEEDS_REVIEW = "needs_review"

VERDICT_NAMES: dict[str, tuple[str, str]] = {
    QUALIFIED: ("qualified", "layak"),
    NOT_QUALIFIED: ("not qualified", "tidak layak"),
    NEEDS_REVIEW: ("needs review", "perlu disemak"),
}

Check = Callable[[Any], str]


@dataclass(frozen=True)
class Finding:
    """What the engine concluded about one requirement, with the reason in English and Malay."""

    key: str
    level: str
    status: str
    threshold: Any
    value: Any
    source: str | None
    reason_en: str
    reason_ms: str

    def reason(self, lang: str) -> str:
        return self.reason_ms if lang == "ms" else self.reason_en


# Sentence pairs a screener keeps for answers it has explained (a bound on its memory).
EXPLAINED_KEPT = 50_000


@dataclass(frozen=True)
class Result:
    """A verdict, its 0-100 preference score, and one status per rule of the profile."""

    verdict: str
    score: int
    statuses: tuple[str, ...]
    screener: Screener
    facts: Mapping[str, Any]
    sources: Mapping[str, str]

    def findings(self) -> list[Finding]:
        """Return one explained finding per requirement of the profile."""
        out = []
        # Many candidates give the same answer: each sentence pair is written once per screener.
        explained = self.screener.explained
        if len(explained) > EXPLAINED_KEPT:
            explained.clear()
        for index, (rule, status) in enumerate(zip(self.screener.rules, self.statuses, strict=True)):
            fact = rule.requirement.fact
            value = self.facts.get(fact) if fact and status != WAIVED else None
            source = self.sources.get(fact, "declared") if fact and value is not None else None
            key = (index, status, repr(value), source)
            texts = explained.get(key)
            if texts is None:
                texts = explained[key] = (
                    explain(rule, status, value, source, "en"),
                    explain(rule, status, value, source, "ms"),
                )
            out.append(Finding(rule.key, rule.level, status, rule.value, value, source, *texts))
        return out


def _items(value: Any) -> Any:
    """Read a bare text answer as a one-item list, so "en" is not taken as the letters e and n."""
    return (value,) if isinstance(value, str) else value


def _education_rank(value: Any, order: Mapping[str, int]) -> int:
    """Rank an education code or a regional name of one (SPM, diploma, ...); raise for anything else."""
    rank = order.get(value)
    if rank is None:
        if not isinstance(value, str):
            raise TypeError("education must be text")
        code = vocab.EDUCATION_ALIASES.get(value.strip().casefold(), value)
        rank = order.get(code)
        if rank is None:
            raise ValueError(f"unknown education {value!r}")  # a person must look
    return rank


def _compile_check(rule: Rule) -> Check:
    """Return a function of the candidate's fact value that gives met or not_met."""
    req = rule.requirement
    threshold = rule.value
    compare = req.compare
    if compare == "at_least":
        # A bare True/False answers "are you at least ...?" without revealing the number.
        return lambda v: (MET if v else NOT_MET) if v is True or v is False else (MET if v >= threshold else NOT_MET)
    if compare == "at_most":
        return lambda v: MET if v <= threshold else NOT_MET
    if compare == "rank":
        order = {code: i for i, code in enumerate(vocab.EDUCATION_LEVELS)}
        need = order[threshold]
        meets = frozenset(code for code, i in order.items() if i >= need)

        def rank(v: Any) -> str:
            if v in meets:  # the common case: a code that meets the level
                return MET
            return MET if _education_rank(v, order) >= need else NOT_MET

        return rank
    if compare == "flag":
        return lambda v: MET if v is True else NOT_MET
    if compare == "all_of":
        need_set = frozenset(threshold)
        return lambda v: MET if need_set.issubset(_items(v)) else NOT_MET
    if compare == "one_of":
        allowed = frozenset(threshold)

        def one_of(v: Any) -> str:
            if isinstance(v, str):
                return MET if v in allowed else NOT_MET
            return MET if not allowed.isdisjoint(v) else NOT_MET

        return one_of
    if compare == "text_in":
        wanted = threshold.strip().casefold()
        return lambda v: MET if any(str(x).strip().casefold() == wanted for x in _items(v)) else NOT_MET
    if compare == "area":
        areas = [(area.casefold(), frozenset(area.casefold().replace(",", " ").split())) for area in threshold]
        return lambda v: MET if _lives_in(v, areas) else NOT_MET
    if compare == "headset":
        return lambda v: MET if v is True else NOT_MET
    if compare == "availability":
        return lambda v: MET if _available(v, threshold) else NOT_MET
    raise ValueError(f"unknown comparison {compare!r}")


def _lives_in(residence: Any, areas: list[tuple[str, frozenset[str]]]) -> bool:
    """Say whether a residence (a mapping of country/region/city/postcode, or text) lies in an area.

    Each area comes case-folded with the set of its words, both worked out once per profile.
    """
    if isinstance(residence, Mapping):
        parts = [str(residence.get(name, "")).strip().casefold() for name in ("postcode", "city", "region", "country")]
    else:
        parts = [str(residence).strip().casefold()]
    for area, words in areas:
        for part in parts:
            if part and (part == area or part in words or (" " in part and part in area)):
                return True
    return False


def _available(offer: Any, need: Mapping[str, Any]) -> bool:
    if not isinstance(offer, Mapping):
        return False
    for name in ("weekends", "nights"):
        if need.get(name) and offer.get(name) is not True:
            return False
    hours = need.get("hours_per_week")
    return not hours or (isinstance(offer.get("hours_per_week"), int) and offer["hours_per_week"] >= hours)


_NO_SOURCES: Mapping[str, str] = MappingProxyType({})


class Screener:
    """A profile compiled for screening many candidates."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.rules = profile.rules
        plan = []
        for rule in self.rules:
            req = rule.requirement
            required = rule.level == "required"
            waived = rule.waived or (req.compare == "headset" and rule.value == "provided")
            # A waived rule has a fixed status; the others read one fact, accepted only from the
            # catalog's sources (a fact with no source given counts as declared).
            fixed = (WAIVED if required else MET) if waived else None
            accepted = frozenset(req.sources)
            default_source = "declared" if "declared" in accepted else None
            plan.append((req.fact, required, rule.weight, fixed, accepted, default_source, _compile_check(rule)))
        self._plan = tuple(plan)
        self._preferred_weight = sum(rule.weight for rule in self.rules if rule.level == "preferred")
        self.explained: dict[tuple[int, str, str, str | None], tuple[str, str]] = {}

    def screen(self, facts: Mapping[str, Any], sources: Mapping[str, str] | None = None) -> Result:
        """Return the verdict for one candidate's facts (and where each fact came from)."""
        # The hot path of bulk screening: keep it to plain local lookups and no extra calls.
        if not sources:
            sources = _NO_SOURCES
        fact_of = facts.get
        source_of = sources.get
        statuses: list[str] = []
        append = statuses.append
        failed = unknown = False
        earned = 0
        for fact, required, weight, fixed, accepted, default_source, check in self._plan:
            if fixed is not None:
                status = fixed
            else:
                value = fact_of(fact)  # type: ignore[arg-type]
                if value is None or source_of(fact, default_source) not in accepted:  # type: ignore[arg-type]
                    status = UNKNOWN
                else:
                    try:
                        status = check(value)
                    except (TypeError, ValueError, KeyError):
                        # A fact of the wrong type is as good as no fact: a person must look.
                        status = UNKNOWN
            append(status)
            if required:
                if status is NOT_MET:
                    failed = True
                elif status is UNKNOWN:
                    unknown = True
            elif status is MET:
                earned += weight
        verdict = NOT_QUALIFIED if failed else NEEDS_REVIEW if unknown else QUALIFIED
        total = self._preferred_weight
        score = 100 if total == 0 else (200 * earned + total) // (2 * total)  # rounds half up
        return Result(verdict, score, tuple(statuses), self, facts, sources)

    # Rule by rule, for bulk re-screening: a job that sees the same answer to one requirement
    # many times works its status out once. screen() stays the reference; tests hold them equal.

    def rule_facts(self) -> tuple[str | None, ...]:
        """Return the fact each rule reads, or None for a rule whose status is fixed (waived)."""
        return tuple(None if fixed is not None else fact for fact, _r, _w, fixed, _a, _d, _c in self._plan)

    def rule_status(self, index: int, value: Any, source: Any = None, *, source_given: bool = False) -> str:
        """Return rule `index`'s status for a fact value, as screen() would.

        `source` counts only when `source_given`; otherwise the fact has no source recorded and
        the catalog's default applies.
        """
        _fact, _required, _weight, fixed, accepted, default_source, check = self._plan[index]
        if fixed is not None:
            return fixed
        if value is None or (source if source_given else default_source) not in accepted:
            return UNKNOWN
        try:
            return check(value)
        except (TypeError, ValueError, KeyError):
            return UNKNOWN

    def rule_check(self, index: int, value: Any) -> str:
        """Return rule `index`'s status for a fact value whose source the rule accepts."""
        _fact, _required, _weight, fixed, _accepted, _default, check = self._plan[index]
        if fixed is not None:
            return fixed
        if value is None:
            return UNKNOWN
        try:
            return check(value)
        except (TypeError, ValueError, KeyError):
            return UNKNOWN

    def rule_sources(self, index: int) -> tuple[frozenset[str], str | None]:
        """Return the sources rule `index` accepts, and the one a fact with no source recorded has."""
        _fact, _required, _weight, _fixed, accepted, default_source, _check = self._plan[index]
        return accepted, default_source

    def knocked_out(self, statuses: tuple[str, ...] | list[str]) -> frozenset[str]:
        """Return the keys of the required rules that one status per rule leaves not met."""
        return frozenset(
            rule.key
            for rule, status in zip(self.rules, statuses, strict=True)
            if status == NOT_MET and rule.level == "required"
        )

    def required_rules(self) -> list[tuple[str, dict[str, Any]]]:
        """Return the profile's required rules: two screeners with equal ones knock out the same candidates."""
        return sorted(
            ((rule.key, rule.to_document()) for rule in self.rules if rule.level == "required"), key=lambda r: r[0]
        )

    def verdict_of(self, statuses: tuple[str, ...] | list[str]) -> tuple[str, int]:
        """Return the (verdict, score) that one status per rule gives, as screen() would."""
        failed = unknown = False
        earned = 0
        for (_fact, required, weight, _f, _a, _d, _c), status in zip(self._plan, statuses, strict=True):
            if required:
                if status == NOT_MET:
                    failed = True
                elif status == UNKNOWN:
                    unknown = True
            elif status == MET:
                earned += weight
        verdict = NOT_QUALIFIED if failed else NEEDS_REVIEW if unknown else QUALIFIED
        total = self._preferred_weight
        return verdict, 100 if total == 0 else (200 * earned + total) // (2 * total)


# One letter per status, so a row can keep its statuses in a few bytes (statuses_code).
STATUS_LETTERS = {MET: "m", NOT_MET: "n", UNKNOWN: "u", WAIVED: "w"}
_LETTER_STATUSES = {letter: status for status, letter in STATUS_LETTERS.items()}


def statuses_code(statuses: tuple[str, ...] | list[str]) -> str:
    """Return one status per rule as a short string, one letter each."""
    return "".join(STATUS_LETTERS[status] for status in statuses)


def statuses_of_code(code: str) -> tuple[str, ...]:
    """Return the statuses a statuses_code stands for."""
    return tuple(_LETTER_STATUSES[letter] for letter in code)


def carried_rules(old: Screener, new: Screener) -> tuple[int | None, ...]:
    """Return, per rule of `new`, the rule of `old` that gives every candidate the same status, or None.

    A status depends on the rule's requirement, value, options and level, not on its weight.
    """
    places = {rule.status_key(): index for index, rule in enumerate(old.rules)}
    return tuple(places.get(rule.status_key()) for rule in new.rules)


def screen(profile: Profile, facts: Mapping[str, Any], sources: Mapping[str, str] | None = None) -> Result:
    """Return the verdict for one candidate; compile a Screener to screen many."""
    return Screener(profile).screen(facts, sources)


# Explanations -----------------------------------------------------------------------------


def _join(items: list[str], lang: str, last: str = "and") -> str:
    word = {"and": ("and", "dan"), "or": ("or", "atau")}[last][1 if lang == "ms" else 0]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def describe_value(req: Requirement, value: Any, lang: str, last: str = "and") -> str:
    """Write a threshold or a fact value of a requirement as words."""
    if isinstance(value, list | tuple | set | frozenset) and not value:
        return "tiada" if lang == "ms" else "none"
    if value is True and req.kind != "availability":
        return "yes" if lang != "ms" else "ya"
    if req.unit is not None and isinstance(value, int | float):
        return req.unit.format(value, lang)
    if req.key == "languages":
        return _join([vocab.name_of(vocab.LANGUAGES, c, lang) for c in value], lang, last)
    if req.kind == "availability" and isinstance(value, Mapping):
        return describe_availability(value, lang)
    if req.choices:
        if isinstance(value, list | tuple | set | frozenset):
            return _join([vocab.name_of(req.choices, str(c), lang) for c in sorted(value, key=str)], lang, last)
        return vocab.name_of(req.choices, str(value), lang)
    if isinstance(value, Mapping):
        return ", ".join(str(v) for v in value.values() if v)
    if isinstance(value, list | tuple | set | frozenset):
        return _join([str(v) for v in value], lang, last)
    return str(value)


def describe_availability(value: Mapping[str, Any], lang: str) -> str:
    parts = []
    if value.get("weekends"):
        parts.append("hujung minggu" if lang == "ms" else "weekends")
    if value.get("nights"):
        parts.append("syif malam" if lang == "ms" else "night shifts")
    hours = value.get("hours_per_week")
    if hours:
        parts.append(f"{hours} jam seminggu" if lang == "ms" else f"{hours} hours a week")
    return _join(parts, lang)


_TEMPLATES: dict[tuple[str, str], tuple[str, str]] = {
    ("at_least", MET): (
        "{label}: {value} meets the minimum of {threshold}.",
        "{label}: {value} memenuhi minimum {threshold}.",
    ),
    ("at_least", NOT_MET): (
        "{label}: {value} is below the minimum of {threshold}.",
        "{label}: {value} kurang daripada minimum {threshold}.",
    ),
    ("at_most", MET): (
        "{label}: {value} is within the maximum of {threshold}.",
        "{label}: {value} tidak melebihi maksimum {threshold}.",
    ),
    ("at_most", NOT_MET): (
        "{label}: {value} is above the maximum of {threshold}.",
        "{label}: {value} melebihi maksimum {threshold}.",
    ),
    ("rank", MET): (
        "{label}: {value} meets the minimum of {threshold}.",
        "{label}: {value} memenuhi minimum {threshold}.",
    ),
    ("rank", NOT_MET): (
        "{label}: {value} is below the minimum of {threshold}.",
        "{label}: {value} kurang daripada minimum {threshold}.",
    ),
    ("flag", MET): ("{label}: confirmed.", "{label}: disahkan."),
    ("flag", NOT_MET): (
        "{label}: not met, and the job requires it.",
        "{label}: tidak dipenuhi, sedangkan pekerjaan ini memerlukannya.",
    ),
    ("all_of", MET): ("{label}: has {threshold}.", "{label}: mempunyai {threshold}."),
    ("all_of", NOT_MET): ("{label}: missing {missing}.", "{label}: tiada {missing}."),
    ("one_of", MET): ("{label}: {value} is accepted.", "{label}: {value} diterima."),
    ("one_of", NOT_MET): (
        "{label}: {value} is not one of {threshold_or}.",
        "{label}: {value} bukan salah satu daripada {threshold_or}.",
    ),
    ("text_in", MET): ("{label}: has experience in {threshold}.", "{label}: berpengalaman dalam {threshold}."),
    ("text_in", NOT_MET): (
        "{label}: no experience in {threshold} stated.",
        "{label}: tiada pengalaman dalam {threshold} dinyatakan.",
    ),
    ("area", MET): ("{label}: lives in {threshold_or}.", "{label}: tinggal di {threshold_or}."),
    ("area", NOT_MET): ("{label}: lives outside {threshold_or}.", "{label}: tinggal di luar {threshold_or}."),
    ("headset", MET): ("{label}: has a headset ({threshold}).", "{label}: mempunyai set kepala ({threshold})."),
    ("headset", NOT_MET): (
        "{label}: no headset, and the job needs one ({threshold}).",
        "{label}: tiada set kepala, sedangkan pekerjaan ini memerlukannya ({threshold}).",
    ),
    ("availability", MET): ("{label}: available for {threshold}.", "{label}: boleh bekerja pada {threshold}."),
    ("availability", NOT_MET): (
        "{label}: not available for {threshold}.",
        "{label}: tidak boleh bekerja pada {threshold}.",
    ),
}


def explain(rule: Rule, status: str, value: Any, source: str | None, lang: str) -> str:
    """Return one sentence saying why a requirement has the status it has."""
    req = rule.requirement
    i = 1 if lang == "ms" else 0
    label = req.label_in(lang)
    threshold = describe_value(req, rule.value, lang)
    if status == WAIVED or (rule.waived and status == MET):  # a waived preferred rule counts as met
        if req.compare == "headset":
            return (f"{label}: provided by the employer.", f"{label}: disediakan oleh majikan.")[i]
        return (f"{label}: waived for independent contractors.", f"{label}: dikecualikan bagi kontraktor bebas.")[i]
    if req.compare == "headset" and rule.value == "provided":
        return (f"{label}: provided by the employer.", f"{label}: disediakan oleh majikan.")[i]
    if status == UNKNOWN:
        if value is None:
            if req.kind == "flag":
                return (f"{label}: not established yet.", f"{label}: belum dipastikan.")[i]
            wanted = threshold
            if req.compare == "at_least":
                wanted = (f"at least {threshold}", f"sekurang-kurangnya {threshold}")[i]
            elif req.compare == "at_most":
                wanted = (f"at most {threshold}", f"paling banyak {threshold}")[i]
            if rule.level == "preferred":
                return (
                    f"{label}: not stated yet; the job prefers {wanted}.",
                    f"{label}: belum dinyatakan; pekerjaan ini mengutamakan {wanted}.",
                )[i]
            return (
                f"{label}: not stated yet; the job asks for {wanted}.",
                f"{label}: belum dinyatakan; pekerjaan ini memerlukan {wanted}.",
            )[i]
        if source not in req.sources:
            have = vocab.name_of(vocab.FACT_SOURCES, source or "declared", lang)
            need = _join([vocab.name_of(vocab.FACT_SOURCES, s, lang) for s in req.sources], lang, "or")
            return (f"{label}: {have}, but it must be {need}.", f"{label}: {have}, tetapi mestilah {need}.")[i]
        return (
            f"{label}: the answer given cannot be read; a recruiter must check it.",
            f"{label}: jawapan yang diberi tidak dapat dibaca; perekrut perlu menyemaknya.",
        )[i]
    if req.compare == "at_least" and isinstance(value, bool):
        if status == MET:
            return (
                f"{label}: confirmed to be at least {threshold}.",
                f"{label}: disahkan sekurang-kurangnya {threshold}.",
            )[i]
        return (f"{label}: under {threshold}.", f"{label}: kurang daripada {threshold}.")[i]
    missing = ""
    if req.compare == "all_of" and status == NOT_MET:
        try:
            have = _items(value)
            gap = [c for c in rule.value if c not in have]
        except TypeError:
            gap = list(rule.value)
        missing = describe_value(req, gap, lang)
    template = _TEMPLATES[(req.compare, status)][i]
    return template.format(
        label=label,
        value=describe_value(req, value, lang),
        threshold=threshold,
        threshold_or=describe_value(req, rule.value, lang, "or"),
        missing=missing,
    )
