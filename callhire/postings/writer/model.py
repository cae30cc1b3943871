"""The document the writer builds once and renders to Markdown, HTML and plain text.

A document is a title, a few lead paragraphs and a list of sections; a section is a heading
and blocks (paragraphs or bullet lists); a block holds runs of inline text, some of them links.
Text is stored unescaped: each renderer escapes for its own format.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    """A link: the text shown and the address (https:// or mailto:)."""

    text: str
    href: str


Inline = str | Link
Line = tuple[Inline, ...]


@dataclass(frozen=True)
class Paragraph:
    parts: Line


@dataclass(frozen=True)
class Bullets:
    items: tuple[Line, ...]


Block = Paragraph | Bullets


@dataclass(frozen=True)
class Section:
    key: str  # stable name of the section (summary, duties, basic, ...), for tests and styling
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    lead: tuple[Block, ...]
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section | None:
        for section in self.sections:
            if section.key == key:
                return section
        return None


def line_text(line: Line) -> str:
    """The plain text of a line of inline runs."""
    return "".join(part if isinstance(part, str) else part.text for part in line)


def _is_blank(line: Line) -> bool:
    return not line_text(line).strip()


def paragraph(*parts: Inline) -> Paragraph | None:
    """A paragraph, or None when it would be empty."""
    line = tuple(part for part in parts if part)
    return None if _is_blank(line) else Paragraph(line)


def bullets(items: Iterable[str | Line | None]) -> Bullets | None:
    """A bullet list of the non-empty items, or None when none is left."""
    lines: list[Line] = []
    for item in items:
        if item is None:
            continue
        line: Line = (item,) if isinstance(item, str) else item
        if not _is_blank(line):
            lines.append(line)
    return Bullets(tuple(lines)) if lines else None


def section(key: str, heading: str, blocks: Sequence[Block | None]) -> Section | None:
    """A section of the non-empty blocks, or None when no block is left (no empty headings)."""
    kept = tuple(block for block in blocks if block is not None)
    if not kept or not heading.strip():
        return None
    return Section(key, heading, kept)
