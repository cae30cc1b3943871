"""The job-description writer: snapshots of the demo postings, and the rules every posting keeps.

Snapshots live in ``snapshots/<profile>.<lang>.<ext>``. After an intended change of wording, run
``UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest callhire/postings/tests/test_writer.py -p no:django``
and review the diff before committing it.
"""

from __future__ import annotations

import copy
import inspect
import os
import re
from pathlib import Path
from typing import Any

import pytest

from callhire.postings.writer import FORMATS, Employer, build_document, lang_en, lang_ms, write_description
from callhire.postings.writer.build import LANGUAGES
from callhire.postings.writer.common import duration
from callhire.postings.writer.model import Bullets, Document, Paragraph, line_text
from callhire.postings.writer.wording import Wording
from callhire.screening import catalog
from callhire.screening.profile import Profile, load_profile, parse_profile

DEMO_DIR = Path(__file__).resolve().parents[2] / "base" / "demo"
SNAPSHOT_DIR = Path(__file__).parent / "snapshots"
EXTENSIONS = {"md": "md", "html": "html", "text": "txt"}
LANGS = ("en", "ms")

# The demo employers (callhire/base/demodata.py, which needs Django), as the writer sees them.
SUNRISE = dict(
    name="Sunrise Contact Centers",
    about="Sunrise runs customer-care lines for retail and utility brands from three US sites and a home-agent network.",
    apply_url="https://careers.sunrise.example",
    apply_email="jobs@sunrise.example",
)
DEMO_EMPLOYERS = {
    "inbound-office": Employer(location="Tomball, TX", **SUNRISE),
    "home-contractor": Employer(location="United States (home based)", **SUNRISE),
    "bilingual-health": Employer(
        name="Desert Health Line",
        about="Desert Health Line answers nurse-advice and appointment calls for clinics across Arizona, "
        "in English and Spanish.",
        location="Phoenix, AZ (hybrid)",
        apply_url="https://desert-health.example/careers",
    ),
    "kl-bpo": Employer(
        name="Maju Hubungan Sdn Bhd",
        about="Maju Hubungan ialah syarikat BPO di Kuala Lumpur yang mengendalikan khidmat pelanggan untuk bank "
        "dan syarikat telekomunikasi.",
        location="Bangsar South, Kuala Lumpur",
        apply_url="https://maju-hubungan.example/kerjaya",
        apply_email="kerjaya@maju-hubungan.example",
    ),
}
DEMOS = sorted(DEMO_EMPLOYERS)

# Every requirement of the catalog, each with a value that is not its default.
ALL_REQUIREMENTS: dict[str, dict[str, Any]] = {
    "min_age": {"value": 21},
    "education": {"value": "high_school"},
    "customer_service_experience_months": {"value": 24},
    "work_authorization": {},
    "speaking_score": {"value": 70},
    "service_judgement": {"value": 65},
    "background_check": {"paid_by": "employer"},
    "credit_check": {"paid_by": "candidate"},
    "assessments": {"value": ["personality", "phone_interview"]},
    "call_center_experience_months": {"value": 1},
    "sales_experience_months": {"value": 18},
    "computer_skills": {"value": ["crm", "ticketing"]},
    "typing_wpm": {"value": 40},
    "typing_accuracy": {"value": 95},
    "languages": {"value": ["fr"]},
    "math": {},
    "writing": {},
    "licenses": {"value": ["insurance_license", "CompTIA A+"]},
    "industry_knowledge": {"value": "insurance"},
    "college": {"value": "bachelor"},
    "internet_download_mbps": {"value": 25.5},
    "internet_upload_mbps": {"value": 5},
    "internet_latency_ms": {"value": 100},
    "internet_jitter_ms": {"value": 25},
    "internet_packet_loss_pct": {"value": 1.5},
    "wired_connection": {},
    "quiet_workspace": {},
    "computer_os": {"value": ["windows", "macos"]},
    "headset": {"value": "required"},
    "equipment": {"value": ["second monitor", "webcam"]},
    "onsite_attendance": {"place": "our Austin office", "times": "the first week of training"},
    "residency": {"value": ["Texas", "Oklahoma"]},
    "availability": {"value": {"weekends": True, "nights": True, "hours_per_week": 30}},
    "drug_test": {},
}
EMPLOYER = Employer(
    "Acme Support", about="We answer the phone.", location="Austin, TX", apply_url="https://acme.example/jobs"
)


