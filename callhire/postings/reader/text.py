"""Splitting a posting into sentences that know their section, list intro and clauses."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_LINE = re.compile(r"[^\n]+")
_BULLET = re.compile(
    r"^[ \t\u00a0]*(?:[-–—•·*▪►●◦‣⁃○■□➢✓✔]+|o(?=\s)|\(?\d{1,2}[.)](?!\d)|\(?[a-hA-H][.)](?=\s)|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)](?=\s))[ \t\u00a0]*"
)
_SPLIT = re.compile(r"(?<=[.!?])[\"”')]?\s+(?=[A-Z0-9\"“(•*\[])|\s+[•*·▪]+\s*(?=\S)")
_ABBREV = frozenset(
    "e.g i.e etc mr mrs ms dr no st inc vs jr sr co ltd bhd sdn approx min max dept u.s a.m p.m incl esp nos tel "
    "hr hrs yr yrs mos jan feb mar apr jun jul aug sep sept oct nov dec fig ave blvd".split()
)
_MAX_SENTENCE = 600


@dataclass
class Sentence:
    start: int
    end: int
    line_no: int
    section: str = "neutral"  # required | preferred | benefits | duties | neutral
    context: str = ""  # heading or list intro that governs the sentence
    context_level: str | None = None  # "preferred" when the list intro says so
    bullet: bool = False
    heading: bool = False
    _clauses: list[tuple[int, int]] | None = field(default=None, repr=False)
    _segments: list[tuple[int, int]] | None = field(default=None, repr=False)
    _parens: list[tuple[int, int]] | None = field(default=None, repr=False)


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


class Segmenter:
    """Cuts text into sentences; needs the section vocabulary of the language packs."""

    def __init__(
        self,
        preferred: re.Pattern[str],
        benefits: re.Pattern[str],
        required: re.Pattern[str],
        duties: re.Pattern[str],
        pref_marker: re.Pattern[str],
    ) -> None:
        self.preferred = preferred
        self.benefits = benefits
        self.required = required
        self.duties = duties
        self.pref_marker = pref_marker

    def classify(self, heading: str) -> str:
        if self.preferred.search(heading):
            return "preferred"
        if self.benefits.search(heading):
            return "benefits"
        if self.required.search(heading):
            return "required"
        if self.duties.search(heading):
            return "duties"
        return "neutral"

    def _heading(self, content: str, bullet: bool) -> str | None:
        """Return the heading text when the line opens a section, else None."""
        words = content.split()
        if content.endswith(":"):
            return content[:-1]
        label = re.match(r"([A-Za-z][^:\n]{0,60}):\s*\S", content)
        if label:
            name = label.group(1)
            if _is_caps(name) or (len(name.split()) <= 4 and self.classify(name) != "neutral"):
                return name
            return None
        if len(words) <= 10 and _is_caps(content):
            return content
        if (
            len(words) <= 8
            and not bullet
            and content[0].isupper()
            and not content.endswith((".", "!", "?", ",", ";"))
            and (len(words) <= 4 or sum(w[0].isupper() for w in words) * 2 >= len(words))
            and self.classify(content) != "neutral"
        ):
            return content
        return None

    def split(self, text: str) -> list[Sentence]:
        sentences: list[Sentence] = []
        section = "neutral"
        heading_text = ""
        intro_text = ""
        intro_level: str | None = None
        in_list = False
        for line_no, m in enumerate(_LINE.finditer(text)):
            line_start, line_end = m.start(), m.end()
            raw = m.group()
            if line_no == 0 and raw.startswith("SOURCE:"):
                continue
            b = _BULLET.match(raw)
            bullet = bool(b and b.end() > 0 and b.group().strip())
            cstart = line_start + (b.end() if bullet and b else 0)
            content = text[cstart:line_end].strip()
            if not content:
                continue
            cstart = text.index(content[0], cstart)
            cend = cstart + len(content)
            head = self._heading(content, bullet)
            if head is not None:
                section = self.classify(head)
                heading_text = content
                intro_text, intro_level, in_list = content, None, False
            if bullet:
                if not in_list:
                    in_list = True
                context, level = intro_text, intro_level
            else:
                if in_list and head is None and section != "neutral":
                    # prose after a section's list has left that section
                    section, heading_text = "neutral", ""
                in_list = False
                context, level = heading_text, None
                if head is None:
                    intro_text = content
                    intro_level = "preferred" if self.pref_marker.search(content) else None
            for s, e in self._sentences(text, cstart, cend):
                sentences.append(Sentence(s, e, line_no, section, context, level, bullet, head is not None))
        return sentences

    def _sentences(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        pos = start
        for m in _SPLIT.finditer(text, start, end):
            cut = m.start()
            piece = text[pos : cut + 1].rstrip()
            word = re.search(r"(\S+)[.]$", piece)
            if word and text[cut] == "." and (word.group(1).lower().strip("(") in _ABBREV or len(word.group(1)) == 1):
                continue
            self._add(text, pos, cut + (1 if text[cut] in ".!?" else 0), spans)
            pos = m.end()
        self._add(text, pos, end, spans)
        return spans

    @staticmethod
    def _add(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
        while s < e and (text[s].isspace() or text[s] in "•*·▪"):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        while e - s > _MAX_SENTENCE:  # keep work per sentence bounded on pathological input
            cut = text.rfind(" ", s + _MAX_SENTENCE // 2, s + _MAX_SENTENCE)
            if cut <= s:
                cut = s + _MAX_SENTENCE
            spans.append((s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            spans.append((s, e))


class Doc:
    """A posting's text and its sentences, with position look-ups."""

    def __init__(self, text: str, sentences: list[Sentence]) -> None:
        self.text = text
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def parens(self, s: Sentence) -> list[tuple[int, int]]:
        if s._parens is None:
            spans: list[tuple[int, int]] = []
            depth, open_at = 0, 0
            for i in range(s.start, s.end):
                c = self.text[i]
                if c == "(":
                    if depth == 0:
                        open_at = i
                    depth += 1
                elif c == ")" and depth:
                    depth -= 1
                    if depth == 0:
                        spans.append((open_at, i + 1))
            if depth:
                spans.append((open_at, s.end))
            s._parens = spans
        return s._parens

    def _split_outside(
        self, s: Sentence, chars: str, within: list[tuple[int, int]] | None = None
    ) -> list[tuple[int, int]]:
        parens = self.parens(s)
        bounds = within or [(s.start, s.end)]
        out: list[tuple[int, int]] = []
        for a, b in bounds:
            pos = a
            for i in range(a, b):
                if self.text[i] in chars and not any(p0 < i < p1 for p0, p1 in parens):
                    out.append((pos, i))
                    pos = i + 1
            out.append((pos, b))
        return out

    def clauses(self, s: Sentence) -> list[tuple[int, int]]:
        if s._clauses is None:
            s._clauses = self._split_outside(s, ";")
        return s._clauses

    def segments(self, s: Sentence) -> list[tuple[int, int]]:
        if s._segments is None:
            s._segments = self._split_outside(s, ",", self.clauses(s))
        return s._segments

    @staticmethod
    def span_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
        for a, b in spans:
            if a <= pos <= b:
                return a, b
        return spans[-1] if spans else (pos, pos)

    def clause_at(self, s: Sentence, pos: int) -> tuple[int, int]:
        return self.span_of(self.clauses(s), pos)

    def segment_at(self, s: Sentence, pos: int) -> tuple[int, int]:
        return self.span_of(self.segments(s), pos)

    def paren_at(self, s: Sentence, pos: int) -> tuple[int, int] | None:
        for a, b in self.parens(s):
            if a <= pos < b:
                return a, b
        return None
