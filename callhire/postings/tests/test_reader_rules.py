"""What keyword matchers get wrong, one rule at a time (short invented postings)."""

from __future__ import annotations

from typing import Any

import pytest

from callhire.postings.reader import read_posting, to_labels, to_profile, to_proposal
from callhire.screening.profile import parse_profile


def read(text: str, language: str | None = None) -> dict[str, Any]:
    ext = read_posting(text, language)
    for item in ext.items:
        assert text[item.evidence.start : item.evidence.end] == item.evidence.sentence
    return {it.key: it for it in ext.items}


def value(text: str, key: str, language: str | None = None) -> Any:
    item = read(text, language).get(key)
    return None if item is None else (item.value, item.level)


# --- negation and optionality -------------------------------------------------------------
def test_no_experience_needed() -> None:
    got = read("Requirements:\n- No experience needed, we train you\n- High school diploma")
    assert not any(k.endswith("_experience_months") for k in got)


def test_licensure_none_required() -> None:
    assert "licenses" not in read("Licensure: none required.\nMust type 30 wpm.")


def test_plus_but_not_required() -> None:
    text = "Requirements:\n- 1 year of call center experience a plus but not required\n- Must be 18 or older"
    assert value(text, "call_center_experience_months") == (12, "preferred")
    assert value(text, "min_age") == (18, "required")


def test_cannot_support_wireless_means_wired() -> None:
    got = read("We cannot support wireless or satellite connections. A quiet room is required.")
    assert got["wired_connection"].value is True
    assert got["quiet_workspace"].value is True


# --- preference signalled away from the item ---------------------------------------------
def test_preferred_qualifications_heading() -> None:
    text = "Minimum Qualifications\n- High school diploma\n\nPreferred Qualifications\n- Associate's degree\n- 2 years of sales experience"
    got = read(text)
    assert (got["education"].value, got["education"].level) == ("high_school", "required")
    assert (got["sales_experience_months"].value, got["sales_experience_months"].level) == (24, "preferred")


def test_ideal_candidate() -> None:
    assert value(
        "The ideal candidate has 6 months of customer service experience.", "customer_service_experience_months"
    ) == (6, "preferred")


def test_malay_keutamaan_and_kelebihan() -> None:
    text = "Kelayakan:\n- Keutamaan diberi kepada calon yang mempunyai pengalaman 6 bulan dalam khidmat pelanggan\n- Pengalaman jualan 1 tahun merupakan kelebihan\n- Lulus SPM"
    got = read(text)
    assert (got["customer_service_experience_months"].value, got["customer_service_experience_months"].level) == (
        6,
        "preferred",
    )
    assert (got["sales_experience_months"].value, got["sales_experience_months"].level) == (12, "preferred")
    assert (got["education"].value, got["education"].level) == ("high_school", "required")


def test_parenthetical_preference_covers_only_the_parenthesis() -> None:
    text = "Requirements:\n- Minimum 1 year's experience in sales (lead generation preferred) or telemarketing"
    assert value(text, "sales_experience_months") == (12, "required")


def test_list_intro_sets_level() -> None:
    text = (
        "These are a plus:\n- Mandarin speaker\n- Experience with Salesforce CRM\n\nRequirements:\n- Excellent English"
    )
    got = read(text)
    assert got["languages"].value == ["zh"] and got["languages"].level == "preferred"
    assert got["computer_skills"].level == "preferred"


# --- numbers --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "key", "months"),
    [
        ("At least one (1) year of customer service experience.", "customer_service_experience_months", 12),
        ("Five years of call center experience required.", "call_center_experience_months", 60),
        ("1-2 years of customer service experience.", "customer_service_experience_months", 12),
        ("2+ years of inbound sales experience", "sales_experience_months", 24),
        ("Sekurang-kurangnya 6 bulan pengalaman dalam khidmat pelanggan.", "customer_service_experience_months", 6),
        ("Minimum 2 tahun pengalaman di pusat panggilan.", "call_center_experience_months", 24),
    ],
)
def test_experience_numbers(text: str, key: str, months: int) -> None:
    assert value(text, key) == (months, "required")


def test_customer_service_or_call_center_is_customer_service() -> None:
    got = read("1-2 years of customer service or call center experience.")
    assert got["customer_service_experience_months"].value == 12
    assert "call_center_experience_months" not in got


def test_typing_and_internet() -> None:
    got = read("Typing speed of 40wpm, 90% accuracy.\nInternet: 10/3 Mbps minimum.")
    assert got["typing_wpm"].value == 40
    assert got["typing_accuracy"].value == 90
    assert got["internet_download_mbps"].value == 10
    assert got["internet_upload_mbps"].value == 3


