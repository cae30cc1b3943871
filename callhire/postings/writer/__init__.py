"""The job-description writer: a whole posting from a profile, in English or Malay.

    from callhire.postings.writer import Employer, write_description, FORMATS
    text = write_description(profile, Employer("Sunrise Contact Centers"), lang="ms", fmt="html")

The posting is built once as a small document (sections of paragraphs and bullet lists, see
`model`) and rendered to Markdown, HTML or plain text (`render`). The words of each language
live in one module (`lang_en`, `lang_ms`); a third language is a new module with the same
functions (`wording.Wording`) added to `build.LANGUAGES`.
"""

from __future__ import annotations

from callhire.postings.writer.build import LANGUAGES, Employer, build_document
from callhire.postings.writer.model import Document
from callhire.postings.writer.render import RENDERERS
from callhire.screening.profile import Profile

FORMATS: tuple[str, ...] = ("md", "html", "text")
LANGS: tuple[str, ...] = tuple(LANGUAGES)

__all__ = ["FORMATS", "LANGS", "Document", "Employer", "build_document", "write_description", "write_pay"]


def write_description(profile: Profile, employer: Employer, lang: str = "en", fmt: str = "md") -> str:
    """Write the job description of a profile in a language (en, ms) and format (md, html, text)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return RENDERERS[fmt](build_document(profile, employer, lang))


def write_pay(pay: dict, lang: str = "en") -> str:
    """Write a pay range ({min, max, currency, period}) as the description does, without the full stop."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return LANGUAGES[lang].pay(pay).rstrip(".")
