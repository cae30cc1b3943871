from __future__ import annotations

from callhire.speech.alignment import align_words, word_error_rate


def test_a_perfect_reading_has_no_errors():
    edits, matched = align_words(["a", "b", "c"], ["a", "b", "c"])
    assert edits == [] and matched == [0, 1, 2]


def test_it_names_missed_added_and_changed_words_with_their_position():
    edits, matched = align_words("the cat sat on the mat".split(), "the cat sit on mat today".split())
    assert [(e.op, e.expected, e.heard, e.position) for e in edits] == [
        ("changed", "sat", "sit", 2),
        ("missed", "the", "", 4),
        ("added", "", "today", 6),
    ]
    assert matched == [0, 1, None, 3, None, 4]


def test_word_error_rate_counts_every_edit_against_the_script_length():
    assert word_error_rate("a b c d".split(), "a x c d e".split()) == 0.5
    assert word_error_rate("a b".split(), []) == 1.0
    assert word_error_rate([], []) == 0.0
