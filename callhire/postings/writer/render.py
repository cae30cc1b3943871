"""Render a `Document` as Markdown, HTML or plain text.

Every run of text is escaped for its format here and nowhere else, so a title such as
``<script>`` comes out as text in every format. Runs of whitespace inside a text (free text
from the employer may hold newlines) are collapsed, so it cannot break the structure.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable
from urllib.parse import quote

from callhire.postings.writer.model import Block, Document, Inline, Line, Link, Paragraph

TEXT_WIDTH = 72

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = re.compile(r"^(#|>|[-+](?=\s)|\d+[.)](?=\s))")
_HREF_SAFE = ":/?#@!$&'*+,;=%~-._"


_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse every run of whitespace (newlines too) to one space; the ends are kept."""
    return _SPACE.sub(" ", text)


# Markdown ------------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Escape text so Markdown shows it as written and never reads HTML or markup in it."""
    text = _MD_SPECIAL.sub(r"\\\1", squash(text))
    return _MD_ENTITY.sub(r"\\&", text)


def _md_heading(text: str) -> str:
    """A heading's text: a "#" in it could otherwise be read as part of the heading marks."""
    return md_escape(text.strip()).replace("#", "\\#")


def _md_href(href: str) -> str:
    return quote(href, safe=_HREF_SAFE)


def _md_inline(part: Inline) -> str:
    if isinstance(part, Link):
        return f"[{md_escape(part.text)}]({_md_href(part.href)})"
    return md_escape(part)


def _md_line(line: Line) -> str:
    text = "".join(_md_inline(part) for part in line).strip()
    # A line that would start a heading, quote or list is escaped at its first character.
    return _MD_LINE_START.sub(lambda m: "\\" + m.group(1), text, count=1)


def _md_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _md_line(block.parts)
    return "\n".join(f"- {_md_line(item)}" for item in block.items)


def to_markdown(doc: Document) -> str:
    chunks = [f"# {_md_heading(doc.title)}"]
    chunks += [_md_block(block) for block in doc.lead]
    for sec in doc.sections:
        chunks.append(f"## {_md_heading(sec.heading)}")
        chunks += [_md_block(block) for block in sec.blocks]
    return "\n\n".join(chunks) + "\n"


# HTML ----------------------------------------------------------------------------------------


def _html_inline(part: Inline) -> str:
    if isinstance(part, Link):
        return f'<a href="{html.escape(part.href, quote=True)}">{html.escape(squash(part.text))}</a>'
    return html.escape(squash(part))


def _html_line(line: Line) -> str:
    return "".join(_html_inline(part) for part in line).strip()


def _html_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_html_line(block.parts)}</p>"
    items = "\n".join(f"<li>{_html_line(item)}</li>" for item in block.items)
    return f"<ul>\n{items}\n</ul>"


def to_html(doc: Document) -> str:
    lines = [
        f'<article lang="{html.escape(doc.lang, quote=True)}">',
        f"<h1>{html.escape(squash(doc.title).strip())}</h1>",
    ]
    lines += [_html_block(block) for block in doc.lead]
    for sec in doc.sections:
        lines.append(f'<section class="{html.escape(sec.key, quote=True)}">')
        lines.append(f"<h2>{html.escape(squash(sec.heading).strip())}</h2>")
        lines += [_html_block(block) for block in sec.blocks]
        lines.append("</section>")
    lines.append("</article>")
    return "\n".join(lines) + "\n"


# Plain text ----------------------------------------------------------------------------------


def _text_inline(part: Inline) -> str:
    if isinstance(part, Link):
        text, address = squash(part.text).strip(), part.href.removeprefix("mailto:")
        return text if text == address else f"{text} ({address})"
    return squash(part)


def _text_line(line: Line) -> str:
    return "".join(_text_inline(part) for part in line).strip()


def _wrap(text: str, first: str = "", rest: str = "") -> str:
    return textwrap.fill(
        text,
        width=TEXT_WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _text_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _wrap(_text_line(block.parts))
    return "\n".join(_wrap(_text_line(item), "- ", "  ") for item in block.items)


def _underline(text: str, char: str) -> str:
    return f"{text}\n{char * len(text)}"


def to_text(doc: Document) -> str:
    chunks = [_underline(squash(doc.title).strip(), "=")]
    chunks += [_text_block(block) for block in doc.lead]
    for sec in doc.sections:
        chunks.append(_underline(squash(sec.heading).strip(), "-"))
        chunks += [_text_block(block) for block in sec.blocks]
    return "\n\n".join(chunks) + "\n"


RENDERERS: dict[str, Callable[[Document], str]] = {"md": to_markdown, "html": to_html, "text": to_text}
