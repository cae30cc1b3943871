"""The `callhire` command: describe, screen and validate job profiles, and read postings.

Plain Python (no Django), so it works on a file system alone. Bad input gets a message that
names the line or field, and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from callhire.assessments import command as assessments_command
from callhire.inputfiles import InputError, read_text_file
from callhire.postings.reader import command as reader_command
from callhire.postings.writer import FORMATS, Employer, write_description
from callhire.screening import vocab
from callhire.screening.catalog import CATALOG, Requirement
from callhire.screening.engine import Screener
from callhire.screening.profile import Profile, ProfileError, load_profile
from callhire.speech import command as speech_command

MAX_PROFILE_BYTES = 1_000_000
TRUE_WORDS = {"true", "yes", "y", "1", "ya"}
FALSE_WORDS = {"false", "no", "n", "0", "tidak"}


def read_profile(path: str) -> Profile:
    """Read and validate a profile file, turning every failure into an InputError."""
    text = read_text_file(path, MAX_PROFILE_BYTES, "a profile file")
    try:
        return load_profile(text, path)
    except ProfileError as exc:
        raise InputError("\n".join(f"{path}: {error}" for error in exc.errors)) from None


# Facts -------------------------------------------------------------------------------------

FACT_KINDS: dict[str, Requirement] = {}
for _req in CATALOG.values():
    if _req.fact:
        FACT_KINDS.setdefault(_req.fact, _req)


def parse_fact(fact: str, cell: str) -> Any:
    """Turn one CSV cell into the fact value the engine compares; raise ValueError if it can't."""
    req = FACT_KINDS[fact]
    text = cell.strip()
    low = text.lower()
    if req.compare in ("all_of", "text_in"):
        return [part.strip() for part in text.replace("|", ";").split(";") if part.strip()]
    if req.kind in ("int", "number") and low in TRUE_WORDS | FALSE_WORDS and not low.isdigit():
        return low in TRUE_WORDS  # "at least the minimum": yes or no
    if req.kind == "int":
        return int(text)
    if req.kind == "number":
        return float(text)
    if req.kind == "flag" or req.compare == "headset":
        if low in TRUE_WORDS:
            return True
        if low in FALSE_WORDS:
            return False
        raise ValueError("expected yes or no")
    if req.compare == "rank":
        level = vocab.EDUCATION_ALIASES.get(low, low.replace(" ", "_"))
        if level not in vocab.EDUCATION_LEVELS:
            raise ValueError(f"unknown education level; use one of {', '.join(vocab.EDUCATION_LEVELS)}")
        return level
    if req.compare == "availability":
        offer: dict[str, Any] = {}
        for token in low.replace("|", ";").split(";"):
            token = token.strip()
            if token in ("weekends", "nights"):
                offer[token] = True
            elif token.isdigit():
                offer["hours_per_week"] = int(token)
            elif token:
                raise ValueError("expected weekends, nights and a number of hours, separated by ;")
        return offer
    if req.compare == "one_of":
        return low
    return text


def read_candidates(stream: IO[str], name: str) -> Iterator[tuple[str, dict[str, Any], dict[str, str]]]:
    """Yield (id, facts, sources) per row of a candidates CSV, one row at a time.

    A column is a fact name (`typing_wpm`), or a fact name and its source (`typing_wpm@measured`).
    Columns that are not facts, such as names, are passed over: the engine never sees them.
    """
    reader = csv.reader(stream)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{name}: the file is empty; the first line must name the columns") from None
    except csv.Error as exc:
        raise InputError(f"{name}: line 1: {exc}") from None
    columns: list[tuple[int, str, str]] = []
    id_column = None
    for i, title in enumerate(header):
        title = title.strip().lstrip("\ufeff")
        fact, _, source = title.partition("@")
        if title == "id":
            id_column = i
        elif fact in FACT_KINDS:
            if source and source not in vocab.FACT_SOURCES:
                raise InputError(f"{name}: line 1: column {title!r}: unknown source {source!r}")
            columns.append((i, fact, source or "declared"))
    if not columns:
        known = ", ".join(sorted(FACT_KINDS))
        raise InputError(f"{name}: line 1: no column names a candidate fact; known facts: {known}")
    line = 1
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            facts: dict[str, Any] = {}
            sources: dict[str, str] = {}
            for i, fact, source in columns:
                cell = row[i] if i < len(row) else ""
                if not cell.strip():
                    continue
                try:
                    facts[fact] = parse_fact(fact, cell)
                except ValueError as exc:
                    raise InputError(f"{name}: line {line}: column {header[i]!r}: {cell!r}: {exc}") from None
                sources[fact] = source
            ident = row[id_column].strip() if id_column is not None and id_column < len(row) else str(line - 1)
            yield ident, facts, sources
    except csv.Error as exc:
        raise InputError(f"{name}: line {line}: {exc}") from None