def demo(name: str) -> Profile:
    return load_profile((DEMO_DIR / f"{name}.yaml").read_text(encoding="utf-8"), f"{name}.yaml")


def make(
    requirements: dict[str, dict[str, Any]] | None = None,
    level: str = "required",
    title: str = "Customer Care Agent",
    **job: Any,
) -> Profile:
    reqs = copy.deepcopy(ALL_REQUIREMENTS if requirements is None else requirements)
    for spec in reqs.values():
        spec.setdefault("level", level)
    return parse_profile({"title": title, "job": job, "requirements": reqs})


def every_output(profile: Profile, employer: Employer = EMPLOYER) -> list[str]:
    return [write_description(profile, employer, lang, fmt) for lang in LANGS for fmt in FORMATS]


def bullet_texts(doc: Document, key: str) -> list[str]:
    section = doc.section(key)
    if section is None:
        return []
    return [line_text(item) for block in section.blocks if isinstance(block, Bullets) for item in block.items]


def words_of(lang: str) -> Wording:
    return LANGUAGES[lang]


# Snapshots ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", DEMOS)
def test_demo_snapshot(name: str, lang: str, fmt: str) -> None:
    text = write_description(demo(name), DEMO_EMPLOYERS[name], lang, fmt)
    path = SNAPSHOT_DIR / f"{name}.{lang}.{EXTENSIONS[fmt]}"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT_DIR.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with UPDATE_SNAPSHOTS=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} changed: rerun with UPDATE_SNAPSHOTS=1 if intended"


def test_every_snapshot_file_belongs_to_a_demo() -> None:
    expected = {f"{n}.{lang}.{ext}" for n in DEMOS for lang in LANGS for ext in EXTENSIONS.values()}
    assert {p.name for p in SNAPSHOT_DIR.iterdir() if p.is_file()} == expected


# API ----------------------------------------------------------------------------------------


def test_formats_and_languages_are_checked() -> None:
    profile = demo("inbound-office")
    assert FORMATS == ("md", "html", "text")
    with pytest.raises(ValueError):
        write_description(profile, EMPLOYER, lang="fr")
    with pytest.raises(ValueError):
        write_description(profile, EMPLOYER, fmt="pdf")
    assert write_description(profile, EMPLOYER) == write_description(profile, EMPLOYER, "en", "md")


def test_language_modules_have_the_same_functions() -> None:
    names = [n for n, _ in inspect.getmembers(Wording) if not n.startswith("_")]
    for module in (lang_en, lang_ms):
        for name in names:
            assert hasattr(module, name), f"{module.__name__} lacks {name}"
        assert set(module._REQUIREMENTS) == set(catalog.CATALOG), module.__name__


# Nothing a person would not write ------------------------------------------------------------

PLACEHOLDERS = re.compile(r"\bNone\b|\bnull\b|\bTrue\b|\bFalse\b|\[\]|\{\}|\(\)|\bnan\b|_months\b|\b\w+_\w+\b")


def profiles_to_check() -> list[tuple[str, Profile]]:
    found = [(name, demo(name)) for name in DEMOS]
    for arrangement in catalog.ARRANGEMENTS:
        found.append((f"all-{arrangement}", make(work_arrangement=arrangement)))
        found.append((f"all-preferred-{arrangement}", make(level="preferred", work_arrangement=arrangement)))
    found.append(("bare", parse_profile({"title": "Agent"})))
    found.append(("contractor", make({"work_authorization": {"waived": True}}, employment_type="contractor")))
    return found


