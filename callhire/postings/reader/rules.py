"""All language packs merged and compiled once: what the extractors search with."""

from __future__ import annotations

import re
from dataclasses import fields
from functools import lru_cache
from typing import Any

from callhire.postings.reader.lang import PACKS, LanguagePack

FLAGS = re.IGNORECASE | re.MULTILINE

Pattern = re.Pattern[str]


# For each compiled pattern, words one of which must occur in any text it matches (None: no
# such words are known). A posting that contains none of them is not searched at all, which
# keeps the reader fast: most patterns find nothing in most postings.
KEYWORDS: dict[Pattern, tuple[str, ...] | None] = {}


def literal(source: str) -> str | None:
    """The longest run of letters that every match of source must contain, if one is found."""
    depth, i, best, run = 0, 0, "", ""
    n = len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            run = ""
            i += 2
            continue
        if c == "[":
            j = source.find("]", i + 2)
            i = n if j < 0 else j + 1
            run = ""
            continue
        if c == "(":
            depth += 1
            run = ""
        elif c == ")":
            depth -= 1
            run = ""
        elif c == "|" and depth == 0:
            return None
        elif depth == 0 and (c.isalpha() or c in " '-"):
            nxt = source[i + 1] if i + 1 < n else ""
            if nxt in "?*{":
                run = ""
            else:
                run += c
                if len(run.strip(" '-")) > len(best):
                    best = run.strip(" '-")
        else:
            run = ""
        i += 1
    return best.lower() if len(best) >= 2 else None


@lru_cache(maxsize=4096)
def rx(source: str) -> Pattern:
    pattern = re.compile(source, FLAGS)
    word = literal(source)
    KEYWORDS[pattern] = (word,) if word else None
    return pattern


def any_of(sources: tuple[str, ...] | list[str]) -> Pattern:
    """One pattern matching any of the sources (they must not use named groups)."""
    if not sources:
        return re.compile(r"(?!x)x")
    pattern = rx("|".join(f"(?:{s})" for s in sources))
    words = [literal(s) for s in sources]
    KEYWORDS[pattern] = None if any(w is None for w in words) else tuple(dict.fromkeys(w for w in words if w))
    ALTERNATIVES[pattern] = tuple(zip(sources, words, strict=True))
    return pattern


ALTERNATIVES: dict[Pattern, tuple[tuple[str, str | None], ...]] = {}


def may_match(pattern: Pattern, lowered: str) -> bool:
    words = KEYWORDS.get(pattern)
    return words is None or any(w in lowered for w in words)


def narrow(pattern: Pattern, lowered: str) -> Pattern | None:
    """The pattern cut down to the alternatives that can match this text (None: none can)."""
    alternatives = ALTERNATIVES.get(pattern)
    if alternatives is None:
        return pattern if may_match(pattern, lowered) else None
    kept = tuple(src for src, word in alternatives if word is None or word in lowered)
    if not kept:
        return None
    if len(kept) == len(alternatives):
        return pattern
    return _subset(kept)


@lru_cache(maxsize=8192)
def _subset(sources: tuple[str, ...]) -> Pattern:
    return re.compile("|".join(f"(?:{s})" for s in sources), FLAGS)