class Progress:
    """A one-line progress counter on a terminal; silent when stderr is not one."""

    def __init__(self, stream: IO[str], total_bytes: int | None):
        self.stream, self.total = stream, total_bytes
        self.enabled = stream.isatty()
        self.last = 0.0

    def update(self, count: int, done_bytes: int | None) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.last < 0.2:
            return
        self.last = now
        if self.total and done_bytes is not None:
            share = min(done_bytes / self.total, 1.0)
            bar = "#" * int(share * 30)
            self.stream.write(f"\r[{bar:<30}] {share:4.0%} {count} candidates")
        else:
            self.stream.write(f"\r{count} candidates")
        self.stream.flush()

    def close(self, count: int) -> None:
        if self.enabled:
            self.stream.write(f"\r{count} candidates screened.{' ' * 30}\n")


def run_screen(args: argparse.Namespace) -> int:
    profile = read_profile(args.profile)
    screener = Screener(profile)
    path = Path(args.candidates)
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise InputError(f"{args.candidates}: {exc.strerror}") from None
    out_fmt = args.format or ("jsonl" if args.out and args.out.endswith((".jsonl", ".json")) else "csv")
    out: IO[str] = open(args.out, "w", newline="", encoding="utf-8") if args.out else sys.stdout
    progress = Progress(sys.stderr, path.stat().st_size if path.is_file() else None)
    count = 0
    with raw:
        stream = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        writer = csv.writer(out) if out_fmt == "csv" else None
        if writer:
            writer.writerow(["id", "verdict", "score", "not_met", "unknown"])
        try:
            for ident, facts, sources in read_candidates(stream, args.candidates):
                result = screener.screen(facts, sources)
                keys = [rule.key for rule in screener.rules]
                not_met = [k for k, s in zip(keys, result.statuses, strict=True) if s == "not_met"]
                unknown = [k for k, s in zip(keys, result.statuses, strict=True) if s == "unknown"]
                if writer:
                    writer.writerow([ident, result.verdict, result.score, ";".join(not_met), ";".join(unknown)])
                else:
                    findings = [
                        {"key": f.key, "level": f.level, "status": f.status, "reason": f.reason(args.lang)}
                        for f in result.findings()
                    ]
                    record = {"id": ident, "verdict": result.verdict, "score": result.score, "findings": findings}
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
                if count % 1000 == 0:
                    progress.update(count, raw.tell())
        except UnicodeDecodeError:
            raise InputError(f"{args.candidates}: not UTF-8 text (after {count} candidates)") from None
        finally:
            if args.out:
                out.close()
    progress.close(count)
    return 0


def run_describe(args: argparse.Namespace) -> int:
    profile = read_profile(args.profile)
    employer = Employer(name=args.employer or "", location=args.location or "", apply_url=args.apply_url or "")
    sys.stdout.write(write_description(profile, employer, lang=args.lang, fmt=args.format))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    profile = read_profile(args.file)
    print(f"{args.file}: valid profile {profile.title!r} with {len(profile.rules)} requirements")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="callhire", description="Hiring tools for contact-center agents.")
    sub = parser.add_subparsers(dest="command", required=True)

    describe = sub.add_parser("describe", help="write the job description of a profile")
    describe.add_argument("profile", help="profile file (.yaml or .json)")
    describe.add_argument("--lang", choices=["en", "ms"], default="en")
    describe.add_argument("--format", choices=list(FORMATS), default="md")
    describe.add_argument("--employer", help="employer name to write into the description")
    describe.add_argument("--location", help="where the job is")
    describe.add_argument("--apply-url", help="where to apply")
    describe.set_defaults(func=run_describe)

    screen = sub.add_parser("screen", help="screen a CSV of candidates against a profile")
    screen.add_argument("profile", help="profile file (.yaml or .json)")
    screen.add_argument("candidates", help="CSV: a header of fact names (optionally fact@source), a row each")
    screen.add_argument("--out", help="write results here instead of standard output")
    screen.add_argument("--format", choices=["csv", "jsonl"], help="csv (default) or JSON lines with findings")
    screen.add_argument("--lang", choices=["en", "ms"], default="en", help="language of reasons in JSON lines")
    screen.set_defaults(func=run_screen)

    profile = sub.add_parser("profile", help="work with profile files")
    profile_sub = profile.add_subparsers(dest="profile_command", required=True)
    validate = profile_sub.add_parser("validate", help="check a profile file and name every fault")
    validate.add_argument("file")
    validate.set_defaults(func=run_validate)

    reader_command.add_parser(sub)
    assessments_command.add_parser(sub)
    speech_command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as exc:
        print(f"callhire: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
