"""Turn metrics into clarity, fluency and overall scores (0-100) with a small calibrated linear model.

Each score is ``10 * (intercept + sum(weight * feature))``, clipped to 0-100, where each feature is a
metric clipped to a fixed range (so one extreme value cannot swing a score). The weights are fitted
by ordinary least squares to expert ratings on a 0-10 scale (clarity to pronunciation accuracy,
fluency to fluency, overall to the total), and the fit is checked by k-fold cross-validation.
The committed weights live in ``calibration.json`` next to this file, with how they were fitted;
``callhire speech calibrate DIR --out FILE`` refits them from any folder of rated recordings and
``CALLHIRE_SPEECH_CALIBRATION`` points the scorer at another file.
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from callhire.speech.audio import SpeechError

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")

# Feature -> (low, high) it is clipped to before weighting.
RANGES: dict[str, tuple[float, float]] = {
    "script_probability": (0.0, 1.0),
    "wer": (0.0, 1.0),
    "confidence": (0.0, 1.0),
    "wpm": (0.0, 160.0),
    "pause_ratio": (0.0, 0.6),
}
# Which features each score uses, for each kind of recording. A free answer has no script, so its
# clarity rests on the recogniser's confidence alone. Accent is not a feature, and none of these asks
# whether speech sounds native: a clearly spoken word is found with high probability in any accent.
FEATURES: dict[str, dict[str, list[str]]] = {
    "read": {
        "clarity": ["script_probability", "confidence", "wer"],
        "fluency": ["confidence", "wpm", "pause_ratio"],
        "overall": ["script_probability", "confidence", "wpm", "pause_ratio"],
    },
    "call": {
        "clarity": ["confidence"],
        "fluency": ["confidence", "wpm", "pause_ratio"],
        "overall": ["confidence", "wpm", "pause_ratio"],
    },
}
# The expert rating each score is fitted to.
TARGETS = {"clarity": "accuracy", "fluency": "fluency", "overall": "total"}
FOLDS = 10


def feature(metrics: dict[str, Any], name: str) -> float:
    """Return one metric clipped to its range; a missing metric (None) counts as the worst value."""
    low, high = RANGES[name]
    value = metrics.get(name)
    if value is None:
        value = high if name in ("wer", "pause_ratio") else low
    return min(max(float(value), low), high)


@lru_cache(maxsize=4)
def load(path: str | None = None) -> dict[str, Any]:
    """Read a calibration file (default: the one shipped, or ``CALLHIRE_SPEECH_CALIBRATION``)."""
    file = Path(path or os.environ.get("CALLHIRE_SPEECH_CALIBRATION") or CALIBRATION_FILE)
    try:
        data: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
        for kind, scores in FEATURES.items():
            for score, names in scores.items():
                model = data["models"][kind][score]
                if sorted(model["weights"]) != sorted(names):
                    raise KeyError(f"{kind}.{score} weights")
                float(model["intercept"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SpeechError(f"{file}: not a usable calibration file ({exc})") from None
    return data


def predict(model: dict[str, Any], metrics: dict[str, Any]) -> float:
    """Return the model's estimate of the expert rating (0-10 scale), unclipped."""
    return float(model["intercept"]) + sum(w * feature(metrics, n) for n, w in model["weights"].items())


def scores(metrics: dict[str, Any], calibration: dict[str, Any] | None = None) -> dict[str, int]:
    """Return clarity, fluency and overall (0-100 ints) for one recording's metrics."""
    models = (calibration or load())["models"][metrics["kind"]]
    return {name: int(round(min(max(predict(models[name], metrics) * 10, 0), 100))) for name in FEATURES["read"]}


# Fitting ------------------------------------------------------------------------------------------