@pytest.mark.parametrize("label,profile", profiles_to_check(), ids=lambda v: v if isinstance(v, str) else "")
def test_no_placeholder_or_code_ever_appears(label: str, profile: Profile) -> None:
    for employer in (EMPLOYER, Employer("")):
        for text in every_output(profile, employer):
            plain = text.replace("\\_", "_")
            assert not PLACEHOLDERS.search(re.sub(r"https?://\S+|\S+@\S+", "", plain)), (label, text)
            assert "  " not in re.sub(r"\n +", "\n", text), "double space"
            assert " ." not in text and " ," not in text and "..\n" not in text


@pytest.mark.parametrize("label,profile", profiles_to_check(), ids=lambda v: v if isinstance(v, str) else "")
def test_no_empty_section(label: str, profile: Profile) -> None:
    for lang in LANGS:
        doc = build_document(profile, Employer(""), lang)
        for section in doc.sections:
            assert section.heading.strip()
            assert section.blocks, section.key
            for block in section.blocks:
                lines = [block.parts] if isinstance(block, Paragraph) else list(block.items)
                assert lines and all(line_text(line).strip() for line in lines)
        md = write_description(profile, Employer(""), lang, "md")
        chunks = md.split("\n\n")
        for here, after in zip(chunks, chunks[1:] + [""], strict=True):
            if here.startswith("## "):
                assert after and not after.startswith("#"), f"empty section {here!r}"
        html = write_description(profile, Employer(""), lang, "html")
        assert not re.search(r"</h2>\n</section>|<ul>\n</ul>|<p></p>|<li></li>", html)


def test_bare_profile_keeps_the_sections_that_need_no_data() -> None:
    doc = build_document(parse_profile({"title": "Agent"}), Employer(""), "en")
    assert [s.key for s in doc.sections] == ["summary", "duties", "basic", "apply"]
    assert [line_text(b.parts) for b in doc.lead if isinstance(b, Paragraph)] == ["On site"]  # the default


# Levels and sections ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", DEMOS)
def test_required_items_never_listed_as_preferred(name: str, lang: str) -> None:
    profile = demo(name)
    doc = build_document(profile, DEMO_EMPLOYERS[name], lang)
    preferred = bullet_texts(doc, "preferred")
    elsewhere = [t for s in doc.sections if s.key != "preferred" for t in bullet_texts(doc, s.key)]
    words = words_of(lang)
    for rule in profile.rules:
        text = words.requirement(rule, profile)
        if not text or rule.key.startswith("internet_"):
            continue
        if rule.level == "required":
            assert text not in preferred, rule.key
        else:
            assert text in preferred and text not in elsewhere, rule.key


@pytest.mark.parametrize("lang", LANGS)
def test_levels_split_between_sections(lang: str) -> None:
    specs = copy.deepcopy(ALL_REQUIREMENTS)
    keys = list(specs)
    for i, key in enumerate(keys):
        specs[key]["level"] = "preferred" if i % 2 else "required"
    profile = make(specs, work_arrangement="remote")
    doc = build_document(profile, EMPLOYER, lang)
    preferred = bullet_texts(doc, "preferred")
    required = [t for key in ("basic", "additional", "home") for t in bullet_texts(doc, key)]
    words = words_of(lang)
    for rule in profile.rules:
        text = words.requirement(rule, profile)
        if not text:
            continue
        assert (text in preferred) == (rule.level == "preferred"), rule.key
        assert (text in required) == (rule.level == "required"), rule.key


def test_preferred_items_are_ordered_by_weight() -> None:
    profile = make(
        {
            "typing_wpm": {"level": "preferred", "value": 40, "weight": 1},
            "math": {"level": "preferred", "weight": 5},
            "writing": {"level": "preferred", "weight": 3},
        }
    )
    doc = build_document(profile, EMPLOYER, "en")
    assert bullet_texts(doc, "preferred") == [
        "Good math skills",
        "Good writing skills",
        "Typing speed of at least 40 words per minute",
    ]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("arrangement", catalog.ARRANGEMENTS)
