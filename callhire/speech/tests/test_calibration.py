from __future__ import annotations

import json
import random

import pytest

from callhire.speech import SpeechError, calibration


def sample(i: int, rng: random.Random) -> dict:
    prob, conf, wpm, pauses = rng.random(), rng.random(), rng.uniform(60, 160), rng.uniform(0, 0.5)
    total = 2 + 4 * prob + 2 * conf + wpm / 80 - 3 * pauses
    return {
        "id": f"r{i:03d}", "kind": "read", "script_probability": prob, "confidence": conf, "wpm": wpm,
        "pause_ratio": pauses, "wer": 1 - prob,
        "ratings": {"total": total, "accuracy": total + rng.gauss(0, 0.5), "fluency": total + rng.gauss(0, 0.5)},
    }  # fmt: skip


def test_it_recovers_a_linear_relation_and_reports_cross_validated_r():
    rng = random.Random(7)
    samples = [sample(i, rng) for i in range(200)]
    result = calibration.fit(samples, "synthetic")
    model = result["models"]["read"]["overall"]
    assert model["weights"]["script_probability"] == pytest.approx(4, abs=0.01)
    assert model["weights"]["pause_ratio"] == pytest.approx(-3, abs=0.01)
    assert result["fitted"]["cross_validated_r"]["read"]["overall"] > 0.99
    # Without the script, the call model explains less.
    assert result["fitted"]["cross_validated_r"]["call"]["overall"] < 0.95


def test_scores_are_clipped_to_0_100_and_missing_script_metrics_count_as_worst():
    cal = calibration.load()
    good = {"kind": "read", "script_probability": 1.0, "confidence": 1.0, "wpm": 500, "pause_ratio": 0.0, "wer": 0.0}
    bad = {"kind": "read", "script_probability": None, "confidence": 0.0, "wpm": 0, "pause_ratio": 5.0, "wer": None}
    assert all(0 <= v <= 100 for v in calibration.scores(good, cal).values())
    assert all(0 <= v <= 100 for v in calibration.scores(bad, cal).values())
    assert calibration.scores(good, cal)["overall"] > calibration.scores(bad, cal)["overall"]


def test_the_shipped_calibration_says_how_it_was_fitted():
    cal = calibration.load()
    assert cal["fitted"]["recordings"] >= 250
    assert cal["fitted"]["cross_validated_r"]["read"]["overall"] >= 0.65
    for kind in ("read", "call"):
        for score in ("clarity", "fluency", "overall"):
            assert cal["models"][kind][score]["weights"]


def test_it_refuses_too_few_recordings_and_a_broken_file(tmp_path):
    rng = random.Random(1)
    with pytest.raises(SpeechError, match="at least 20"):
        calibration.fit([sample(i, rng) for i in range(5)], "tiny")
    broken = tmp_path / "cal.json"
    broken.write_text(json.dumps({"models": {"read": {}}}))
    with pytest.raises(SpeechError, match="not a usable calibration file"):
        calibration.load(str(broken))


def test_it_names_the_line_of_a_bad_label(tmp_path):
    (tmp_path / "labels.tsv").write_text("id\tscript\taccuracy\tfluency\ttotal\na\tHELLO\t8\tgood\t7\n")
    with pytest.raises(SpeechError, match="line 2: ratings must be numbers"):
        calibration.read_labels(tmp_path)
    (tmp_path / "labels.tsv").write_text("id\tscript\ttotal\n")
    with pytest.raises(SpeechError, match="missing columns: accuracy, fluency"):
        calibration.read_labels(tmp_path)
