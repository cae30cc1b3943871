from __future__ import annotations

from callhire.speech.backends.base import Word
from callhire.speech.metrics import confidence, find_keywords, measure_pauses, words_per_minute


def words(*spans: tuple[float, float]) -> list[Word]:
    return [Word(f"w{i}", start, end, 0.9) for i, (start, end) in enumerate(spans)]


def test_it_counts_gaps_between_speech_as_pauses():
    speech = [(0.5, 2.0), (2.1, 3.0), (4.5, 6.0)]  # a 0.1 s breath (not a pause) and a 1.5 s pause
    pauses = measure_pauses(speech, words((0.5, 1.0), (2.2, 2.9), (4.6, 5.9)))
    assert pauses.answer_seconds == 5.5
    assert pauses.count == 1 and pauses.long_count == 1
    assert pauses.longest == 1.5
    assert abs(pauses.ratio - 1.5 / 5.5) < 1e-9


def test_noise_away_from_the_words_is_not_part_of_the_answer():
    speech = [(0.0, 0.2), (1.0, 3.0), (8.0, 8.3)]  # a click, the answer, a cough
    pauses = measure_pauses(speech, words((1.1, 2.0), (2.0, 2.9)))
    assert pauses.answer_seconds == 2.0 and pauses.count == 0


def test_rate_and_confidence():
    assert words_per_minute(30, 12.0) == 150.0
    assert words_per_minute(3, 0.0) == 0.0
    assert confidence([Word("a", 0, 1, 0.5), Word("b", 1, 2, 1.0)]) == 0.75
    assert confidence([]) == 0.0


def test_it_finds_keywords_in_any_form_and_phrases_in_order():
    found, missed = find_keywords(
        ["refund", "tracking number", "sorry", "manager"], "Sorry! I've refunded it; your number for tracking is 12."
    )
    assert found == ["refund", "sorry"]
    assert missed == ["tracking number", "manager"]
