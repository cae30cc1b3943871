"""Scoring the reader against labelled postings, with exactly the rules of postings-dev/README.md."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from callhire.postings.reader.model import ReaderError

LIST_KEYS = ("languages", "computer_skills", "licenses", "assessments")
UNSCORED = ("schedule_flexibility",)


def normalise(labels: dict[str, Any]) -> dict[tuple[str, Any], tuple[Any, str | None]]:
    """Label object -> {(key, element-or-None): (value, level)} items, as the README counts them."""
    items: dict[tuple[str, Any], tuple[Any, str | None]] = {}
    for key, entry in labels.items():
        if key in ("id", "language") or key in UNSCORED:
            continue
        if key == "pay":
            for part in ("min", "max", "currency", "period"):
                if part in entry:
                    items[("pay", part)] = (entry[part], None)
            continue
        if not isinstance(entry, dict) or "value" not in entry:
            continue
        value, level = entry["value"], entry.get("level")
        if key in LIST_KEYS:
            for element in value or []:
                items[(key, element)] = (element, level)
        elif key == "residency":
            items[(key, None)] = (True, level)
        else:
            items[(key, None)] = (value, level)
    return items


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) <= 1e-6
    return bool(a == b)


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0


@dataclass
class EvaluationReport:
    fields: dict[str, FieldScore] = field(default_factory=dict)
    level_matches: int = 0
    errors: list[str] = field(default_factory=list)  # one line per fp/fn/level error
    postings: int = 0

    @property
    def tp(self) -> int:
        return sum(f.tp for f in self.fields.values())

    @property
    def fp(self) -> int:
        return sum(f.fp for f in self.fields.values())

    @property
    def fn(self) -> int:
        return sum(f.fn for f in self.fields.values())

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def level_accuracy(self) -> float:
        return self.level_matches / self.tp if self.tp else 1.0

    def add(self, posting_id: str, predicted: dict[str, Any], gold: dict[str, Any]) -> None:
        self.postings += 1
        pred, true = normalise(predicted), normalise(gold)
        for item_key in sorted(set(pred) | set(true), key=str):
            key = item_key[0]
            score = self.fields.setdefault(key, FieldScore())
            p, t = pred.get(item_key), true.get(item_key)
            if p is not None and t is not None and _equal(p[0], t[0]):
                score.tp += 1
                if p[1] == t[1]:
                    self.level_matches += 1
                else:
                    self.errors.append(f"{posting_id} level {item_key}: got {p[1]}, want {t[1]}")
                continue
            if p is not None:
                score.fp += 1
                self.errors.append(f"{posting_id} FP {item_key} = {p[0]!r}" + (f" (want {t[0]!r})" if t else ""))
            if t is not None:
                score.fn += 1
                self.errors.append(f"{posting_id} FN {item_key} = {t[0]!r}")

    def format(self) -> str:
        lines = [f"postings: {self.postings}", f"{'field':40} {'tp':>4} {'fp':>4} {'fn':>4}"]
        for name in sorted(self.fields):
            f = self.fields[name]
            lines.append(f"{name:40} {f.tp:4d} {f.fp:4d} {f.fn:4d}")
        lines.append(
            f"micro precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"level accuracy {self.level_accuracy:.3f} ({self.level_matches}/{self.tp})"
        )
        if self.errors:
            lines.append("errors:")
            lines.extend(f"  {e}" for e in self.errors)
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "postings": self.postings,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "level_accuracy": self.level_accuracy,
            "fields": {k: {"tp": v.tp, "fp": v.fp, "fn": v.fn} for k, v in self.fields.items()},
            "errors": list(self.errors),
        }


def evaluate_dir(path: str | Path) -> EvaluationReport:
    """Read NNN.txt and labels.jsonl in path and score the reader on them."""
    from callhire.postings.reader.extract import read_posting
    from callhire.postings.reader.output import to_labels

    folder = Path(path)
    labels_file = folder / "labels.jsonl"
    if not labels_file.is_file():
        raise ReaderError(f"No labels.jsonl in {folder}.")
    report = EvaluationReport()
    for line_no, line in enumerate(labels_file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            gold = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReaderError(f"labels.jsonl line {line_no} is not JSON: {exc}") from None
        posting_id = str(gold["id"])
        files = [folder / f"{posting_id}.txt", folder / f"{posting_id}.md"]
        text_file = next((f for f in files if f.is_file()), None)
        if text_file is None:
            raise ReaderError(f"labels.jsonl names posting {posting_id} but {posting_id}.txt is missing.")
        text = text_file.read_text(encoding="utf-8")
        predicted = to_labels(read_posting(text), posting_id)
        report.add(posting_id, predicted, gold)
    return report
