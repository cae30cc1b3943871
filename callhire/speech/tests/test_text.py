from __future__ import annotations

import pytest

from callhire.speech.text import normalize, number_words, ordinal_words


@pytest.mark.parametrize(
    ("script", "transcript"),
    [
        ("I can't find forty-two parcels.", "I cannot find 42 parcels"),
        ("It's ten thirty, OK?", "it is 10:30 okay"),
        ("We'll refund fifty ringgit", "we will refund RM50"),
        ("That costs twelve dollars fifty", "That costs $12.50."),
        ("about twenty five percent", "About 25%"),
        ("on the twenty first", "on the 21st"),
        ("Hello Mister Smith", "Hello, Mr. Smith!"),
        ("in nineteen ninety", "in 1990"),
        ("one thousand two hundred fifty people", "1,250 people"),
        ("call zero one two three", "call 0123"),
    ],
)
def test_it_reads_a_script_and_a_transcript_the_same_way(script, transcript):
    assert normalize(script) == normalize(transcript)


def test_it_keeps_possessives_as_one_word():
    assert normalize("John's order and it's late") == ["johns", "order", "and", "it", "is", "late"]


def test_it_says_numbers_in_words():
    assert number_words(0) == "zero"
    assert number_words(115) == "one hundred fifteen"
    assert number_words(2_000_300) == "two million three hundred"
    assert ordinal_words(3) == "third"
    assert ordinal_words(40) == "fortieth"


def test_it_drops_punctuation_and_case():
    assert normalize("  WAIT -- what?!  ") == ["wait", "what"]
    assert normalize("") == []
