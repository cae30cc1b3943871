import json
import subprocess
import sys
from pathlib import Path

import pytest

from callhire.cli import main

DEMO = Path(__file__).parent.parent / "base" / "demo"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", sorted(p.name for p in DEMO.glob("*.yaml")))
@pytest.mark.parametrize("lang", ["en", "ms"])
def test_it_describes_every_demo_profile_in_both_languages(capsys, name, lang):
    code, out, err = run(capsys, "describe", DEMO / name, "--lang", lang, "--format", "text")
    assert code == 0, err
    assert len(out.split()) > 80
    assert "None" not in out


def test_it_validates_a_good_profile(capsys):
    code, out, _ = run(capsys, "profile", "validate", DEMO / "kl-bpo.yaml")
    assert code == 0
    assert "valid profile" in out


def test_it_names_the_field_of_a_bad_profile(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: X\nrequirements:\n  typing_wpm: {level: sometimes, value: 30}\n")
    code, _, err = run(capsys, "profile", "validate", bad)
    assert code == 2
    assert "requirements.typing_wpm.level" in err
    assert "Traceback" not in err


def test_it_gives_the_line_of_a_yaml_syntax_error(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: X\nrequirements: [\n")
    code, _, err = run(capsys, "profile", "validate", bad)
    assert code == 2
    assert "line" in err


def test_a_missing_file_is_a_clear_error(capsys, tmp_path):
    code, _, err = run(capsys, "profile", "validate", tmp_path / "nope.yaml")
    assert code == 2
    assert "no such file" in err


def test_it_screens_a_csv_into_csv(capsys, tmp_path):
    csv_file = tmp_path / "c.csv"
    csv_file.write_text(
        "id,name,sex,age_years,education,customer_service_experience_months,typing_wpm@measured\n"
        "a1,Ann,f,25,SPM,12,40\n"
        "a2,Bo,m,16,high school,0,50\n"
    )
    code, out, err = run(capsys, "screen", DEMO / "kl-bpo.yaml", csv_file)
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0] == "id,verdict,score,not_met,unknown"
    assert lines[1].startswith("a1,needs_review,")
    assert lines[2].startswith("a2,not_qualified,") and "min_age" in lines[2]


def test_it_screens_into_json_lines_with_reasons(capsys, tmp_path):
    csv_file = tmp_path / "c.csv"
    csv_file.write_text("age_years,education\n17,bachelor\n")
    out_file = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "screen", DEMO / "inbound-office.yaml", csv_file, "--out", out_file, "--lang", "ms")
    assert code == 0, err
    record = json.loads(out_file.read_text().splitlines()[0])
    assert record["verdict"] == "not_qualified"
    assert record["findings"][0]["reason"].startswith("Umur minimum")


def test_a_bad_cell_names_its_line_and_column(capsys, tmp_path):
    csv_file = tmp_path / "c.csv"
    csv_file.write_text("age_years,education\n20,high_school\n20,wizard\n")
    code, _, err = run(capsys, "screen", DEMO / "inbound-office.yaml", csv_file)
    assert code == 2
    assert "line 3" in err and "education" in err


def test_a_csv_without_fact_columns_is_refused(capsys, tmp_path):
    csv_file = tmp_path / "c.csv"
    csv_file.write_text("name,email\nAnn,a@example.com\n")
    code, _, err = run(capsys, "screen", DEMO / "inbound-office.yaml", csv_file)
    assert code == 2
    assert "no column names a candidate fact" in err


def test_the_installed_command_runs_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    proc = subprocess.run(
        [sys.executable, "-m", "callhire.cli", "profile", "validate", str(bad)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "not valid JSON" in proc.stderr
    assert "Traceback" not in proc.stderr
