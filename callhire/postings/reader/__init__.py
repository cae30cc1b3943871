"""The posting reader: reads a job ad and proposes callhire's requirement profile.

    from callhire.postings.reader import read_posting, to_profile
    extraction = read_posting(text)          # language detected (en / ms)
    profile = to_profile(extraction)

Rules live in language packs (``lang/en.py``, ``lang/ms.py``); see docs/posting-reader.md.
"""

from __future__ import annotations

from callhire.postings.reader.evaluate import EvaluationReport, evaluate_dir
from callhire.postings.reader.extract import detect_language, read_posting
from callhire.postings.reader.inputs import extract_text
from callhire.postings.reader.model import Evidence, Extraction, Flag, Item, ReaderError
from callhire.postings.reader.output import assumed_values, to_labels, to_profile, to_proposal

__all__ = [
    "EvaluationReport",
    "Evidence",
    "Extraction",
    "Flag",
    "Item",
    "ReaderError",
    "detect_language",
    "evaluate_dir",
    "extract_text",
    "read_posting",
    "to_labels",
    "to_profile",
    "to_proposal",
    "assumed_values",
]