def test_upload_and_download_speed_both() -> None:
    got = read("A broadband connection with a minimum upload and download speed of 1.3 Mbps.")
    assert got["internet_download_mbps"].value == pytest.approx(1.3)
    assert got["internet_upload_mbps"].value == pytest.approx(1.3)


# --- numbers that are not requirements of the candidate ---------------------------------
def test_call_metrics_weights_caps_patients() -> None:
    text = (
        "Answer within three rings and keep ASA < 15 seconds; SLA 95%.\n"
        "Able to lift 25 pounds.\n"
        "You may apply to up to 3 positions.\n"
        "Our members are patients ages 18 and older.\n"
        "Check a customer's credit before approving an order."
    )
    got = read(text)
    for key in ("min_age", "credit_check", "typing_wpm", "customer_service_experience_months", "typing_accuracy"):
        assert key not in got, key


def test_candidate_credit_check() -> None:
    assert value("Must pass a background and credit check.", "credit_check") == (True, "required")


# --- regional terms ------------------------------------------------------------------------
def test_spm_and_diploma() -> None:
    assert value("Requirements: SPM or equivalent", "education") == ("high_school", "required")
    assert value("Requirements: Diploma in any field", "education") == ("associate", "required")
    assert value("High school diploma required", "education") == ("high_school", "required")


def test_contract_job_is_an_employee() -> None:
    got = read("Title: Customer Support Executive\nEmployment: Contract\n\nRequirements:\n- Good English")
    assert got["employment_type"].value == "employee"


def test_independent_contractor() -> None:
    assert value("This is an independent contractor opportunity.", "employment_type") == ("contractor", "required")


def test_warganegara_malaysia() -> None:
    assert value("Syarat:\n- Warganegara Malaysia\n- Berumur 18 tahun ke atas", "work_authorization") == (
        True,
        "required",
    )


# --- bilingual ---------------------------------------------------------------------------------
def test_bilingual_unspecified_is_flagged_not_guessed() -> None:
    ext = read_posting("Requirements:\n- Bilingual is a plus\n- High school diploma")
    assert not any(it.key == "languages" for it in ext.items)
    flag = next(f for f in ext.flags if f.code == "bilingual_unspecified")
    assert flag.message_en and flag.message_ms and flag.evidence is not None


def test_bilingual_named_is_a_language() -> None:
    ext = read_posting("Bilingual skills (Spanish: speak, read, and write) are highly preferred.")
    item = next(it for it in ext.items if it.key == "languages")
    assert (item.value, item.level) == (["es"], "preferred")
    assert not ext.flags


def test_malay_posting_asking_english_lists_en() -> None:
    got = read("Kelayakan:\n- Fasih berbahasa Inggeris dan Bahasa Malaysia\n- Lulus SPM")
    assert got["languages"].value == ["en"]


# --- job facts and output formats --------------------------------------------------------------
def test_language_detection() -> None:
    assert read_posting("Kami mencari ejen khidmat pelanggan yang mempunyai pengalaman.").language == "ms"
    assert read_posting("We are looking for a customer service agent with experience.").language == "en"
    assert read_posting("We are looking for an agent.", "ms").language == "ms"


def test_profile_and_labels_format() -> None:
    text = (
        "Title: Remote Customer Care Agent\nWork from home.\nRequirements:\n- High school diploma\n"
        "- Spanish a plus\nPay: $15 - $17 per hour\nMust be able to work weekends and nights."
    )
    ext = read_posting(text)
    profile = to_profile(ext)
    assert profile["schema"] == "callhire/profile-1"
    assert profile["title"] == "Remote Customer Care Agent"
    assert profile["job"]["work_arrangement"] == "remote"
    assert profile["job"]["pay"] == {"min": 15, "max": 17, "currency": "USD", "period": "hour"}
    assert profile["job"]["schedule"]["weekends"] is True and profile["job"]["schedule"]["nights"] is True
    assert profile["requirements"]["education"] == {"level": "required", "value": "high_school"}
    assert profile["requirements"]["languages"] == {"level": "preferred", "value": ["es"], "weight": 1}
    ev = to_proposal(ext)["evidence"]["education"]
    assert text[ev["start"] : ev["end"]] == ev["sentence"]
    parse_profile(profile)  # a proposal is always a valid profile
    labels = to_labels(ext, "x1")
    assert labels["pay"] == {"min": 15, "max": 17, "currency": "USD", "period": "hour"}
    assert labels["work_arrangement"] == {"value": "remote", "level": "required"}
    assert "schedule_flexibility" in labels and "hours" not in labels


def test_a_requirement_without_a_number_gets_the_default_and_is_named() -> None:
    ext = read_posting("Requirements:\n- Customer service experience required.\n")
    proposal = to_proposal(ext)
    assert proposal["assumed"] == ["customer_service_experience_months"]
    assert proposal["profile"]["requirements"]["customer_service_experience_months"]["value"] == 6
    parse_profile(proposal["profile"])
