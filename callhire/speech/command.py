"""`callhire speech score|evaluate|calibrate`: score recordings and check the scores against experts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO, Any

from callhire.inputfiles import InputError, read_text_file
from callhire.speech import calibration
from callhire.speech.audio import SpeechError, load_audio
from callhire.speech.scoring import measure, score_recording

MAX_LIST_BYTES = 10_000_000


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `speech` and its commands on an argparse subparsers object."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "speech", help="score voice-test recordings", description="Score voice-test recordings offline."
    )
    sub = p.add_subparsers(dest="speech_command", required=True)

    score = sub.add_parser(
        "score",
        help="score one recording, or a list of them",
        description="Score FILE and print the result as JSON, or score every line of a --batch list "
        "(id<TAB>wav path<TAB>script; paths relative to the list's folder; an empty script scores a free answer) "
        "into --out as JSON lines.",
    )
    score.add_argument("file", nargs="?", help="a recording (WAV, webm, ogg, mp4)")
    score.add_argument("--script", default="", help="the text that was read aloud")
    score.add_argument("--kind", choices=["read", "call"], help="read (default with --script) or call")
    score.add_argument(
        "--keywords", default="", help="for a call: keywords or phrases the answer should use, comma-separated"
    )
    score.add_argument("--batch", metavar="LIST.tsv", help="score every recording in this list")
    score.add_argument("--out", metavar="OUT.jsonl", help="where --batch writes its results (default: standard output)")
    score.add_argument("--backend", help="speech backend (default: $CALLHIRE_SPEECH_BACKEND or whisper-tiny.en)")
    score.set_defaults(func=run_score)

    for name, text in (
        ("evaluate", "print how well the scores agree with the experts on a rated folder"),
        ("calibrate", "fit the score formula to a rated folder and write the calibration file"),
    ):
        c = sub.add_parser(
            name,
            help=text,
            description=f"{text[0].upper()}{text[1:]}. DIR holds labels.tsv (id, script, accuracy, fluency, total "
            "on a 0-10 scale) and wav/ID.wav.",
        )
        c.add_argument("dir", metavar="DIR")
        c.add_argument(
            "--features",
            metavar="FILE.jsonl",
            help="reuse the metrics saved in this file if it exists, else measure and save them here",
        )
        c.add_argument("--backend", help="speech backend (default: $CALLHIRE_SPEECH_BACKEND or whisper-tiny.en)")
        if name == "calibrate":
            c.add_argument("--out", required=True, metavar="FILE", help="calibration file to write (JSON)")
            c.set_defaults(func=run_calibrate)
        else:
            c.add_argument("--calibration", metavar="FILE", help="calibration file to judge (default: the shipped one)")
            c.set_defaults(func=run_evaluate)
    return p


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{done}/{total} recordings")
        sys.stderr.flush()
        if done == total:
            sys.stderr.write("\n")


def _keywords(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]


def run_score(args: argparse.Namespace) -> int:
    if args.batch:
        if args.file:
            raise InputError("give either FILE or --batch LIST.tsv, not both")
        return score_batch(args)
    if not args.file:
        raise InputError("give a recording to score, or --batch LIST.tsv")
    kind = args.kind or ("read" if args.script.strip() else "call")
    try:
        result = score_recording(
            args.file, kind=kind, script=args.script, keywords=_keywords(args.keywords), backend=args.backend
        )
    except SpeechError as exc:
        raise InputError(f"{args.file}: {exc}") from None
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def read_list(path: Path) -> list[tuple[int, str, Path, str]]:
    """Read a batch list: (line, id, wav path, script) per line; blank lines and # comments are skipped."""
    text = read_text_file(path, MAX_LIST_BYTES, "a list", encoding="utf-8-sig")
    entries = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) not in (2, 3) or not cells[0].strip() or not cells[1].strip():
            raise InputError(f"{path}: line {number}: expected id<TAB>wav path<TAB>script")
        ident = cells[0].strip()
        if ident in seen:
            raise InputError(f"{path}: line {number}: id {ident!r} appears twice")
        seen.add(ident)
        entries.append((number, ident, path.parent / cells[1].strip(), cells[2].strip() if len(cells) == 3 else ""))
    return entries