def test_home_section_only_for_remote_and_hybrid(arrangement: str, lang: str) -> None:
    profile = make(work_arrangement=arrangement)
    doc = build_document(profile, EMPLOYER, lang)
    home = bullet_texts(doc, "home")
    if arrangement == "onsite":
        assert doc.section("home") is None
        # what a home job would list there is still asked, among the basic requirements
        assert words_of(lang).requirement(profile.rule("quiet_workspace"), profile) in bullet_texts(doc, "basic")  # type: ignore[arg-type]
    else:
        assert (
            len(home) == 11
        )  # internet (one line for both speeds), latency, jitter, loss, wired, quiet, os, headset, ...
    for name in DEMOS:
        has_home = build_document(demo(name), DEMO_EMPLOYERS[name], lang).section("home") is not None
        assert has_home == (demo(name).arrangement in ("remote", "hybrid")), name


@pytest.mark.parametrize("lang", LANGS)
def test_headset_provided_is_listed_under_what_the_employer_provides(lang: str) -> None:
    doc = build_document(demo("bilingual-health"), DEMO_EMPLOYERS["bilingual-health"], lang)
    assert bullet_texts(doc, "provided") == [words_of(lang).provided("headset")]
    assert not any("headset" in text.lower() for text in bullet_texts(doc, "home"))
    doc = build_document(demo("home-contractor"), DEMO_EMPLOYERS["home-contractor"], lang)
    assert doc.section("provided") is None
    assert any("headset" in text.lower() for text in bullet_texts(doc, "home"))


def test_waived_right_to_work_becomes_the_contractor_sentence() -> None:
    profile = demo("home-contractor")
    en = write_description(profile, DEMO_EMPLOYERS["home-contractor"], "en", "text")
    ms = write_description(profile, DEMO_EMPLOYERS["home-contractor"], "ms", "text")
    assert "right to work" not in en and "independent-contractor engagement" in en
    assert "hak yang sah" not in ms and "kontraktor bebas" in ms
    assert "Bayaran" in ms and "Gaji" not in ms  # a contractor is paid, not salaried
    office = write_description(demo("inbound-office"), EMPLOYER, "en", "text")
    assert "The legal right to work in this country" in office
    assert "contractor" not in office


@pytest.mark.parametrize("name", DEMOS)
def test_speaking_is_about_clear_speech_never_accent(name: str) -> None:
    for text in every_output(demo(name), DEMO_EMPLOYERS[name]):
        assert not re.search(r"accent|aksen|loghat|native", text, re.IGNORECASE)
    assert "Clear, easily understood speech" in write_description(demo(name), EMPLOYER, "en")
    assert "jelas dan mudah difahami" in write_description(demo(name), EMPLOYER, "ms")


# Escaping -----------------------------------------------------------------------------------


def test_html_escapes_everything_it_interpolates() -> None:
    profile = make({"residency": {"value": ["<i>Texas</i>"]}}, title='<script>alert("x")</script> & Co')
    employer = Employer(
        name="<b>Acme</b>",
        about="We <3 customers & <img src=x onerror=alert(1)>",
        location="A & B",
        apply_url='https://acme.example/jobs?a=1&b="2"',
        apply_email="jobs@acme.example",
    )
    for lang in LANGS:
        html = write_description(profile, employer, lang, "html")
        assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
        assert "<b>" not in html and "<img" not in html and "<i>" not in html
        assert 'href="https://acme.example/jobs?a=1&amp;b=&quot;2&quot;"' in html
        assert 'href="mailto:jobs@acme.example"' in html
        tags = set(re.findall(r"</?([a-z0-9]+)", html))
        assert tags <= {"article", "section", "h1", "h2", "p", "ul", "li", "a"}
        md = write_description(profile, employer, lang, "md")
        assert "\\<script\\>" in md
        assert not re.search(r"(?<!\\)<", md) and "\\<img" in md