def _solve(rows: Sequence[Sequence[float]], target: Sequence[float]) -> list[float]:
    """Least squares by the normal equations with a tiny ridge for stability; the intercept comes last."""
    import numpy as np

    a = np.array([[*row, 1.0] for row in rows], dtype=float)
    y = np.array(target, dtype=float)
    ridge = 1e-6 * np.eye(a.shape[1])
    ridge[-1, -1] = 0.0
    return [float(v) for v in np.linalg.solve(a.T @ a + ridge, a.T @ y)]


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    """Return Pearson's r (0 when either side is constant)."""
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else 0.0


def fit_model(samples: Sequence[dict[str, Any]], names: list[str], target: str) -> dict[str, Any]:
    """Fit one score's weights to ``target`` over ``samples`` (metrics plus ratings)."""
    rows = [[feature(s, n) for n in names] for s in samples]
    solution = _solve(rows, [float(s["ratings"][target]) for s in samples])
    return {
        "target": target,
        "intercept": round(solution[-1], 5),
        "weights": dict(zip(names, (round(w, 5) for w in solution[:-1]), strict=True)),
    }


def cross_validate(samples: Sequence[dict[str, Any]], kind: str, folds: int = FOLDS) -> dict[str, float]:
    """Return, per score, Pearson r of out-of-fold predictions with the experts (folds by sorted id)."""
    ordered = sorted(samples, key=lambda s: str(s["id"]))
    result = {}
    for score, names in FEATURES[kind].items():
        target = TARGETS[score]
        predicted, actual = [], []
        for k in range(folds):
            train = [s for i, s in enumerate(ordered) if i % folds != k]
            test = [s for i, s in enumerate(ordered) if i % folds == k]
            if not test or len(train) <= len(names) + 1:
                continue
            model = fit_model(train, names, target)
            predicted += [predict(model, s) for s in test]
            actual += [float(s["ratings"][target]) for s in test]
        result[score] = round(pearson(predicted, actual), 3) if len(actual) > 2 else 0.0
    return result


def fit(samples: Sequence[dict[str, Any]], source: str) -> dict[str, Any]:
    """Fit every score for both kinds; return a calibration file's content with its cross-validated r."""
    if len(samples) < 20:
        raise SpeechError(f"{source}: at least 20 rated recordings are needed to calibrate, found {len(samples)}")
    models: dict[str, Any] = {}
    checks: dict[str, Any] = {}
    for kind, scores_ in FEATURES.items():
        models[kind] = {score: fit_model(samples, names, TARGETS[score]) for score, names in scores_.items()}
        checks[kind] = cross_validate(samples, kind)
    return {
        "fitted": {
            "source": source,
            "recordings": len(samples),
            "method": f"ordinary least squares per score on clipped features; Pearson r from {FOLDS}-fold "
            "cross-validation (folds by sorted id)",
            "cross_validated_r": checks,
            "ranges": {name: list(r) for name, r in RANGES.items()},
        },
        "models": models,
    }


def read_labels(folder: Path) -> list[dict[str, Any]]:
    """Read ``labels.tsv`` of a rated folder: id, script, then accuracy, fluency, total (0-10) and others."""
    path = folder / "labels.tsv"
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.DictReader(stream, delimiter="\t")
            missing = {"id", "script", *TARGETS.values()} - set(reader.fieldnames or [])
            if missing:
                raise SpeechError(f"{path}: line 1: missing columns: {', '.join(sorted(missing))}")
            rows = []
            for row in reader:
                line = reader.line_num
                try:
                    ratings = {t: float(row[t]) for t in TARGETS.values()}
                except (TypeError, ValueError):
                    raise SpeechError(f"{path}: line {line}: ratings must be numbers") from None
                rows.append({"id": row["id"], "script": row["script"], "ratings": ratings})
    except FileNotFoundError:
        raise SpeechError(f"{path}: no such file (a rated folder holds labels.tsv and wav/ID.wav)") from None
    except UnicodeDecodeError:
        raise SpeechError(f"{path}: not UTF-8 text") from None
    if not rows:
        raise SpeechError(f"{path}: no rated recordings")
    return rows
