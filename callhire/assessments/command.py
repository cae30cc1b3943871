"""`callhire assessments validate [DIR]`: check every item bank and name the first problem."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from callhire.assessments.banks import BANKS_DIR, LANGS, BankError, validate_dir


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `assessments` (with its `validate` command) on an argparse subparsers object."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "assessments", help="work with the assessment item banks", description="Work with the assessment item banks."
    )
    sub = p.add_subparsers(dest="assessments_command", required=True)
    v = sub.add_parser(
        "validate",
        help="check every item bank (format, answer keys, both languages)",
        description="Check the item banks in DIR (default: the banks shipped with callhire). "
        "Stops at the first problem and names the file, the item and the reason.",
    )
    v.add_argument(
        "dir",
        nargs="?",
        metavar="DIR",
        help="folder holding typing.yaml, skills.yaml, judgement.yaml, work_style.yaml, voice.yaml, sample_call.yaml",
    )
    v.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Validate the banks; 0 with a one-line summary, or 1 with `callhire: error: ...` on stderr."""
    directory = getattr(args, "dir", None) or BANKS_DIR
    try:
        banks = validate_dir(directory)
    except BankError as exc:
        print(f"callhire: error: {exc}", file=sys.stderr)
        return 1
    parts = []
    for section, bank in banks.items():
        scored = bank.scored_items()
        if section in ("typing", "voice", "sample_call"):
            noun = {"typing": "passages", "voice": "scripts", "sample_call": "calls"}[section]
            per_lang = ", ".join(f"{len(bank.passages(lang))} {lang}" for lang in LANGS)
            parts.append(f"{section} {len(scored)} {noun} ({per_lang})")
        else:
            parts.append(f"{section} {len(scored)} items")
    practice = sum(len(bank.practice_items()) for bank in banks.values())
    print(f"{directory}: OK: {', '.join(parts)}; {practice} practice items; every text in {' and '.join(LANGS)}")
    return 0