def _merge(packs: list[LanguagePack]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for f in fields(LanguagePack):
        if f.name in ("code", "name", "detect_words", "messages"):
            continue
        values = [getattr(p, f.name) for p in packs]
        first = values[0]
        if isinstance(first, dict):
            out: dict[str, Any] = {}
            for v in values:
                for k, item in v.items():
                    if isinstance(item, tuple):
                        prev = out.get(k, ())
                        out[k] = tuple(prev) + item if isinstance(prev, tuple) else item
                    else:
                        out.setdefault(k, item)
            merged[f.name] = out
        elif isinstance(first, tuple):
            merged[f.name] = tuple(x for v in values for x in v)
        else:
            merged[f.name] = first
    return merged


class Rules:
    """Compiled patterns of every pack."""

    def __init__(self, packs: list[LanguagePack]) -> None:
        m = _merge(packs)
        self.raw = m
        g = m.__getitem__
        self.pref_bare = any_of(g("preferred_bare"))
        self.pref_copula = any_of(g("preferred_copula"))
        self.pref_any = any_of(tuple(g("preferred_bare")) + tuple(g("preferred_copula")))
        self.required = any_of(g("required_markers"))
        self.negation = any_of(g("negations"))
        self.filler = frozenset(g("marker_filler"))
        self.sec_pref = any_of(g("section_preferred"))
        self.sec_req = any_of(g("section_required"))
        self.sec_ben = any_of(g("section_benefits"))
        self.sec_duty = any_of(g("section_duties"))
        numbers: dict[str, float] = g("number_words")
        self.number_words = {k.lower(): v for k, v in numbers.items()}
        durations: dict[str, int] = g("duration_words")
        self.duration_words = {k.lower(): v for k, v in durations.items()}
        words = "|".join(re.escape(w) for w in sorted(self.number_words, key=len, reverse=True))
        num = rf"(?:(?:{words})(?:\s*\(\s*\d+(?:\.\d+)?\s*\))?|\d+(?:\.\d+)?)"
        years = "|".join(g("year_units"))
        months = "|".join(g("month_units"))
        ranges = "|".join(g("range_words"))
        dwords = "|".join(re.escape(w) for w in sorted(self.duration_words, key=len, reverse=True))
        self.duration = rx(
            rf"\b(?:(?P<a>{num})\s*\+?\s*(?:(?:{ranges})\s*(?P<b>{num})\s*\+?\s*)?(?:-\s*)?(?:(?P<y>{years})|(?P<m>{months}))(?!\w)"
            rf"|(?P<dw>{dwords})(?!\w))"
        )
        self.years_re = rx(rf"^(?:{years})$")
        self.age_after = rx(r"^\s*(?:of age|old|and (?:above|older|over)|or older|or over|ke atas|dan ke atas)\b")
        self.age_before = rx(r"\b(?:aged?|ages|umur|berumur|berusia|usia)\s*:?\s*$")
        self.experience = any_of(g("experience_words"))
        self.domains = {k: any_of(v) for k, v in g("experience_domains").items()}
        self.weak_domains = {k: any_of(v) for k, v in g("experience_weak_domains").items()}
        self.other_fields = any_of(g("experience_other_fields"))
        self.not_candidate_exp = any_of(g("experience_not_candidate"))
        self.alternative = any_of(g("alternative_words"))
        self.education = {k: [rx(s) for s in v] for k, v in g("education").items()}
        self.education_none = any_of(g("education_none"))
        self.age = [rx(s) for s in g("age")]
        self.age_not_candidate = any_of(g("age_not_candidate"))
        self.flags = {k: any_of(v) for k, v in g("flags").items()}
        self.flag_exclude = {k: any_of(v) for k, v in g("flag_exclude").items()}
        self.credit_ctx = any_of(g("credit_candidate_context"))
        self.credit_not = any_of(g("credit_not_candidate"))
        self.computer_skills = {k: any_of(v) for k, v in g("computer_skills").items()}
        self.computer_exclude = {k: any_of(v) for k, v in g("computer_skill_exclude").items()}
        self.assessments = {k: any_of(v) for k, v in g("assessments").items()}
        self.licenses = {k: any_of(v) for k, v in g("licenses").items()}
        self.languages = {k: any_of(v) for k, v in g("languages").items()}
        self.language_ctx = any_of(g("language_context"))
        self.bilingual = any_of(g("bilingual"))
        self.typing = [rx(s) for s in g("typing_wpm")]
        self.typing_accuracy = [rx(s) for s in g("typing_accuracy")]
        self.download = any_of(g("download_words"))
        self.upload = any_of(g("upload_words"))
        self.both = any_of(g("both_directions"))
        self.speed = rx(
            r"(?P<a>\d+(?:\.\d+)?)\s*(?:/\s*(?P<b>\d+(?:\.\d+)?)\s*)?(?:mbps|mb/s|mbit/s|megabits?(?: per second)?|mbs)\b"
        )
        self.latency = [rx(s) for s in g("latency")]
        self.wired_exclusion = any_of(g("wired_by_exclusion"))
        self.headset = any_of(g("headset_words"))
        self.headset_provided = any_of(g("headset_provided"))
        self.headset_buys = any_of(g("headset_candidate_buys"))
        self.headset_not = any_of(g("headset_not_requirement"))
        self.arrangement = {k: any_of(v) for k, v in g("work_arrangement").items()}
        self.arrangement_not = any_of(g("arrangement_not_job"))
        self.employment = {k: any_of(v) for k, v in g("employment_type").items()}
        self.hours = {k: any_of(v) for k, v in g("hours").items()}
        self.residency = [rx(s) for s in g("residency")]
        self.schedule = any_of(g("schedule"))
        self.weekends = any_of(g("schedule_weekends"))
        self.nights = any_of(g("schedule_nights"))
        currencies: dict[str, str] = g("currencies")
        self.currency_codes = [(rx(k), v) for k, v in currencies.items()]
        cur = "|".join(f"(?:{k})" for k in currencies)
        amount = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"
        self.money = rx(
            rf"(?P<cur>{cur})\s?(?P<a>{amount})\s*(?P<ka>k\b)?"
            rf"(?:\s*(?:-|–|—|to|hingga|sehingga)\s*(?:{cur})?\s?(?P<b>{amount})\s*(?P<kb>k\b)?)?"
        )
        self.pay_periods = {k: any_of(v) for k, v in g("pay_periods").items()}
        self.pay_context = any_of(g("pay_context"))
        self.pay_not = any_of(g("pay_not_wage"))
        self.pay_up_to = any_of(g("pay_up_to"))
        self.pay_from = any_of(g("pay_from"))
        self.title_domains = {k: any_of(v) for k, v in g("title_domains").items()}
        self.equipment = {k: any_of(v) for k, v in g("equipment").items()}
        self.industry = [rx(s) for s in g("industry_knowledge")]
        self.detect = {p.code: p.detect_words for p in packs}
        self.messages = {p.code: p.messages for p in packs}


@lru_cache(maxsize=1)
def rules() -> Rules:
    return Rules(list(PACKS.values()))
