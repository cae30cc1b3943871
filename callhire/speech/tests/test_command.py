from __future__ import annotations

import json
import random
import shutil

from callhire.cli import main
from callhire.speech.tests.conftest import MISREAD, SCRIPT


def test_batch_scoring_writes_one_json_line_per_recording(clips, tmp_path, capsys):
    shutil.copy(clips["clean"], tmp_path / "clean.wav")
    (tmp_path / "broken.wav").write_text("not audio")
    listing = tmp_path / "list.tsv"
    listing.write_text(f"c1\tclean.wav\t{SCRIPT}\n\nb1\tbroken.wav\t{SCRIPT}\n")
    out = tmp_path / "out.jsonl"
    assert main(["speech", "score", "--batch", str(listing), "--out", str(out)]) == 1
    first, second = (json.loads(line) for line in out.read_text().splitlines())
    assert first["id"] == "c1" and first["wer"] <= 0.15
    assert {"transcript", "wpm", "clarity", "fluency", "overall"} <= set(first)
    assert second == {"id": "b1", "error": "the file is not audio that can be read (InvalidDataError)"}
    assert "line 3: " in capsys.readouterr().err


def test_a_malformed_list_is_an_error_naming_the_line(tmp_path, capsys):
    listing = tmp_path / "list.tsv"
    listing.write_text("a\tx.wav\tHELLO\nonly-one-column\n")
    assert main(["speech", "score", "--batch", str(listing)]) == 2
    assert capsys.readouterr().err == f"callhire: error: {listing}: line 2: expected id<TAB>wav path<TAB>script\n"
    assert main(["speech", "score", "--batch", str(tmp_path / "missing.tsv")]) == 2
    assert "missing.tsv: no such file" in capsys.readouterr().err


def test_it_scores_one_file_and_prints_json(clips, capsys):
    assert main(["speech", "score", str(clips["misread"]), "--script", SCRIPT]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["wer"] > 0.2 and result["kind"] == "read"


def test_an_unreadable_single_file_is_an_error_without_traceback(tmp_path, capsys):
    bad = tmp_path / "x.wav"
    bad.write_bytes(b"RIFF")
    assert main(["speech", "score", str(bad), "--script", "hello"]) == 2
    assert capsys.readouterr().err.startswith(f"callhire: error: {bad}: the file is not audio")


def rated_folder(tmp_path, clips):
    (tmp_path / "wav").mkdir(parents=True)
    rows = ["id\tscript\taccuracy\tfluency\ttotal"]
    for ident, name, rating in (("a", "clean", 9), ("b", "misread", 4), ("c", "pauses", 6)):
        shutil.copy(clips[name], tmp_path / "wav" / f"{ident}.wav")
        rows.append(f"{ident}\t{SCRIPT}\t{rating}\t{rating}\t{rating}")
    (tmp_path / "labels.tsv").write_text("\n".join(rows) + "\n")
    return tmp_path


def test_evaluate_prints_the_correlation_with_the_experts(clips, tmp_path, capsys):
    folder = rated_folder(tmp_path / "rated", clips)
    features = tmp_path / "features.jsonl"
    assert main(["speech", "evaluate", str(folder), "--features", str(features)]) == 0
    out = capsys.readouterr().out
    assert "3 recordings" in out and "overall vs total r = " in out
    assert len(features.read_text().splitlines()) == 3
    # The saved metrics are reused: no recording is read again.
    for wav in (folder / "wav").iterdir():
        wav.write_bytes(b"")
    assert main(["speech", "evaluate", str(folder), "--features", str(features)]) == 0
    assert capsys.readouterr().out == out


def test_calibrate_writes_a_calibration_file_the_scorer_can_use(tmp_path, capsys):
    rng = random.Random(3)
    (tmp_path / "wav").mkdir()
    labels, features = ["id\tscript\taccuracy\tfluency\ttotal"], []
    for i in range(40):
        prob, pauses = rng.random(), rng.uniform(0, 0.4)
        total = 3 + 5 * prob - 4 * pauses + rng.gauss(0, 0.3)
        labels.append(f"r{i}\t{MISREAD}\t{total:.2f}\t{total:.2f}\t{total:.2f}")
        features.append(
            {
                "id": f"r{i}",
                "kind": "read",
                "script_probability": prob,
                "confidence": prob,
                "wpm": 120,
                "pause_ratio": pauses,
                "wer": 1 - prob,
            }  # fmt: skip
        )
    (tmp_path / "labels.tsv").write_text("\n".join(labels) + "\n")
    saved = tmp_path / "features.jsonl"
    saved.write_text("".join(json.dumps(f) + "\n" for f in features))
    out = tmp_path / "cal.json"
    assert main(["speech", "calibrate", str(tmp_path), "--features", str(saved), "--out", str(out)]) == 0
    assert "fitted on 40 recordings" in capsys.readouterr().out
    assert main(["speech", "evaluate", str(tmp_path), "--features", str(saved), "--calibration", str(out)]) == 0
    assert "overall vs total r = 0.9" in capsys.readouterr().out


def test_evaluate_names_a_folder_that_is_not_rated(tmp_path, capsys):
    assert main(["speech", "evaluate", str(tmp_path)]) == 2
    assert "labels.tsv: no such file" in capsys.readouterr().err
