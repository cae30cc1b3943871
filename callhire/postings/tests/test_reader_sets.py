"""The reader scored on labelled postings: the shared dev set, the seed, and our own postings."""

from __future__ import annotations

from pathlib import Path

import pytest

from callhire.postings.reader import evaluate_dir, read_posting, to_labels

HERE = Path(__file__).resolve().parent
OWN = HERE / "postings"
SHARED = next(
    (p for p in (HERE.parents[3] / "shared", Path("/work/shared")) if (p / "postings-dev" / "labels.jsonl").is_file()),
    None,
)


def test_own_postings_score() -> None:
    report = evaluate_dir(OWN)
    assert report.postings >= 8
    assert report.f1 >= 0.90, report.format()
    assert report.level_accuracy >= 0.95, report.format()


@pytest.mark.skipif(SHARED is None, reason="shared/postings-dev is not on this machine")
def test_dev_set_score() -> None:
    assert SHARED is not None
    report = evaluate_dir(SHARED / "postings-dev")
    assert report.postings == 15
    assert report.f1 >= 0.90, report.format()
    assert report.level_accuracy >= 0.95, report.format()


@pytest.mark.skipif(SHARED is None, reason="shared/seed is not on this machine")
def test_seed_article() -> None:
    assert SHARED is not None
    seed = next((SHARED / "seed").glob("000_*.txt"))
    text = seed.read_text(encoding="utf-8")
    ext = read_posting(text)
    assert ext.language == "ms"
    got = {it.key: it for it in ext.items}
    assert got["min_age"].value == 18
    assert got["education"].value == "high_school"
    assert got["education"].level == "required"
    assert "GED" in text[got["education"].evidence.start - 200 : got["education"].evidence.end + 200]
    assert "customer_service_experience_months" in got
    for key in ("work_authorization", "background_check", "credit_check", "onsite_attendance"):
        assert got[key].value is True, key
        assert got[key].level == "required", key
    assert set(got["assessments"].value) >= {"personality", "skills", "voice", "sample_call", "phone_interview"}
    assert got["headset"].value == "candidate_buys"
    assert got["residency"].value
    # the "additional skills" list is introduced as "required by some, merely preferred by others"
    assert got["computer_skills"].level == "preferred"
    assert [f.code for f in ext.flags] == ["bilingual_unspecified"]
    # not an employer of independent contractors, and the article names no work arrangement
    assert "employment_type" not in got
    for item in ext.items:
        assert text[item.evidence.start : item.evidence.end] == item.evidence.sentence
    labels = to_labels(ext, "000")
    assert labels["language"] == "ms" and labels["min_age"] == {"value": 18, "level": "required"}


def test_every_proposal_is_a_valid_profile() -> None:
    from callhire.postings.reader import to_profile
    from callhire.screening.profile import parse_profile

    folders = [OWN] + ([SHARED / "postings-dev", SHARED / "seed"] if SHARED is not None else [])
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            parse_profile(to_profile(read_posting(path.read_text(encoding="utf-8"))))
