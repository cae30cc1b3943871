"""Getting the text out of a posting file: .txt .md .html/.htm .pdf .docx."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import PurePath
from xml.etree import ElementTree

from callhire.postings.reader.extract import MAX_TEXT_CHARS
from callhire.postings.reader.model import ReaderError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DOCX_XML_BYTES = 50 * 1024 * 1024
TEXT_TYPES = (".txt", ".md", ".text", ".markdown")
HTML_TYPES = (".html", ".htm")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer blockquote pre dt dd hr title".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg head iframe object".split())


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM, or UTF-16 with BOM); else cp1252 when every byte is defined there; else latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReaderError("The file says it is UTF-16 but is not valid UTF-16.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; text using them is latin-1 (or not text at all)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 50)


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _HTMLText()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # html.parser is lenient; be safe all the same
        raise ReaderError(f"The HTML could not be read: {exc}") from None
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def pdf_to_text(data: bytes) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ReaderError("The PDF is encrypted; save an unprotected copy and try again.") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReaderError:
        raise
    except Exception as exc:
        raise ReaderError(f"The PDF could not be read ({type(exc).__name__}); is it a valid PDF file?") from None
    text = "\n\n".join(p.strip() for p in pages)
    if not text.strip():
        raise ReaderError(
            "The PDF has no text layer (it is probably a scan or an image); paste the posting's text instead."
        )
    return text


def docx_to_text(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            try:
                info = zf.getinfo("word/document.xml")
            except KeyError:
                raise ReaderError("The .docx file has no document body (word/document.xml).") from None
            if info.file_size > MAX_DOCX_XML_BYTES:
                raise ReaderError("The .docx document is too large to read.")
            xml = zf.read(info)
    except ReaderError:
        raise
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        raise ReaderError("The .docx file is damaged or is not a Word document.") from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise ReaderError("The .docx document is damaged (its XML cannot be parsed).") from None
    lines: list[str] = []
    for para in root.iter(f"{_W}p"):
        parts: list[str] = []
        numbered = para.find(f"{_W}pPr/{_W}numPr") is not None
        for node in para.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        line = "".join(parts)
        lines.append(f"- {line}" if numbered and line.strip() else line)
    return "\n".join(lines).strip()


def extract_text(data: bytes, filename: str) -> str:
    """The text of a posting file; raises ReaderError with a clear English message."""
    if len(data) > MAX_FILE_BYTES:
        raise ReaderError(f"The file is too large ({len(data):,} bytes); the limit is 10 MB.")
    if not data or not data.strip():
        raise ReaderError("The file is empty.")
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        text = pdf_to_text(data)
    elif suffix == ".docx":
        text = docx_to_text(data)
    elif suffix in HTML_TYPES or suffix in TEXT_TYPES or suffix == "":
        if _looks_binary(data):
            raise ReaderError("The file looks binary, not text; upload a .txt, .md, .html, .pdf or .docx posting.")
        text = decode(data)
        if suffix in HTML_TYPES or (suffix == "" and re.match(r"\s*<(?:!doctype|html)", text, re.I)):
            text = html_to_text(text)
    else:
        raise ReaderError(f"Unsupported file type {suffix!r}; use .txt, .md, .html, .htm, .pdf or .docx.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_TEXT_CHARS:
        raise ReaderError(f"The posting's text is too long ({len(text):,} characters); the limit is 1 MB of text.")
    if "\x00" in text:
        raise ReaderError("The file looks binary, not text.")
    if not text.strip():
        raise ReaderError("The file has no text (after removing scripts, styles and markup).")
    return text
