"""Scoring: the typing formulas on known logs, skills, judgement, work style and timing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callhire.assessments import load_bank
from callhire.assessments.scoring import (
    TypingResult,
    band,
    fast_answers,
    parse_number,
    replay,
    score_judgement,
    score_reply,
    score_skills,
    score_typing,
    score_work_style,
)

PASSAGE = load_bank("typing").passages("en")[0].data["text"]


def keys(text: str, step_ms: int = 200) -> list[tuple[int, str]]:
    return [(i * step_ms, ch if ch != "\n" else "Enter") for i, ch in enumerate(text)]


# Typing: known logs --------------------------------------------------------------------------


def test_250_correct_characters_in_one_minute():
    passage = ("abcd " * 60)[:250]
    result = score_typing(passage + " and more", passage, 60)
    assert (result.gross_wpm, result.net_wpm, result.accuracy) == (50.0, 50.0, 100.0)
    assert (result.characters_typed, result.correct_characters, result.uncorrected_errors) == (250, 250, 0)
    assert result.minutes == 1.0


def test_200_characters_10_wrong_in_two_minutes():
    passage = "x" * 300
    typed = "x" * 95 + "y" * 10 + "x" * 95
    result = score_typing(passage, typed, 120)
    assert (result.gross_wpm, result.net_wpm, result.accuracy) == (20.0, 15.0, 95.0)
    assert (result.characters_typed, result.correct_characters, result.uncorrected_errors) == (200, 190, 10)


def test_keystroke_log_with_corrections():
    # A wrong key fixed with Backspace is a corrected error: it costs time, not accuracy. Only the final
    # text counts. 90 seconds; the final text is the first 30 characters of the passage.
    target = PASSAGE[:30]
    log = keys(target[:7]) + [(1500, "x"), (1700, "Backspace")] + keys(target[7:])
    log.insert(3, (50, "Shift"))
    assert replay(log) == target
    result = score_typing(PASSAGE, replay(log), 90, log)
    assert result.uncorrected_errors == 0
    assert result.accuracy == 100.0
    assert result.gross_wpm == round((30 / 5) / 1.5, 1) == 4.0
    assert result.backspaces == 1
    assert result.keystrokes == len(log)
    assert result.log_matches is True


def test_uncorrected_errors_from_a_log():
    # 60 characters typed in 30 s, with 3 wrong letters left in: gross 24, net 24 - 3/0.5 = 18, accuracy 95.
    typed = list(PASSAGE[:60])
    for i in (5, 20, 41):
        typed[i] = "#"
    log = keys("".join(typed))
    result = score_typing(PASSAGE, replay(log), 30, log)
    assert (result.gross_wpm, result.net_wpm, result.accuracy) == (24.0, 18.0, 95.0)


def test_log_that_does_not_match_the_text():
    result = score_typing(PASSAGE, PASSAGE[:20], 60, keys(PASSAGE[:5]))
    assert result.log_matches is False
    assert score_typing(PASSAGE, PASSAGE[:20], 60).log_matches is None


def test_skipped_character_shifts_everything_after_it():
    # Errors are counted by position: no forgiveness for a dropped letter.
    result = score_typing("hello world", "helo world", 60)
    assert result.uncorrected_errors == 7  # "o world" is one place to the left of "lo world"


def test_typing_past_the_end_is_an_error():
    result = score_typing("done.", "done.!!", 60)
    assert (result.characters_typed, result.uncorrected_errors) == (7, 2)


def test_trailing_whitespace_is_never_an_error():
    assert score_typing("ab cd", "ab   ", 60).characters_typed == 3  # one space, and it is right
    assert score_typing("ab cd", "ab   ", 60).uncorrected_errors == 0
    assert score_typing("ab cd", "ab cd \n", 60).characters_typed == 5  # past the end: dropped
    assert score_typing("ab cd", "ab\r\n", 60).characters_typed == 3
    assert score_typing("ab\ncd", "ab\r\ncd", 60).uncorrected_errors == 0


def test_inner_whitespace_is_not_forgiven():
    assert score_typing("ab cd", "ab  cd", 60).uncorrected_errors == 3


def test_nothing_typed():
    result = score_typing(PASSAGE, "", 120)
    assert (result.gross_wpm, result.net_wpm, result.accuracy, result.characters_typed) == (0, 0, 0, 0)


def test_net_wpm_is_clamped_at_zero():
    result = score_typing("aaaaaaaaaa", "bbbbbbbbbb", 60)
    assert result.gross_wpm == 2.0
    assert result.net_wpm == 0.0
    assert result.accuracy == 0.0


def test_time_must_be_positive():
    with pytest.raises(ValueError):
        score_typing(PASSAGE, "x", 0)


def test_as_dict():
    data = score_typing("abc", "abc", 6).as_dict()
    assert data["gross_wpm"] == 6.0 and data["minutes"] == 0.1
    assert set(data) >= {
        "gross_wpm",
        "net_wpm",
        "accuracy",
        "characters_typed",
        "correct_characters",
        "uncorrected_errors",
        "minutes",
    }


# Typing: properties --------------------------------------------------------------------------

texts = st.text(alphabet="abc .,\n", max_size=200)
seconds = st.floats(min_value=1, max_value=180, allow_nan=False)


@given(passage=texts, typed=texts, secs=seconds)
def test_net_never_exceeds_gross(passage, typed, secs):
    result = score_typing(passage, typed, secs)
    assert 0 <= result.net_wpm <= result.gross_wpm
    assert 0 <= result.accuracy <= 100
    assert result.correct_characters + result.uncorrected_errors == result.characters_typed


@given(passage=st.text(alphabet="abcdef ,.", min_size=1, max_size=300), cut=st.integers(0, 300), secs=seconds)
def test_a_perfect_copy_is_100_percent(passage, cut, secs):
    typed = passage[:cut]
    result = score_typing(passage, typed, secs)
    if typed.strip():
        assert result.accuracy == 100.0
        assert result.net_wpm == result.gross_wpm
        assert result.uncorrected_errors == 0


@given(
    passage=st.text(alphabet="abcdef", min_size=10, max_size=200),
    data=st.data(),
    secs=seconds,
)
def test_more_errors_never_raise_net_wpm(passage, data, secs):
    length = data.draw(st.integers(1, len(passage)))
    typed = list(passage[:length])
    before = score_typing(passage, "".join(typed), secs)
    spot = data.draw(st.integers(0, length - 1))
    typed[spot] = "Z"  # one more uncorrected error, same length
    after = score_typing(passage, "".join(typed), secs)
    assert after.uncorrected_errors == before.uncorrected_errors + 1
    assert after.net_wpm <= before.net_wpm
    assert after.accuracy <= before.accuracy
    assert after.gross_wpm == before.gross_wpm


@given(st.lists(st.sampled_from(["a", "b", " ", "Backspace", "Shift", "Enter", "ArrowLeft"]), max_size=60))
def test_replay_never_fails(keys_pressed):
    text = replay([(i, k) for i, k in enumerate(keys_pressed)])
    assert len(text) <= len(keys_pressed)


def test_typing_result_is_a_dataclass():
    assert TypingResult(1, 1, 100, 5, 5, 0, 1).keystrokes is None


# Skills --------------------------------------------------------------------------------------

SKILLS = load_bank("skills")

GOOD_REPLY_EN = """Dear Ms. Miller,

