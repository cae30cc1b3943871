"""`callhire extract`: read a posting file and print its proposed profile or labels line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from callhire.postings.reader.evaluate import evaluate_dir
from callhire.postings.reader.extract import read_posting
from callhire.postings.reader.inputs import MAX_FILE_BYTES, extract_text
from callhire.postings.reader.model import ReaderError
from callhire.postings.reader.output import to_labels, to_proposal


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `extract` on an argparse subparsers object."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "extract",
        help="read a job posting and propose its requirement profile",
        description="Read a job posting (.txt .md .html .pdf .docx) and print the proposed profile as JSON.",
    )
    p.add_argument("file", nargs="?", help="the posting file")
    p.add_argument(
        "--format", choices=("profile", "labels"), default="profile", help="output format (default: profile)"
    )
    p.add_argument("--lang", choices=("en", "ms"), default=None, help="the posting's language (default: detect)")
    p.add_argument("--evaluate", metavar="DIR", help="score the reader on DIR (NNN.txt + labels.jsonl)")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    try:
        if getattr(args, "evaluate", None):
            report = evaluate_dir(args.evaluate)
            print(report.format())
            return 0
        if not args.file:
            raise ReaderError("Give a posting FILE, or --evaluate DIR.")
        path = Path(args.file)
        if not path.is_file():
            raise ReaderError(f"No such file: {args.file}")
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise ReaderError(f"The file is too large ({size:,} bytes); the limit is 10 MB.")
        text = extract_text(path.read_bytes(), path.name)
        extraction = read_posting(text, getattr(args, "lang", None))
        if args.format == "labels":
            print(json.dumps(to_labels(extraction, path.stem), ensure_ascii=False))
        else:
            print(json.dumps(to_proposal(extraction), ensure_ascii=False, indent=2))
        return 0
    except ReaderError as exc:
        print(f"callhire: error: {exc.message_en}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"callhire: error: cannot read the file: {exc.strerror or exc}", file=sys.stderr)
        return 2