def test_markdown_keeps_free_text_from_becoming_markup() -> None:
    profile = make(
        {"availability": {"value": {"weekends": True}}},
        title="# Agent *now*",
        schedule={"notes": "- every other\n\nweekend [off](javascript:x)"},
    )
    md = write_description(profile, Employer("Acme"), "en", "md")
    assert md.startswith("# \\# Agent \\*now\\*\n")  # not a second heading level, no emphasis
    assert "- every other weekend \\[off\\](javascript:x)" in md  # newlines collapsed, no link
    text = write_description(profile, Employer("Acme"), "en", "text")
    assert "- every other weekend [off](javascript:x)" in text


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.example", "has space.example"])
def test_unsafe_apply_addresses_are_not_linked(url: str) -> None:
    html = write_description(
        demo("inbound-office"), Employer("Acme", apply_url=url, apply_email="not an email"), "en", "html"
    )
    assert "href" not in html
    assert "Apply through this posting." in html


def test_apply_address_without_scheme_gets_https() -> None:
    md = write_description(demo("inbound-office"), Employer("Acme", apply_url="acme.example/jobs"), "en", "md")
    assert "[https://acme.example/jobs](https://acme.example/jobs)" in md


# Numbers, units and plurals -----------------------------------------------------------------


@pytest.mark.parametrize(
    "months,en,ms",
    [
        (1, "1 month", "1 bulan"),
        (6, "6 months", "6 bulan"),
        (12, "1 year", "1 tahun"),
        (18, "18 months", "18 bulan"),
        (24, "2 years", "2 tahun"),
        (36, "3 years", "3 tahun"),
    ],
)
def test_durations(months: int, en: str, ms: str) -> None:
    assert duration(months, "en") == en
    assert duration(months, "ms") == ms
    profile = make({"call_center_experience_months": {"value": months}})
    assert f"At least {en} of call-center experience" in write_description(profile, EMPLOYER, "en")
    assert f"Pengalaman sekurang-kurangnya {ms} di pusat panggilan" in write_description(profile, EMPLOYER, "ms")


def test_plurals_of_other_units() -> None:
    one = make({"availability": {"value": {"hours_per_week": 1}}}, schedule={"hours_per_week": 1, "shifts": ["day"]})
    en = write_description(one, EMPLOYER, "en")
    assert "Available for at least 1 hour a week" in en and "- 1 hour a week" in en and "- Day shift\n" in en
    many = make({"typing_wpm": {"value": 35}}, schedule={"hours_per_week": 20, "shifts": ["day", "night"]})
    en = write_description(many, EMPLOYER, "en")
    assert "35 words per minute" in en and "20 hours a week" in en and "Day and night shifts" in en
    ms = write_description(many, EMPLOYER, "ms")
    assert "35 patah perkataan seminit" in ms and "20 jam seminggu" in ms and "Syif siang dan malam" in ms


def test_age() -> None:
    profile = demo("inbound-office")
    assert "- At least 18 years old\n" in write_description(profile, EMPLOYER, "en")
    assert "- Berumur 18 tahun ke atas\n" in write_description(profile, EMPLOYER, "ms")