Thank you for letting us know, and I am sorry that your card was charged twice for order #48213.
I understand how frustrating this is, especially as it has happened before. I have checked the
order and cancelled the duplicate payment of USD 89. The refund will reach your card within 5 to 7
business days, and I will email you a confirmation with the reference number today.

Kind regards,
Aina, Customer Support"""

GOOD_REPLY_MS = """Salam sejahtera Puan Nurul,

Terima kasih kerana menghubungi kami. Kami memohon maaf kerana kad puan telah dicaj dua kali bagi
pesanan #48213. Saya faham situasi ini menyusahkan puan. Saya telah menyemak pesanan tersebut dan
caj lebihan RM 289 akan dipulangkan ke kad puan dalam tempoh 5 hingga 7 hari bekerja. Saya juga akan
menghantar e-mel pengesahan beserta nombor rujukan hari ini.

Sekian, terima kasih.
Aina, Khidmat Pelanggan"""


def all_right_answers(reply: str) -> dict[str, object]:
    answers: dict[str, object] = {}
    for item in SKILLS.scored_items():
        kind = item.data["kind"]
        answers[item.id] = reply if kind == "written" else item.data["answer"]
    return answers


@pytest.mark.parametrize(("lang", "reply"), [("en", GOOD_REPLY_EN), ("ms", GOOD_REPLY_MS)])
def test_skills_all_right(lang, reply):
    result = score_skills(SKILLS, all_right_answers(reply), lang)
    assert result.score == 100
    assert result.by_area == {"math": 100, "writing": 100, "computer": 100}
    written = next(i for i in result.items if i.item_id == "writing-reply")
    assert written.correct is None
    assert (written.points, written.max_points) == (7, 7)


def test_skills_nothing_answered():
    result = score_skills(SKILLS, {}, "en")
    assert result.score == 0
    assert all(i.points == 0 for i in result.items)
    assert {i.detail for i in result.items if i.item_id != "writing-reply"} == {"not answered"}
    assert len(result.items) == len(SKILLS.scored_items())  # practice items are not scored


def test_skills_area_scores_and_overall_mean():
    answers = all_right_answers(GOOD_REPLY_EN)
    # Two of ten math items wrong: math 80. Writing 100, computer 100: overall (80 + 100 + 100) / 3 = 93.3.
    answers["math-order-total"] = "46.00"
    answers["math-timezone-us"] = "a"
    result = score_skills(SKILLS, answers, "en")
    assert result.by_area["math"] == 80
    assert result.score == 93
    wrong = next(i for i in result.items if i.item_id == "math-order-total")
    assert wrong.correct is False and wrong.detail == "46 ≠ 46.49 ± 0.01"


@pytest.mark.parametrize("answer", [46.49, "46.49", "USD 46.49", "$46.49", " 46.5 ", "46,49", 46.485])
def test_number_answers_within_tolerance(answer):
    result = score_skills(SKILLS, {"math-order-total": answer}, "en")
    assert result.items[0].correct is True


@pytest.mark.parametrize("answer", ["forty", "46.49.1", True, "4 6", float("nan")])
def test_number_answers_that_are_not_numbers(answer):
    item = next(i for i in score_skills(SKILLS, {"math-order-total": answer}, "en").items)
    assert item.points == 0
    assert item.correct is False


def test_parse_number():
    assert parse_number("RM 1,250.00") == 1250
    assert parse_number("1,250") == 1250
    assert parse_number("12,5") == 12.5
    assert parse_number("15%") == 15
    assert parse_number(".5") == 0.5
    with pytest.raises(ValueError):
        parse_number("")


def test_reply_criteria_and_detail_in_malay():
    item = SKILLS.get("writing-reply")
    points, maximum, detail, met = score_reply(item, GOOD_REPLY_MS, "ms")
    assert (points, maximum) == (7, 7)
    assert all(met[c] for c in ("greeting", "empathy", "issue", "refund", "next-step", "close", "length"))
    assert not met["shouting"] and not met["blame"]
    assert detail.startswith("dipenuhi: menyapa pelanggan (+1)")
    assert "patah perkataan" in detail


def test_reply_that_blames_and_shouts():
    reply = (
        "Hi Karen. The double charge is YOUR OWN FAULT, you should have checked the cart before paying. "
        "We will refund it within 7 business days but please read the page next time. Thanks."
    )
    points, maximum, detail, met = score_reply(SKILLS.get("writing-reply"), reply, "en")
    assert met["shouting"] and met["blame"]
    assert not met["empathy"]
    # greeting, issue, refund, next step, close = 5 (too short for the length point); shouting -1, blame -2
    assert not met["length"]
    assert points == 2
    assert "penalty: writes in capitals (shouting) (-1), blames the customer or talks down (-2)" in detail


def test_reply_too_short_and_bare():
    points, _, detail, met = score_reply(SKILLS.get("writing-reply"), "ok will refund", "en")
    assert met == {**{k: False for k in met}, "refund": True}
    assert points == 1
    assert "not met: greets the customer (0/1)" in detail


def test_reply_keywords_match_whole_words_and_prefixes():
    item = SKILLS.get("writing-reply")
    # "this" must not count as the greeting "hi"; "apologies" matches the prefix "apolog*".
    _, _, _, met = score_reply(item, "This is about your order. Our apologies.", "en")
    assert met["greeting"] is False
    assert met["empathy"] is True


def test_reply_penalties_never_go_below_zero():
    points, _, _, _ = score_reply(SKILLS.get("writing-reply"), "NOT OUR FAULT. CALM DOWN NOW.", "en")
    assert points == 0


def test_empty_reply():
    points, maximum, detail, _ = score_reply(SKILLS.get("writing-reply"), "  ", "ms")
    assert (points, maximum, detail) == (0, 7, "tiada balasan ditulis")


def test_recruiter_override_of_the_written_reply():
    answers = all_right_answers("Refund soon.")
    auto = score_skills(SKILLS, answers, "en")
    reply = next(i for i in auto.items if i.item_id == "writing-reply")
    automatic = reply.points
    assert automatic < 7
    result = score_skills(SKILLS, answers, "en", overrides={"writing-reply": 6})
    reply = next(i for i in result.items if i.item_id == "writing-reply")
    assert reply.points == 6
    assert reply.detail.startswith(f"recruiter override: 6/7 (automatic {automatic:g}/7)")
    # writing: 7 choice points + 6 of 7 = 13 / 14
    assert result.by_area["writing"] == round(100 * 13 / 14)
    clamped = score_skills(SKILLS, answers, "en", overrides={"writing-reply": 99})
    assert next(i for i in clamped.items if i.item_id == "writing-reply").points == 7


def test_skills_wrong_bank_or_language():
    with pytest.raises(ValueError):
        score_skills(load_bank("judgement"), {}, "en")
    with pytest.raises(ValueError):
        score_skills(SKILLS, {}, "de")


def test_section_result_as_dict():
    data = score_skills(SKILLS, {"computer-bcc": "c"}, "en").as_dict()
    assert set(data) == {"score", "by_area", "items"}
    bcc = next(i for i in data["items"] if i["item_id"] == "computer-bcc")
    assert bcc == {
        "item_id": "computer-bcc",
        "points": 1,
        "max_points": 1,
        "answer": "c",
        "correct": True,
        "detail": "correct",
    }


# Judgement -----------------------------------------------------------------------------------

JUDGEMENT = load_bank("judgement")


def keyed(item_id: str) -> dict[str, str]:
    d = JUDGEMENT.get(item_id).data
    return {"best": d["best"], "worst": d["worst"]}


def test_judgement_all_right_and_all_blank():
    answers = {item.id: keyed(item.id) for item in JUDGEMENT.scored_items()}
    assert score_judgement(JUDGEMENT, answers).score == 100
    assert score_judgement(JUDGEMENT, {}).score == 0


@pytest.mark.parametrize(
    ("pick", "points", "correct"),
    [
        ({"best": "b", "worst": "d"}, 2, True),  # keyed best b, keyed worst d
        ({"best": "b", "worst": "a"}, 1, False),
        ({"best": "a", "worst": "d"}, 1, False),
        ({"best": "a", "worst": "c"}, 0, False),
        ({"best": "d", "worst": "b"}, 0, False),  # worst picked as best: -1, clamped at 0
        ({"best": "d", "worst": "a"}, 0, False),
        ({"best": "b", "worst": "b"}, 0, False),  # the same response twice
        ({"best": "b"}, 1, False),
    ],
)
def test_judgement_keyed_points(pick, points, correct):
    result = score_judgement(JUDGEMENT, {"angry-internet-down": pick})
    item = next(i for i in result.items if i.item_id == "angry-internet-down")
    assert (item.points, item.max_points, item.correct) == (points, 2, correct)


def test_judgement_score_and_topics():
    answers = {item.id: keyed(item.id) for item in JUDGEMENT.scored_items()}
    answers["privacy-spouse-call-log"] = {"best": "a", "worst": "b"}  # 0 of 2
    result = score_judgement(JUDGEMENT, answers)
    total = 2 * len(JUDGEMENT.scored_items())
    assert result.score == round(100 * (total - 2) / total)
    assert result.by_area["privacy"] == 50
    assert result.by_area["angry_caller"] == 100
    assert "practice-goodbye" not in {i.item_id for i in result.items}


# Work style ----------------------------------------------------------------------------------

STYLE = load_bank("work_style")


def honest(value_for_trait: dict[str, int]) -> dict[str, int]:
    """Answers as a consistent person with these trait levels would give them."""
    out = {}
    for item in STYLE.scored_items():
        level = value_for_trait[item.data["trait"]]
        out[item.id] = 6 - level if item.data["reverse"] else level
    return out


def test_bands_boundaries():
    assert band(1) == "low" and band(2.49) == "low"
    assert band(2.5) == "medium" and band(3.74) == "medium"
    assert band(3.75) == "high" and band(5) == "high"


def test_work_style_consistent_profile():
    answers = honest({"patience": 5, "dependability": 4, "composure": 3, "service": 2, "rules": 1})
    result = score_work_style(STYLE, answers)
    assert result.traits == {"patience": 5.0, "dependability": 4.0, "composure": 3.0, "service": 2.0, "rules": 1.0}
    assert result.bands == {
        "patience": "high",
        "dependability": "high",
        "composure": "medium",
        "service": "low",
        "rules": "low",
    }
    assert result.consistent is True
    assert result.inconsistencies == []
    assert result.answered == 20


def test_reverse_keying_and_mean():
    # patience: pat-1 = 4, pat-2 (reverse) = 2 -> 4, pat-3 = 3, pat-4 (reverse) = 4 -> 2: mean 13/4 = 3.25
    result = score_work_style(STYLE, {"pat-1": 4, "pat-2": 2, "pat-3": 3, "pat-4": 4})
    assert result.traits == {"patience": 3.25}
    assert result.bands == {"patience": "medium"}


def test_one_disagreeing_pair_is_tolerated_two_are_not():
    answers = honest({"patience": 4, "dependability": 4, "composure": 4, "service": 4, "rules": 4})
    answers["pat-2"] = 4  # after reverse keying 2; pat-1 is 4: differ by 2, still agree
    assert score_work_style(STYLE, answers).consistent is True
    answers["pat-2"] = 5  # after reverse keying 1 against 4: differ by 3
    one = score_work_style(STYLE, answers)
    assert one.consistent is True
    assert one.inconsistencies == ["pat-1 and pat-2 disagree: 4 and 1 after reverse keying"]
    answers["rul-2"] = 5
    two = score_work_style(STYLE, answers)
    assert two.consistent is False
    assert len(two.inconsistencies) == 2


def test_straight_lining_is_inconsistent():
    result = score_work_style(STYLE, {item.id: 4 for item in STYLE.scored_items()})
    assert result.consistent is False
    assert any("straight-lining" in p for p in result.inconsistencies)
    assert set(result.bands.values()) == {"medium"}  # bands are still reported: 4s and reversed 2s average 3.0-3.5


def test_practice_and_unknown_answers_are_ignored():
    result = score_work_style(STYLE, {"practice-learning": 5, "nope": 3})
    assert result.traits == {} and result.answered == 0 and result.consistent is True


@pytest.mark.parametrize("bad", [0, 6, "4", 3.5, True])
def test_work_style_rejects_bad_answers(bad):
    with pytest.raises(ValueError):
        score_work_style(STYLE, {"pat-1": bad})


def test_work_style_as_dict():
    data = score_work_style(STYLE, {"pat-1": 5}).as_dict()
    assert data == {
        "traits": {"patience": 5.0},
        "bands": {"patience": "high"},
        "consistent": True,
        "inconsistencies": [],
        "answered": 1,
    }


# Timing --------------------------------------------------------------------------------------


def test_fast_answers():
    assert fast_answers({"a": 1.2, "b": 8.0, "c": 2.99, "d": 3.0}, 3.0) == ["a", "c"]
    assert fast_answers({}, 3.0) == []
