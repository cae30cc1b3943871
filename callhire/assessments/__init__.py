"""Online assessments: item banks (typing, skills, judgement, work style), validation and scoring.

Plain Python with no Django import. The banks are YAML files in `banks/`, written for callhire
in English and Malay; docs/assessments.md describes their format and how scoring works.
"""

from __future__ import annotations

from callhire.assessments.banks import LANGS, SECTIONS, Bank, BankError, Item, load_bank, validate_dir

__all__ = ["LANGS", "SECTIONS", "Bank", "BankError", "Item", "load_bank", "validate_dir"]