def score_batch(args: argparse.Namespace) -> int:
    """Score each listed recording; one that cannot be scored gets an `error` line and the rest go on."""
    entries = read_list(Path(args.batch))
    try:
        out: IO[str] = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    except OSError as exc:
        raise InputError(f"{args.out}: {exc.strerror}") from None
    failed = 0
    with out if args.out else _nullcontext(out):
        for done, (number, ident, wav, script) in enumerate(entries, 1):
            try:
                result = score_recording(wav, kind="read" if script else "call", script=script, backend=args.backend)
                record: dict[str, Any] = {"id": ident, **result}
            except SpeechError as exc:
                failed += 1
                record = {"id": ident, "error": str(exc)}
                print(f"callhire: error: {args.batch}: line {number}: {wav}: {exc}", file=sys.stderr)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            _progress(done, len(entries))
    return 1 if failed else 0


class _nullcontext:
    def __init__(self, value: IO[str]):
        self.value = value

    def __enter__(self) -> IO[str]:
        return self.value

    def __exit__(self, *exc: object) -> None:
        return None


def collect(folder: Path, features: str | None, backend: str | None) -> list[dict[str, Any]]:
    """Return each rated recording's metrics with its ratings, measuring only what is not saved yet."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    labels = calibration.read_labels(folder)
    saved: dict[str, dict[str, Any]] = {}
    if features and Path(features).exists():
        number = 0
        try:
            with open(features, encoding="utf-8") as stream:
                for number, line in enumerate(stream, 1):  # noqa: B007 (named in the error below)
                    if line.strip():
                        item = json.loads(line)
                        saved[str(item["id"])] = item
        except (ValueError, KeyError, TypeError):
            raise InputError(f"{features}: line {number}: not a saved metrics line") from None
        except OSError as exc:
            raise InputError(f"{features}: {exc.strerror}") from None
    sink = open(features, "a", encoding="utf-8") if features else None
    samples = []
    skipped = 0
    try:
        for done, row in enumerate(labels, 1):
            item = saved.get(row["id"])
            if item is None:
                wav = folder / "wav" / f"{row['id']}.wav"
                try:
                    item = {
                        "id": row["id"],
                        **measure(load_audio(wav), kind="read", script=row["script"], backend=backend),
                    }
                except SpeechError as exc:
                    print(f"callhire: warning: {wav}: {exc}; left out", file=sys.stderr)
                    skipped += 1
                    continue
                item.pop("words", None)
                if sink:
                    sink.write(json.dumps(item, ensure_ascii=False) + "\n")
                    sink.flush()
            samples.append({**item, "ratings": row["ratings"]})
            _progress(done, len(labels))
    finally:
        if sink:
            sink.close()
    return samples


def _call_view(sample: dict[str, Any]) -> dict[str, Any]:
    """The same recording seen as a free answer: no script, so no script metrics."""
    return {**sample, "kind": "call", "wer": None, "script_probability": None}


def run_evaluate(args: argparse.Namespace) -> int:
    try:
        cal = calibration.load(args.calibration)
        samples = collect(Path(args.dir), args.features, args.backend)
    except SpeechError as exc:
        raise InputError(str(exc)) from None
    if len(samples) < 3:
        raise InputError(f"{args.dir}: too few recordings could be scored ({len(samples)})")
    print(f"{args.dir}: {len(samples)} recordings; Pearson r with the experts' mean rating")
    for kind, view in (("read", dict), ("call", _call_view)):
        scored = [calibration.scores(view(s), cal) for s in samples]
        parts = []
        for score, target in calibration.TARGETS.items():
            r = calibration.pearson([float(x[score]) for x in scored], [s["ratings"][target] for s in samples])
            parts.append(f"{score} vs {target} r = {r:.3f}")
        label = "read aloud (script known)" if kind == "read" else "as a free answer (no script)"
        print(f"  {label}: " + "; ".join(parts))
    checks = calibration.cross_validate(samples, "read")
    print(
        f"  refitted on this folder, {calibration.FOLDS}-fold cross-validated: "
        + "; ".join(f"{score} r = {r:.3f}" for score, r in checks.items())
    )
    return 0


def run_calibrate(args: argparse.Namespace) -> int:
    try:
        samples = collect(Path(args.dir), args.features, args.backend)
        result = calibration.fit(samples, source=Path(args.dir).name)
    except SpeechError as exc:
        raise InputError(str(exc)) from None
    try:
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{args.out}: {exc.strerror}") from None
    checks = result["fitted"]["cross_validated_r"]
    print(f"{args.out}: fitted on {len(samples)} recordings; {calibration.FOLDS}-fold cross-validated r:")
    for kind, values in checks.items():
        print(f"  {kind}: " + "; ".join(f"{score} {r:.3f}" for score, r in values.items()))
    return 0