@pytest.mark.parametrize(
    "pay,en,ms",
    [
        (
            {"min": 14, "max": 16.5, "currency": "USD", "period": "hour"},
            "USD 14.00–16.50 an hour.",
            "USD 14.00 – USD 16.50 sejam.",
        ),
        (
            {"min": 2200, "max": 2800, "currency": "MYR", "period": "month"},
            "RM2,200–RM2,800 a month.",
            "RM2,200 – RM2,800 sebulan.",
        ),
        (
            {"min": 58000, "max": 72000, "currency": "USD", "period": "year"},
            "USD 58,000–72,000 a year.",
            "USD 58,000 – USD 72,000 setahun.",
        ),
        ({"min": 120, "currency": "USD", "period": "day"}, "From USD 120 a day.", "Sekurang-kurangnya USD 120 sehari."),
        (
            {"max": 900.5, "currency": "EUR", "period": "week"},
            "Up to EUR 900.50 a week.",
            "Sehingga EUR 900.50 seminggu.",
        ),
        ({"min": 2500, "max": 2500, "currency": "MYR", "period": "month"}, "RM2,500 a month.", "RM2,500 sebulan."),
    ],
)
def test_pay(pay: dict[str, Any], en: str, ms: str) -> None:
    profile = make({}, pay=pay)
    assert f"## Pay\n\n{en}\n" in write_description(profile, EMPLOYER, "en")
    assert f"## Gaji\n\n{ms}\n" in write_description(profile, EMPLOYER, "ms")


# Every requirement renders ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", list(catalog.CATALOG))
def test_every_catalog_key_renders_in_both_languages(key: str, lang: str) -> None:
    full = make(work_arrangement="remote")
    without = make({k: v for k, v in ALL_REQUIREMENTS.items() if k != key}, work_arrangement="remote")
    for fmt in FORMATS:
        assert write_description(full, EMPLOYER, lang, fmt) != write_description(without, EMPLOYER, lang, fmt)
    rule = full.rule(key)
    assert rule is not None
    text = words_of(lang).requirement(rule, full)
    assert bool(text) == (key != "assessments")  # the assessments are listed as the selection process


def test_all_requirements_read_as_written() -> None:
    en = write_description(make(work_arrangement="remote"), EMPLOYER, "en", "md")
    for line in [
        "At least 21 years old",
        "At least 2 years of customer-service experience (retail and other non-phone work count)",
        "Able to pass a criminal background check (we pay for it)",
        "Able to pass a credit check (at your own cost)",
        "At least 1 month of call-center experience",
        "At least 18 months of sales experience, by phone or in person",
        "Good computer skills, including CRM software and ticketing systems",
        "Typing accuracy of at least 95%",
        "Fluent in English and French",
        "An insurance license and CompTIA A+ (license or certification)",
        "Knowledge of or experience in insurance",
        "A bachelor's degree or higher",
        "Home internet of at least 25.5 Mbps download and 5 Mbps upload",
        "Network latency of no more than 100 ms",
        "Network jitter of no more than 25 ms",
        "Packet loss of no more than 1.5%",
        "Your own computer running Windows or macOS",
        "Your own headset",
        "Your own second monitor and webcam",
        "Able to attend in person at our Austin office (the first week of training)",
        "Living in Texas or Oklahoma",
        "Available to work weekends and nights, at least 30 hours a week",
        "Able to pass a drug test before starting",
        "A work-style questionnaire",
        "A phone interview",
    ]:
        assert f"- {line}\n" in en, line
    ms = write_description(make(work_arrangement="remote"), EMPLOYER, "ms", "md")
    for line in [
        "Berumur 21 tahun ke atas",
        "Pengalaman sekurang-kurangnya 2 tahun dalam bidang khidmat pelanggan (termasuk kerja runcit dan kerja bukan telefon)",
        "Lulus semakan latar belakang jenayah (kos ditanggung oleh syarikat)",
        "Lulus semakan kredit (kos ditanggung sendiri oleh calon)",
        "Fasih dalam bahasa Inggeris dan bahasa Perancis",
        "Pengetahuan atau pengalaman dalam bidang insurans",
        "Internet di rumah dengan kelajuan sekurang-kurangnya 25.5 Mbps (muat turun) dan 5 Mbps (muat naik)",
        "Menetap di Texas atau Oklahoma",
        "Sanggup bekerja pada hujung minggu dan waktu malam, sekurang-kurangnya 30 jam seminggu",
        "Lulus ujian saringan dadah sebelum mula bekerja",
    ]:
        assert f"- {line}\n" in ms, line


