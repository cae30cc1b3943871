"""`callhire assessments validate [DIR]` runs in the test suite: the shipped banks pass, broken ones fail."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys

from callhire.assessments.banks import BANKS_DIR
from callhire.assessments.command import add_parser, run
from callhire.cli import main


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="callhire")
    add_parser(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def test_validate_shipped_banks(capsys):
    assert run(parse(["assessments", "validate"])) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.count("\n") == 1
    assert "OK: typing 10 passages (5 en, 5 ms)" in out


def test_validate_a_directory(tmp_path, capsys):
    target = tmp_path / "banks"
    shutil.copytree(BANKS_DIR, target)
    assert main(["assessments", "validate", str(target)]) == 0
    assert capsys.readouterr().out.startswith(f"{target}: OK:")


def test_validate_names_the_first_problem(tmp_path, capsys):
    target = tmp_path / "banks"
    shutil.copytree(BANKS_DIR, target)
    path = target / "judgement.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    best: b\n    worst: d\n", "    best: b\n    worst: b\n", 1)
    )
    assert main(["assessments", "validate", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"callhire: error: {path}: item angry-internet-down: best and worst are the same response 'b'\n"


def test_validate_file_level_problem(tmp_path, capsys):
    assert main(["assessments", "validate", str(tmp_path / "missing")]) == 1
    assert capsys.readouterr().err == f"callhire: error: {tmp_path / 'missing'}: no such folder\n"


def test_runs_from_the_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "callhire.cli", "assessments", "validate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "OK:" in done.stdout


def test_no_django_import():
    code = "import sys, callhire.assessments.scoring, callhire.assessments.command; print('django' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
