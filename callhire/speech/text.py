"""Normalise text so a script and a transcript compare word for word.

Both sides go through the same steps: lower case, contractions expanded ("can't" -> "can not"),
numbers, money, percentages and times written as words ("RM50" -> "fifty ringgit"), punctuation
and apostrophes dropped, and a few spelling variants merged ("ok" -> "okay", "colour" -> "color").
Recognisers write "42" where a script says "forty-two"; neither is a reading error.
"""

from __future__ import annotations

import re
import unicodedata

ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"))
ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}

CONTRACTIONS = {
    "can't": "can not",
    "cannot": "can not",
    "won't": "will not",
    "shan't": "shall not",
    "ain't": "is not",
    "let's": "let us",
    "y'all": "you all",
    "ma'am": "madam",
    "o'clock": "oclock",
}
# Only these take "'s" as "is"/"has"; elsewhere it is a possessive ("John's") and stays one word.
S_IS = {"it", "he", "she", "that", "what", "there", "here", "who", "where", "how", "when", "why", "everyone", "nobody"}
SUFFIXES = {"n't": " not", "'re": " are", "'ve": " have", "'ll": " will", "'d": " would", "'m": " am"}

VARIANTS = {
    "ok": "okay",
    "mr": "mister",
    "mrs": "missus",
    "ms": "miss",
    "dr": "doctor",
    "colour": "color",
    "favour": "favor",
    "favourite": "favorite",
    "behaviour": "behavior",
    "centre": "center",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "organise": "organize",
    "realise": "realize",
    "apologise": "apologize",
    "per cent": "percent",
    "email": "email",
    "e mail": "email",
}
CURRENCIES = {"$": "dollars", "£": "pounds", "€": "euros", "rm": "ringgit"}


def number_words(n: int) -> str:
    """Return a whole number in English words: 1234 -> "one thousand two hundred thirty four"."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + ("" if ones == 0 else " " + ONES[ones])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return ONES[hundreds] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    for value, name in SCALES:
        if n >= value:
            high, rest = divmod(n, value)
            return number_words(high) + " " + name + ("" if rest == 0 else " " + number_words(rest))
    raise AssertionError(n)


def ordinal_words(n: int) -> str:
    """Return 21 -> "twenty first"."""
    words = number_words(n).split()
    last = words[-1]
    if last in ORDINAL_WORDS:
        words[-1] = ORDINAL_WORDS[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return " ".join(words)


def _number(text: str) -> str:
    """Say a number as it is read aloud: years in pairs, long or zero-led digit strings digit by digit."""
    if "." in text:
        whole, _, frac = text.partition(".")
        return _number(whole or "0") + " point " + " ".join(ONES[int(d)] for d in frac)
    digits = text.replace(",", "")
    n = int(digits)
    if "," not in text and (digits.startswith("0") and len(digits) > 1 or len(digits) > 6):
        return " ".join(ONES[int(d)] for d in digits)  # phone and account numbers
    if "," not in text and len(digits) == 4 and (1100 <= n <= 1999 or 2010 <= n <= 2099) and n % 100:
        high, low = divmod(n, 100)
        return number_words(high) + " " + ("oh " + ONES[low] if low < 10 else number_words(low))
    return number_words(n)


NUMBER = r"\d[\d,]*(?:\.\d+)?"
_money = re.compile(rf"(\$|£|€|\brm)\s?({NUMBER})", re.IGNORECASE)
_percent = re.compile(rf"({NUMBER})\s?%")
_time = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_ordinal = re.compile(r"\b(\d+)(st|nd|rd|th)\b")
_number_re = re.compile(NUMBER)
_apostrophes = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})


def _say_money(match: re.Match[str]) -> str:
    """ "$42.50" is read "forty two dollars fifty"."""
    whole, _, cents = match.group(2).partition(".")
    currency = CURRENCIES[match.group(1).lower()]
    return f" {whole} {currency} " + (f"{int(cents)} " if cents and int(cents) else "")


def _expand(word: str) -> str:
    if word in CONTRACTIONS:
        return CONTRACTIONS[word]
    if word.endswith("'s") and word[:-2] in S_IS:
        return word[:-2] + " is"
    for suffix, full in SUFFIXES.items():
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)] + full
    return word


def normalize(text: str) -> list[str]:
    """Return the words of ``text`` in the one form used for comparison."""
    text = unicodedata.normalize("NFKC", text).translate(_apostrophes).lower()
    text = _money.sub(_say_money, text)
    text = _percent.sub(r" \1 percent ", text)
    text = _time.sub(lambda m: f" {int(m.group(1))} " + ("" if m.group(2) == "00" else m.group(2)) + " ", text)
    text = _ordinal.sub(lambda m: " " + ordinal_words(int(m.group(1))) + " ", text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])|[-\u2013\u2014/]", " ", text)
    text = " ".join(_expand(w) for w in re.findall(r"[\w'.,]+", text))
    text = _number_re.sub(lambda m: " " + _number(m.group(0).rstrip(",.")) + " ", text)
    text = re.sub(r"[^\w\s]", "", text.replace("_", " "))
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        if pair in VARIANTS:
            out.extend(VARIANTS[pair].split())
            i += 2
            continue
        out.extend(VARIANTS.get(words[i], words[i]).split())
        i += 1
    return out