def test_place_names_take_the_article_in_english() -> None:
    profile = make({"residency": {"value": ["United States"]}}, work_arrangement="remote")
    assert "- Living in the United States\n" in write_description(profile, EMPLOYER, "en")
    assert "- Menetap di Amerika Syarikat\n" in write_description(profile, EMPLOYER, "ms")


# Duties, summary and titles -----------------------------------------------------------------


def test_duties_follow_the_profile() -> None:
    health = build_document(demo("bilingual-health"), EMPLOYER, "en")
    duties = bullet_texts(health, "duties")
    assert "Serve customers in English and Spanish" in duties
    assert "Give health advice within the scope of your nursing license, following clinical protocols" in duties
    assert "Reply to customer emails" in duties
    assert "Keep an accurate record of every contact in the CRM system" in duties
    home = bullet_texts(build_document(demo("home-contractor"), EMPLOYER, "en"), "duties")
    assert "Offer products and services that fit the customer's needs" in home
    assert "Reply to customer chats and emails" in home
    office = bullet_texts(build_document(demo("inbound-office"), EMPLOYER, "en"), "duties")
    assert not any("Spanish" in d or "health" in d or "Offer" in d or "chats" in d for d in office)
    bpo = bullet_texts(build_document(demo("kl-bpo"), EMPLOYER, "ms"), "duties")
    assert "Melayan pelanggan dalam bahasa Melayu dan bahasa Inggeris" in bpo


def test_beginners_are_welcome_only_when_no_experience_is_required() -> None:
    assert "No previous experience? You are welcome to apply." in write_description(demo("inbound-office"), EMPLOYER)
    assert "Calon tanpa pengalaman digalakkan untuk memohon." in write_description(demo("kl-bpo"), EMPLOYER, "ms")
    for name in ("home-contractor", "bilingual-health"):
        assert "No previous experience" not in write_description(demo(name), EMPLOYER)


def test_malay_profile_keeps_its_title_in_english() -> None:
    en = write_description(demo("kl-bpo"), DEMO_EMPLOYERS["kl-bpo"], "en", "md")
    assert en.startswith("# Ejen Khidmat Pelanggan Dwibahasa (Bahasa Melayu & Inggeris)\n")
    assert "- Fluent in Malay and English\n" in en
    assert "RM2,200–RM2,800 a month." in en


def test_summary_tags_and_terms() -> None:
    doc = build_document(demo("kl-bpo"), DEMO_EMPLOYERS["kl-bpo"], "ms")
    assert [line_text(b.parts) for b in doc.lead if isinstance(b, Paragraph)] == [
        "Maju Hubungan Sdn Bhd · Bangsar South, Kuala Lumpur · Di pejabat · Sepenuh masa · Kontrak"
    ]
    summary = write_description(demo("kl-bpo"), DEMO_EMPLOYERS["kl-bpo"], "ms", "md")
    assert "Jawatan ini adalah secara kontrak bagi tempoh tertentu." in summary
    nameless = write_description(demo("home-contractor"), Employer(""), "en")
    assert "We are hiring part-time contact-center agents to work from home." in nameless
    assert "## About us" not in nameless


def test_plain_text_is_wrapped_and_underlined() -> None:
    text = write_description(demo("bilingual-health"), DEMO_EMPLOYERS["bilingual-health"], "en", "text")
    lines = text.splitlines()
    assert lines[1] == "=" * len(lines[0])
    assert all(len(line) <= 72 for line in lines if " " in line.strip())
    assert "<" not in text and "](" not in text


def test_employer_fields_left_empty_or_in_paragraphs() -> None:
    blank = Employer(None, None, None, None, None)  # type: ignore[arg-type]  # what a form may hand over
    for text in every_output(demo("kl-bpo"), blank):
        assert "None" not in text
    about = Employer("Acme", about="First paragraph.\r\n\r\nSecond paragraph.")
    html = write_description(demo("inbound-office"), about, "en", "html")
    assert "<p>First paragraph.</p>\n<p>Second paragraph.</p>" in html
