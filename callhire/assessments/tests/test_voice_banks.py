"""The voice test and sample call banks: what ships, and the defects the validator names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from callhire.assessments import LANGS, BankError, load_bank, validate_dir
from callhire.assessments.banks import BANKS_DIR


def test_the_voice_bank_has_scripts_in_each_language():
    bank = load_bank("voice")
    for lang in LANGS:
        scripts = bank.passages(lang)
        assert len(scripts) >= 3
        assert any(i.data["lang"] == lang for i in bank.practice_items())
    public = bank.public_item(bank.passages("ms")[0], "ms")
    assert set(public) == {"id", "practice", "lang", "script"}


def test_the_sample_call_bank_has_calls_of_several_turns_with_keywords():
    bank = load_bank("sample_call")
    for lang in LANGS:
        for item in bank.passages(lang):
            assert len(item.data["turns"]) >= 2
            assert all(turn["keywords"] and turn["rubric"] for turn in item.data["turns"])
    public = bank.public_item(bank.passages("en")[0], "en")
    assert "keywords" not in str(public) and "rubric" not in str(public)


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    shutil.copytree(BANKS_DIR, folder)
    return folder


def edit(folder: Path, section: str, change) -> None:
    path = folder / f"{section}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


def failure(folder: Path) -> str:
    with pytest.raises(BankError) as caught:
        validate_dir(folder)
    return str(caught.value)


def test_it_names_a_script_too_long_to_read(bank_dir):
    edit(bank_dir, "voice", lambda d: d["items"][2].update(script="word " * 80))
    assert "item read-greeting-verify-en: a script has 5 to 60 words, not 80" in failure(bank_dir)


def test_it_needs_a_scored_script_in_each_language(bank_dir):
    edit(bank_dir, "voice", lambda d: d.update(items=[i for i in d["items"] if i["lang"] == "en"]))
    assert "no scored script in 'ms'" in failure(bank_dir) or "no practice script in 'ms'" in failure(bank_dir)


def test_it_needs_several_turns_in_a_scored_call(bank_dir):
    edit(bank_dir, "sample_call", lambda d: d["items"][2].update(turns=d["items"][2]["turns"][:1]))
    assert "item call-late-parcel-en: 'turns' must list at least 2 customer turns" in failure(bank_dir)


def test_it_names_a_turn_without_keywords(bank_dir):
    edit(bank_dir, "sample_call", lambda d: d["items"][2]["turns"][1].update(keywords=[]))
    assert "turn 2: 'keywords' must be a non-empty list" in failure(bank_dir)


def test_it_names_a_misspelt_turn_field(bank_dir):
    edit(bank_dir, "sample_call", lambda d: d["items"][3]["turns"][0].update(rubrik="x"))
    assert "item call-double-charge-en: turn 1: unknown field 'rubrik'" in failure(bank_dir)


def test_it_caps_how_long_an_answer_may_last(bank_dir):
    edit(bank_dir, "sample_call", lambda d: d["items"][2]["turns"][0].update(max_seconds=600))
    assert "max_seconds is 10 to 120, not 600" in failure(bank_dir)


def test_it_refuses_an_unknown_language(bank_dir):
    edit(bank_dir, "voice", lambda d: d["items"][0].update(lang="fr"))
    assert "lang 'fr' must be one of en, ms" in failure(bank_dir)
