"""Screener.rule_status and verdict_of, used by bulk re-screening, agree with Screener.screen."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

from callhire.screening.engine import Screener, carried_rules, statuses_code, statuses_of_code
from callhire.screening.profile import parse_profile

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from bench_screening import PROFILE, candidates  # noqa: E402

_MISSING = object()


def by_rules(screener: Screener, facts, sources):
    statuses = []
    for index, fact in enumerate(screener.rule_facts()):
        if fact is None:
            statuses.append(screener.rule_status(index, None))
            continue
        source = (sources or {}).get(fact, _MISSING)
        given = source is not _MISSING
        statuses.append(screener.rule_status(index, facts.get(fact), source if given else None, source_given=given))
    return statuses, screener.verdict_of(statuses)


def test_rule_by_rule_gives_what_screen_gives_for_many_candidates():
    screener = Screener(parse_profile(PROFILE))
    for facts, sources in candidates(5000, seed=7):
        result = screener.screen(facts, sources)
        statuses, (verdict, score) = by_rules(screener, facts, sources)
        assert (verdict, score, tuple(statuses)) == (result.verdict, result.score, result.statuses)


def test_it_agrees_on_odd_answers_missing_sources_and_waived_rules():
    document = {
        **PROFILE,
        "job": {"work_arrangement": "remote", "employment_type": "contractor"},
        "requirements": {
            **PROFILE["requirements"],
            "headset": {"level": "required", "value": "provided"},
        },
    }
    screener = Screener(parse_profile(document))
    odd: list[tuple[dict[str, Any], dict[str, Any] | None]] = [
        ({"age_years": "old", "typing_wpm": None, "education": 5}, {}),
        ({"age_years": 30, "speaking_score": 80}, {"speaking_score": None}),
        ({"age_years": 30, "speaking_score": 80}, {"speaking_score": "declared"}),
        ({"languages": "en", "availability": [1, 2], "residence": 12}, None),
        ({}, {}),
    ]
    for facts, sources in odd:
        result = screener.screen(facts, sources)
        statuses, (verdict, score) = by_rules(screener, facts, sources)
        assert (verdict, score, tuple(statuses)) == (result.verdict, result.score, result.statuses)


def test_rule_check_with_the_accepted_sources_gives_what_screen_gives():
    screener = Screener(parse_profile(PROFILE))
    for facts, sources in list(candidates(3000, seed=11)) + [({"typing_wpm": 50}, {"typing_wpm": None})]:
        statuses = []
        for index, fact in enumerate(screener.rule_facts()):
            if fact is None:
                statuses.append(screener.rule_check(index, None))
                continue
            accepted, default = screener.rule_sources(index)
            source = sources.get(fact, default)
            ok = source in accepted
            statuses.append(screener.rule_check(index, facts.get(fact)) if ok else "unknown")
        result = screener.screen(facts, sources)
        assert tuple(statuses) == result.statuses
        assert screener.verdict_of(statuses) == (result.verdict, result.score)


def test_a_statuses_code_gives_back_the_statuses():
    screener = Screener(parse_profile(PROFILE))
    for facts, sources in candidates(500, seed=11):
        statuses = screener.screen(facts, sources).statuses
        code = statuses_code(statuses)
        assert len(code) == len(statuses)
        assert statuses_of_code(code) == statuses


def test_a_rule_whose_weight_alone_changed_carries_its_status_over_and_a_new_threshold_does_not():
    old = Screener(parse_profile(PROFILE))
    document = copy.deepcopy(PROFILE)
    document["requirements"]["typing_wpm"]["value"] = 45
    document["requirements"]["residency"]["weight"] = 3
    new = Screener(parse_profile(document))
    carried = carried_rules(old, new)
    keys = [rule.key for rule in new.rules]
    assert carried[keys.index("typing_wpm")] is None
    place = carried[keys.index("residency")]
    assert place is not None and old.rules[place].key == "residency"
    assert all(old.rules[place].key == key for key, place in zip(keys, carried, strict=True) if place is not None)
    assert sum(place is None for place in carried) == 1


def test_a_rule_made_required_or_added_is_worked_out_again():
    old = Screener(parse_profile(PROFILE))
    document = copy.deepcopy(PROFILE)
    preferred = next(key for key, rule in document["requirements"].items() if rule.get("level") == "preferred")
    document["requirements"][preferred] = {**document["requirements"][preferred], "level": "required"}
    document["requirements"][preferred].pop("weight", None)
    new = Screener(parse_profile(document))
    carried = carried_rules(old, new)
    assert carried[[rule.key for rule in new.rules].index(preferred)] is None
    assert carried_rules(new, Screener(parse_profile(PROFILE)))[[r.key for r in old.rules].index(preferred)] is None
