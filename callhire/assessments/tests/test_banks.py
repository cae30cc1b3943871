"""The shipped item banks validate, and every kind of defect is named with its file, item and reason."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from callhire.assessments import LANGS, SECTIONS, BankError, load_bank, validate_dir
from callhire.assessments.banks import BANKS_DIR

# The shipped banks ---------------------------------------------------------------------------


def test_shipped_banks_validate():
    banks = validate_dir()
    assert list(banks) == list(SECTIONS)
    for section, bank in banks.items():
        assert bank.section == section
        assert bank.minutes >= 1
        assert set(bank.instructions) == set(LANGS)
        assert bank.practice_items(), section
        assert bank.scored_items(), section
        assert len({item.id for item in bank.items}) == len(bank.items)


def test_typing_bank_sizes_and_lengths():
    bank = load_bank("typing")
    assert 1 <= bank.minutes <= 3
    for lang in LANGS:
        passages = bank.passages(lang)
        assert len(passages) >= 4
        for item in passages:
            assert 80 <= len(item.data["text"].split()) <= 140, item.id
            assert item.data["text"].isascii(), item.id  # typable on any keyboard
        assert any(i.data["lang"] == lang for i in bank.practice_items())


def test_skills_bank_sizes():
    bank = load_bank("skills")
    scored = bank.scored_items()
    by_area: dict[str, list[Any]] = {}
    for item in scored:
        by_area.setdefault(item.data["area"], []).append(item)
    assert len(by_area["math"]) >= 8
    assert len([i for i in by_area["writing"] if i.data["kind"] == "choice"]) >= 6
    assert len([i for i in by_area["writing"] if i.data["kind"] == "written"]) == 1
    assert len(by_area["computer"]) >= 6


def test_judgement_bank_covers_the_required_situations():
    bank = load_bank("judgement")
    scored = bank.scored_items()
    assert len(scored) >= 6
    topics = {item.data["topic"] for item in scored}
    assert {"angry_caller", "refund_outside_policy", "upsell", "supervisor_request", "privacy"} <= topics
    for item in scored:
        assert len(item.data["responses"]) == 4


def test_work_style_bank_shape():
    bank = load_bank("work_style")
    assert set(bank.traits) == {"patience", "dependability", "composure", "service", "rules"}
    for trait in bank.traits:
        mine = [i for i in bank.scored_items() if i.data["trait"] == trait]
        assert len(mine) == 4
        assert 1 <= sum(i.data["reverse"] for i in mine) <= 2
    assert len(bank.consistency) >= 3
    assert [s["value"] for s in bank.data["scale"]] == [1, 2, 3, 4, 5]


def test_public_items_never_show_keys():
    secret = {"answer", "tolerance", "rubric", "best", "worst", "reverse", "trait", "topic"}
    for section in SECTIONS:
        bank = load_bank(section)
        for item in bank.items:
            for lang in LANGS:
                shown = bank.public_item(item, lang)
                assert not secret & set(shown), (section, item.id)
                assert shown["id"] == item.id


def test_public_item_contents():
    skills = load_bank("skills")
    choice = skills.public_item(skills.get("computer-bcc"), "ms")
    assert choice["kind"] == "choice"
    assert [o["id"] for o in choice["options"]] == ["a", "b", "c", "d"]
    assert choice["options"][2]["text"] == "Skt (Bcc)"
    reply = skills.public_item(skills.get("writing-reply"), "en")
    assert "Karen Miller" in reply["email"]
    assert (reply["min_words"], reply["max_words"]) == (40, 180)
    assert skills.public_item(skills.get("math-order-total"), "en")["unit"] == "USD"
    style = load_bank("work_style")
    shown = style.public_item(style.get("pat-2"), "ms")
    assert shown["scale"][0] == {"value": 1, "label": "Sangat tidak setuju"}
    with pytest.raises(ValueError):
        style.public_item(style.get("pat-2"), "fr")


def test_shuffled_is_repeatable_per_seed():
    bank = load_bank("skills")
    first = [i.id for i in bank.shuffled("attempt-17")]
    assert first == [i.id for i in bank.shuffled("attempt-17")]
    assert sorted(first) == sorted(i.id for i in bank.scored_items())
    assert first != [i.id for i in bank.scored_items()]  # this seed happens to reorder


def test_passages_is_for_typing_only():
    with pytest.raises(ValueError):
        load_bank("skills").passages("en")


def test_unknown_section():
    with pytest.raises(ValueError):
        load_bank("personality")


# Broken banks ---------------------------------------------------------------------------------


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "banks"
    shutil.copytree(BANKS_DIR, target)
    return target


def _edit(tmp_path: Path, section: str, change: Callable[[dict[str, Any]], None]) -> Path:
    target = _copy(tmp_path)
    path = target / f"{section}.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _item(doc: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(i for i in doc["items"] if i["id"] == item_id)


def _error(directory: Path) -> BankError:
    with pytest.raises(BankError) as info:
        validate_dir(directory)
    return info.value


def test_yaml_syntax_error_names_the_line(tmp_path):
    target = _copy(tmp_path)
    path = target / "judgement.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = "minutes: [15"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _error(target)
    assert err.file == str(path)
    assert err.item_id is None
    assert "YAML syntax error at line" in err.reason


def test_duplicate_yaml_key(tmp_path):
    target = _copy(tmp_path)
    path = target / "work_style.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("minutes: 10\n", "minutes: 10\nminutes: 12\n"))
    err = _error(target)
    assert "duplicate key 'minutes'" in err.reason
    assert "line 6" in err.reason


def test_missing_file(tmp_path):
    target = _copy(tmp_path)
    (target / "skills.yaml").unlink()
    err = _error(target)
    assert err.file.endswith("skills.yaml") and err.reason == "no such file"


def test_missing_folder(tmp_path):
    err = _error(tmp_path / "nowhere")
    assert err.reason == "no such folder"


@pytest.mark.parametrize(
    ("section", "change", "item_id", "reason"),
    [
        # the file as a whole
        ("typing", lambda d: d.update(section="skills"), None, "section is 'skills'"),
        ("typing", lambda d: d.update(minutes=5), None, "lasts 1 to 3 minutes"),
        ("skills", lambda d: d.pop("minutes"), None, "missing field 'minutes'"),
        ("skills", lambda d: d.update(minutes="ten"), None, "'minutes' must be a whole number"),
        ("skills", lambda d: d["instructions"].pop("ms"), None, "instructions: missing language 'ms'"),
        ("judgement", lambda d: d["instructions"].update(en="  "), None, "instructions: the 'en' text is empty"),
        ("judgement", lambda d: d.update(extra=1), None, "unknown field 'extra'"),
        ("judgement", lambda d: d.update(items=[]), None, "'items' must be a non-empty list"),
        ("judgement", lambda d: d["items"].pop(0), None, "no practice item"),
        ("judgement", lambda d: [i.update(practice=True) for i in d["items"]], None, "every item is a practice item"),
        # items in general
        (
            "skills",
            lambda d: _item(d, "computer-pdf").update(id="math-order-total"),
            "math-order-total",
            "duplicate id",
        ),
        ("skills", lambda d: _item(d, "computer-pdf").pop("id"), "#22", "missing field 'id'"),
        ("skills", lambda d: _item(d, "computer-pdf").update(id="Bad Id"), "#22", "lowercase letters"),
        ("skills", lambda d: _item(d, "computer-pdf").update(anwser="a"), "computer-pdf", "unknown field 'anwser'"),
        ("skills", lambda d: _item(d, "computer-pdf").update(practice="yes"), "computer-pdf", "'practice' must be"),
        # typing
        ("typing", lambda d: _item(d, "en-gym-cancel").update(lang="fr"), "en-gym-cancel", "lang 'fr'"),
        ("typing", lambda d: _item(d, "en-gym-cancel").update(text=""), "en-gym-cancel", "passage text is empty"),
        (
            "typing",
            lambda d: d.update(items=[i for i in d["items"] if i.get("practice") or i["lang"] == "en"]),
            None,
            "no scored typing passage in 'ms'",
        ),
        ("typing", lambda d: d["items"].pop(1), None, "no practice typing passage in 'ms'"),
        # skills
        ("skills", lambda d: _item(d, "computer-pdf").update(area="art"), "computer-pdf", "area 'art'"),
        ("skills", lambda d: _item(d, "computer-pdf").update(kind="essay"), "computer-pdf", "kind 'essay'"),
        ("skills", lambda d: _item(d, "computer-pdf").update(answer="e"), "computer-pdf", "answer 'e' is not one of"),
        ("skills", lambda d: _item(d, "computer-pdf").pop("answer"), "computer-pdf", "missing field 'answer'"),
        (
            "skills",
            lambda d: _item(d, "computer-pdf")["prompt"].pop("ms"),
            "computer-pdf",
            "prompt: missing language 'ms'",
        ),
        (
            "skills",
            lambda d: _item(d, "computer-pdf")["options"][1]["text"].update(en=""),
            "computer-pdf",
            "options 'b': the 'en' text is empty",
        ),
        (
            "skills",
            lambda d: _item(d, "computer-pdf")["options"][1].update(id="a"),
            "computer-pdf",
            "duplicate options id 'a'",
        ),
        (
            "skills",
            lambda d: _item(d, "computer-pdf").update(tolerance=1),
            "computer-pdf",
            "'tolerance' does not belong",
        ),
        (
            "skills",
            lambda d: _item(d, "math-instalments").update(answer="312.5"),
            "math-instalments",
            "must be a number",
        ),
        ("skills", lambda d: _item(d, "math-instalments").update(tolerance=-1), "math-instalments", "tolerance must"),
        ("skills", lambda d: _item(d, "writing-reply")["email"].pop("en"), "writing-reply", "email: missing language"),
        (
            "skills",
            lambda d: _item(d, "writing-reply").update(min_words=500),
            "writing-reply",
            "is more than max_words",
        ),
        (
            "skills",
            lambda d: _item(d, "writing-reply")["rubric"][0]["groups"][0].pop("ms"),
            "writing-reply",
            "rubric 'greeting': group 1: missing language 'ms'",
        ),
        (
            "skills",
            lambda d: _item(d, "writing-reply")["rubric"][0].update(check="vibes"),
            "writing-reply",
            "check 'vibes'",
        ),
        (
            "skills",
            lambda d: _item(d, "writing-reply")["rubric"][0]["label"].pop("ms"),
            "writing-reply",
            "rubric 'greeting' label: missing language 'ms'",
        ),
        (
            "skills",
            lambda d: _item(d, "writing-reply")["rubric"][7].update(points=1),
            "writing-reply",
            "an all_caps check is a penalty",
        ),
        (
            "skills",
            lambda d: (
                [c.update(points=-1) for c in _item(d, "writing-reply")["rubric"] if c["check"] == "keywords"]
                and _item(d, "writing-reply")["rubric"].pop(6)
            ),
            "writing-reply",
            "no criterion worth positive points",
        ),
        # judgement
        ("judgement", lambda d: _item(d, "upsell-data-plan").update(worst="a"), "upsell-data-plan", "best and worst"),
        ("judgement", lambda d: _item(d, "upsell-data-plan").update(best="z"), "upsell-data-plan", "best 'z' is not"),
        ("judgement", lambda d: _item(d, "upsell-data-plan").pop("worst"), "upsell-data-plan", "missing field 'worst'"),
        (
            "judgement",
            lambda d: _item(d, "upsell-data-plan")["responses"][3]["text"].pop("ms"),
            "upsell-data-plan",
            "responses 'd': missing language 'ms'",
        ),
        ("judgement", lambda d: _item(d, "upsell-data-plan").pop("topic"), "upsell-data-plan", "missing field 'topic'"),
        # work style
        ("work_style", lambda d: _item(d, "pat-3").update(trait="charm"), "pat-3", "unknown trait 'charm'"),
        ("work_style", lambda d: _item(d, "pat-3").pop("trait"), "pat-3", "missing field 'trait'"),
        ("work_style", lambda d: _item(d, "pat-3")["text"].pop("ms"), "pat-3", "text: missing language 'ms'"),
        ("work_style", lambda d: _item(d, "pat-3").update(reverse="no"), "pat-3", "'reverse' must be"),
        (
            "work_style",
            lambda d: [_item(d, x).update(reverse=False) for x in ("pat-2", "pat-4")],
            None,
            "trait 'patience' has no reverse-keyed item",
        ),
        ("work_style", lambda d: d["traits"].update(charm={"en": "Charm", "ms": "Pesona"}), None, "'charm' has no"),
        ("work_style", lambda d: d["traits"]["patience"].pop("ms"), None, "trait 'patience': missing language 'ms'"),
        ("work_style", lambda d: d["scale"].pop(), None, "'scale' must list the values 1, 2, 3, 4, 5"),
        ("work_style", lambda d: d["scale"][2]["label"].pop("ms"), None, "scale 3 label: missing language 'ms'"),
        ("work_style", lambda d: d["consistency"].append(["pat-1", "pat-9"]), "pat-9", "not a scored item"),
        ("work_style", lambda d: d["consistency"].append(["pat-1", "com-2"]), "pat-1", "different traits"),
        ("work_style", lambda d: d["consistency"].append(["pat-1", "pat-3"]), "pat-1", "exactly one of pat-1"),
        ("work_style", lambda d: d["consistency"].append(["pat-1"]), None, "must be a list of two item ids"),
        ("work_style", lambda d: d.update(consistency=[]), None, "'consistency' must list pairs"),
    ],
)
def test_each_defect_is_named(tmp_path, section, change, item_id, reason):
    target = _edit(tmp_path, section, change)
    err = _error(target)
    assert err.file == str(target / f"{section}.yaml")
    assert err.item_id == item_id
    assert reason in err.reason, err.reason
    expected = f"{target / f'{section}.yaml'}: " + (f"item {item_id}: " if item_id else "")
    assert str(err).startswith(expected)


def test_the_first_problem_is_reported(tmp_path):
    """Two defects in one file: the one nearer the top is named."""

    def change(d: dict[str, Any]) -> None:
        _item(d, "math-order-total").update(answer="x")
        _item(d, "computer-refresh").update(answer="x")

    err = _error(_edit(tmp_path, "skills", change))
    assert err.item_id == "math-order-total"


def test_load_bank_from_another_directory(tmp_path):
    target = _edit(tmp_path, "typing", lambda d: d.update(minutes=1))
    assert load_bank("typing", target).minutes == 1
    assert load_bank("typing").minutes == 2
