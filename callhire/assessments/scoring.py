"""Scoring of the four sections. Plain functions of a bank and the candidate's answers.

The formulas, bands and the consistency check are described in docs/assessments.md; every
score says how it was reached (`ItemResult.detail`), so a recruiter can check it by hand.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from callhire.assessments.banks import LANGS, Bank, Item

# Typing -------------------------------------------------------------------------------------

CHARS_PER_WORD = 5


@dataclass(frozen=True)
class TypingResult:
    gross_wpm: float
    net_wpm: float
    accuracy: float  # 0-100, one decimal
    characters_typed: int
    correct_characters: int
    uncorrected_errors: int
    minutes: float
    keystrokes: int | None = None  # entries in the keystroke log, when one was given
    backspaces: int | None = None  # Backspace presses in the log: errors the candidate corrected
    log_matches: bool | None = None  # does replaying the log give the typed text? (None: no log)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_typed(passage: str, typed: str) -> str:
    """The typed text as scored: newlines normalised; a run of whitespace at the very end counts as
    one space where the passage has whitespace at that point and is dropped otherwise."""
    typed = _normalise_newlines(typed)
    body = typed.rstrip()
    if len(body) < len(typed) and len(body) < len(passage) and passage[len(body)].isspace():
        return body + " "
    return body


def replay(keystrokes: list[tuple[int, str]]) -> str:
    """The text a keystroke log produces: one-character keys append, "Backspace" deletes the last
    character, "Enter" appends a newline; other keys (Shift, arrows, ...) are ignored."""
    out: list[str] = []
    for _, key in keystrokes:
        if key == "Backspace":
            if out:
                out.pop()
        elif key == "Enter":
            out.append("\n")
        elif len(key) == 1:
            out.append(key)
    return "".join(out)


def score_typing(
    passage: str, typed: str, seconds: float, keystrokes: list[tuple[int, str]] | None = None
) -> TypingResult:
    """Score one typing attempt.

    gross WPM = (characters typed / 5) / minutes; net WPM = max(0, gross - uncorrected errors / minutes);
    accuracy = correct characters / characters typed x 100. An uncorrected error is a character of the
    final typed text that differs from the passage at the same position (typing past the end of the
    passage is an error too); the untyped remainder of the passage costs nothing.
    """
    if not seconds or seconds <= 0 or math.isnan(seconds):
        raise ValueError(f"the elapsed time must be more than 0 seconds, not {seconds!r}")
    passage = _normalise_newlines(passage).rstrip()
    text = normalise_typed(passage, typed)
    minutes = seconds / 60
    typed_count = len(text)
    errors = sum(1 for i, ch in enumerate(text) if i >= len(passage) or passage[i] != ch)
    correct = typed_count - errors
    gross = (typed_count / CHARS_PER_WORD) / minutes
    net = max(0.0, gross - errors / minutes)
    accuracy = 100.0 * correct / typed_count if typed_count else 0.0
    log_count = backspaces = None
    matches = None
    if keystrokes is not None:
        log_count = len(keystrokes)
        backspaces = sum(1 for _, key in keystrokes if key == "Backspace")
        matches = normalise_typed(passage, replay(keystrokes)) == text
    return TypingResult(
        gross_wpm=round(gross, 1),
        net_wpm=round(net, 1),
        accuracy=round(accuracy, 1),
        characters_typed=typed_count,
        correct_characters=correct,
        uncorrected_errors=errors,
        minutes=round(minutes, 4),
        keystrokes=log_count,
        backspaces=backspaces,
        log_matches=matches,
    )


# Results of the other sections ---------------------------------------------------------------


@dataclass(frozen=True)
class ItemResult:
    item_id: str
    points: float
    max_points: float
    answer: Any
    correct: bool | None  # None: no right or wrong (the written reply, scored by rubric)
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SectionResult:
    score: int  # 0-100
    items: list[ItemResult]
    by_area: dict[str, int] = field(default_factory=dict)  # 0-100 per area (skills) or topic (judgement)

    def as_dict(self) -> dict[str, Any]:
        return {"score": self.score, "by_area": dict(self.by_area), "items": [i.as_dict() for i in self.items]}


def _round_half_up(value: float) -> int:
    return int(math.floor(value + 0.5))


def _percent(items: list[ItemResult]) -> float:
    top = sum(i.max_points for i in items)
    return 100.0 * sum(i.points for i in items) / top if top else 0.0


def _check_bank(bank: Bank, section: str) -> None:
    if bank.section != section:
        raise ValueError(f"expected the {section} bank, got the {bank.section} bank")


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


NOT_ANSWERED = {"en": "not answered", "ms": "tidak dijawab"}


# Skills -------------------------------------------------------------------------------------

_NUMBER_JUNK = re.compile(r"(?i)\b(rm|usd|myr)\b|[$%\s]")


def parse_number(value: Any) -> float:
    """A number from a candidate's answer: 12.5, "12.50", "RM 1,250.00", "$45", "15%", "12,5".

    A comma followed by exactly three digits separates thousands; any other comma is a decimal point.
    Raises ValueError for anything else.
    """
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int | float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError("not a number")
        return float(value)
    text = _NUMBER_JUNK.sub("", str(value))
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    elif re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(",", ".")
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text):
        raise ValueError("not a number")
    return float(text)


def _fmt(number: float) -> str:
    return f"{number:g}" if abs(number) < 1e15 else str(number)


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    word = keyword.strip().lower()
    prefix = word.endswith("*")
    word = word.rstrip("*")
    body = r"\s+".join(re.escape(part) for part in word.split())
    return re.compile(r"(?<!\w)" + body + ("" if prefix else r"(?!\w)"))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:['\u2019-]\w+)*", text)


def _shouting(text: str) -> bool:
    """A run of three words in capitals ("PLEASE READ THIS"), or mostly capital letters overall."""
    run = 0
    for token in text.split():
        letters = [c for c in token if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            run += 1
            if run >= 3:
                return True
        elif letters:
            run = 0
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.6


RUBRIC_WORDS = {
    "en": {"met": "met", "missed": "not met", "penalty": "penalty", "words": "words", "empty": "no reply written"},
    "ms": {
        "met": "dipenuhi",
        "missed": "tidak dipenuhi",
        "penalty": "penalti",
        "words": "patah perkataan",
        "empty": "tiada balasan ditulis",
    },
}


def score_reply(item: Item, text: str | None, lang: str) -> tuple[int, int, str, dict[str, bool]]:
    """Score a written reply against the item's rubric.

    Returns (points, max_points, detail, met) where `met` maps each criterion id to whether its
    check held. Points are the sum of the points of every criterion that holds (penalties are
    negative), kept between 0 and the sum of the positive points.
    """
    _check_lang(lang)
    d = item.data
    words_text = RUBRIC_WORDS[lang]
    maximum = sum(c["points"] for c in d["rubric"] if c["points"] > 0)
    if _blank(text):
        return 0, maximum, words_text["empty"], {c["id"]: False for c in d["rubric"]}
    assert text is not None
    low = " ".join(text.lower().split())
    tokens = low.split()
    count = len(_words(text))
    met: dict[str, bool] = {}
    total = 0
    hits: list[str] = []
    misses: list[str] = []
    penalties: list[str] = []
    for crit in d["rubric"]:
        check = crit["check"]
        if check == "length":
            holds = d["min_words"] <= count <= d["max_words"]
        elif check == "all_caps":
            holds = _shouting(text)
        else:
            region = low
            if "start_words" in crit:
                region = " ".join(tokens[: crit["start_words"]])
            elif "end_words" in crit:
                region = " ".join(tokens[-crit["end_words"] :])
            holds = all(
                any(_keyword_pattern(k).search(region) for lg in LANGS for k in group[lg]) for group in crit["groups"]
            )
        met[crit["id"]] = holds
        label = crit["label"][lang]
        if crit["points"] > 0:
            if holds:
                total += crit["points"]
                hits.append(f"{label} (+{crit['points']})")
            else:
                misses.append(f"{label} (0/{crit['points']})")
        elif holds:
            total += crit["points"]
            penalties.append(f"{label} ({crit['points']})")
    parts = []
    if hits:
        parts.append(f"{words_text['met']}: " + ", ".join(hits))
    if misses:
        parts.append(f"{words_text['missed']}: " + ", ".join(misses))
    if penalties:
        parts.append(f"{words_text['penalty']}: " + ", ".join(penalties))
    parts.append(f"{count} {words_text['words']}")
    return max(0, min(total, maximum)), maximum, "; ".join(parts), met


def score_skills(
    bank: Bank, answers: Mapping[str, Any], lang: str, *, overrides: Mapping[str, float] | None = None
) -> SectionResult:
    """Score the skills section. `answers` maps item id to an option id (choice), a number or text
    (number) or the reply text (written). `overrides` maps a written item's id to the points the
    recruiter gave instead of the automatic score. Practice items and unknown ids are ignored."""
    _check_bank(bank, "skills")
    _check_lang(lang)
    overrides = overrides or {}
    results: list[ItemResult] = []
    areas: dict[str, list[ItemResult]] = {}
    for item in bank.scored_items():
        d = item.data
        given = answers.get(item.id)
        if d["kind"] == "written":
            points, maximum, detail, _ = score_reply(item, given, lang)
            points_f: float = points
            if item.id in overrides:
                chosen = max(0.0, min(float(overrides[item.id]), float(maximum)))
                auto = f"automatic {points}/{maximum}" if lang == "en" else f"automatik {points}/{maximum}"
                who = "recruiter override" if lang == "en" else "pindaan perekrut"
                detail = f"{who}: {_fmt(chosen)}/{maximum} ({auto}); {detail}"
                points_f = chosen
            result = ItemResult(item.id, points_f, maximum, given, None, detail)
        elif _blank(given):
            result = ItemResult(item.id, 0, 1, None, False, NOT_ANSWERED[lang])
        elif d["kind"] == "choice":
            ok = str(given) == d["answer"]
            detail = ("correct" if lang == "en" else "betul") if ok else f"{given} ≠ {d['answer']}"
            result = ItemResult(item.id, int(ok), 1, given, ok, detail)
        else:
            try:
                value = parse_number(given)
            except ValueError:
                detail = "not a number" if lang == "en" else "bukan nombor"
                result = ItemResult(item.id, 0, 1, given, False, f"{detail}: {given!r}")
            else:
                ok = abs(value - d["answer"]) <= d["tolerance"] + 1e-9
                key = _fmt(d["answer"]) + (f" ± {_fmt(d['tolerance'])}" if d["tolerance"] else "")
                detail = f"{_fmt(value)} = {key}" if ok else f"{_fmt(value)} ≠ {key}"
                result = ItemResult(item.id, int(ok), 1, given, ok, detail)
        results.append(result)
        areas.setdefault(d["area"], []).append(result)
    shares = {area: _percent(found) for area, found in areas.items()}
    score = _round_half_up(sum(shares.values()) / len(shares)) if shares else 0
    return SectionResult(score, results, {area: _round_half_up(v) for area, v in shares.items()})


# Judgement ----------------------------------------------------------------------------------


def score_judgement(bank: Bank, answers: Mapping[str, Any]) -> SectionResult:
    """+1 for the keyed best chosen as best, +1 for the keyed worst chosen as worst, -1 when the keyed
    worst is chosen as best; at least 0 per item. Score = points / (2 x items) x 100; `by_area` by topic."""
    _check_bank(bank, "judgement")
    results: list[ItemResult] = []
    topics: dict[str, list[ItemResult]] = {}
    for item in bank.scored_items():
        d = item.data
        given = answers.get(item.id)
        picked: dict[str, Any] = dict(given) if isinstance(given, Mapping) else {}
        best, worst = picked.get("best"), picked.get("worst")
        if _blank(best) and _blank(worst):
            result = ItemResult(item.id, 0, 2, None, False, "not answered")
        elif best is not None and best == worst:
            result = ItemResult(item.id, 0, 2, picked, False, f"the same response ({best}) chosen as best and worst")
        else:
            raw = 0
            notes = []
            if best == d["best"]:
                raw += 1
                notes.append("best: right")
            elif best == d["worst"]:
                raw -= 1
                notes.append(f"best: chose the keyed worst ({best}) (-1)")
            else:
                notes.append(f"best: {best} (key {d['best']})")
            if worst == d["worst"]:
                raw += 1
                notes.append("worst: right")
            else:
                notes.append(f"worst: {worst} (key {d['worst']})")
            points = max(0, raw)
            result = ItemResult(item.id, points, 2, picked, points == 2, "; ".join(notes))
        results.append(result)
        topics.setdefault(d["topic"], []).append(result)
    return SectionResult(
        _round_half_up(_percent(results)),
        results,
        {topic: _round_half_up(_percent(found)) for topic, found in topics.items()},
    )


# Work style ---------------------------------------------------------------------------------

LOW_BELOW = 2.5  # mean < 2.5: low
HIGH_FROM = 3.75  # 2.5 <= mean < 3.75: medium; mean >= 3.75: high
DISAGREE_GAP = 3  # a consistency pair disagrees when its adjusted answers differ by 3 or more
MAX_DISAGREEMENTS = 1  # two disagreeing pairs or more: inconsistent
STRAIGHT_LINE_MIN = 5  # straight-lining is judged once at least this many statements are answered


def band(mean: float) -> str:
    if mean < LOW_BELOW:
        return "low"
    if mean < HIGH_FROM:
        return "medium"
    return "high"


@dataclass(frozen=True)
class WorkStyleResult:
    traits: dict[str, float]  # trait -> mean of its reverse-adjusted answers, 1-5 (2 decimals)
    bands: dict[str, str]  # trait -> low, medium or high
    consistent: bool
    inconsistencies: list[str]
    answered: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def score_work_style(bank: Bank, answers: Mapping[str, int]) -> WorkStyleResult:
    """Trait means (reverse-keyed answers turned around: 6 - answer), bands and the consistency check.

    A trait with no answered statement is left out of `traits` and `bands`. Raises ValueError for an
    answer that is not a whole number from 1 to 5. Bands describe; they are never a pass or fail.
    """
    _check_bank(bank, "work_style")
    adjusted: dict[str, int] = {}
    raw_values: list[int] = []
    sums: dict[str, list[int]] = {}
    for item in bank.scored_items():
        value = answers.get(item.id)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            raise ValueError(f"item {item.id}: an answer must be a whole number from 1 to 5, not {value!r}")
        raw_values.append(value)
        adj = 6 - value if item.data["reverse"] else value
        adjusted[item.id] = adj
        sums.setdefault(item.data["trait"], []).append(adj)
    traits = {t: round(sum(v) / len(v), 2) for t in bank.traits if (v := sums.get(t))}
    bands = {t: band(sum(v) / len(v)) for t in bank.traits if (v := sums.get(t))}
    problems: list[str] = []
    disagreements = 0
    for a, b in bank.consistency:
        if a in adjusted and b in adjusted and abs(adjusted[a] - adjusted[b]) >= DISAGREE_GAP:
            disagreements += 1
            problems.append(f"{a} and {b} disagree: {adjusted[a]} and {adjusted[b]} after reverse keying")
    straight = len(raw_values) >= STRAIGHT_LINE_MIN and len(set(raw_values)) == 1
    if straight:
        problems.append(f"all {len(raw_values)} answers are {raw_values[0]} (straight-lining)")
    consistent = disagreements <= MAX_DISAGREEMENTS and not straight
    return WorkStyleResult(traits, bands, consistent, problems, len(raw_values))


# Timing -------------------------------------------------------------------------------------


def fast_answers(seconds_per_item: Mapping[str, float], minimum: float) -> list[str]:
    """The items answered in less than `minimum` seconds, in the order given: worth a recruiter's look."""
    return [item_id for item_id, seconds in seconds_per_item.items() if seconds < minimum]
