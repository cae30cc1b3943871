"""The requirement catalog: every requirement a contact-center job may ask of an agent.

Each entry says what a profile may set (value type and bounds), how the engine compares it
with the candidate's fact, how that fact is established, and the default level by work
arrangement (office / home) and engagement (employee / contractor).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from callhire.screening import vocab

LEVELS = ("required", "preferred", "not_asked")
ARRANGEMENTS = ("onsite", "remote", "hybrid")
ENGAGEMENTS = ("employee", "contractor")
SOURCES = tuple(vocab.FACT_SOURCES)

GROUPS: dict[str, tuple[str, str]] = {
    "basic": ("Basic requirements", "Keperluan asas"),
    "additional": ("Additional skills", "Kemahiran tambahan"),
    "home": ("Home-agent requirements", "Keperluan ejen dari rumah"),
    "job": ("About the job", "Tentang pekerjaan"),
}


@dataclass(frozen=True)
class Unit:
    """How a number is written: singular and plural in English, one form in Malay."""

    one: str
    many: str
    ms: str

    def format(self, number: float, lang: str) -> str:
        text = format_number(number)
        if lang == "ms":
            return f"{text}{self.ms}" if self.ms == "%" else f"{text} {self.ms}"
        word = self.one if number == 1 else self.many
        return f"{text}{word}" if word == "%" else f"{text} {word}"


def format_number(number: float) -> str:
    """Write 12.0 as 12 and 1.3 as 1.3."""
    if float(number).is_integer():
        return str(int(number))
    return f"{number:g}"


YEARS = Unit("year", "years", "tahun")
MONTHS = Unit("month", "months", "bulan")
WPM = Unit("word per minute", "words per minute", "patah perkataan seminit")
PERCENT = Unit("%", "%", "%")
MBPS = Unit("Mbps", "Mbps", "Mbps")
MS = Unit("ms", "ms", "ms")
POINTS = Unit("point", "points", "mata")
HOURS_UNIT = Unit("hour", "hours", "jam")


@dataclass(frozen=True)
class Requirement:
    """One catalog entry."""

    key: str
    group: str
    kind: str  # int, number, flag, choice, choices, texts, text, availability
    compare: str  # at_least, at_most, rank, flag, all_of, one_of, area, text_in, availability, headset
    label: tuple[str, str]
    help: tuple[str, str]
    fact: str | None  # the candidate fact it reads; None for terms of the job
    sources: tuple[str, ...] = ("declared",)  # how that fact may be established
    defaults: str = "NNNN"  # levels for office-employee, office-contractor, home-employee, home-contractor
    default_value: Any = True
    lo: float | None = None
    hi: float | None = None
    unit: Unit | None = None
    choices: dict[str, tuple[str, str]] = field(default_factory=dict)
    extras: dict[str, tuple[str, ...]] = field(default_factory=dict)
    waivable_for: tuple[str, ...] = ()

    def default_level(self, arrangement: str, engagement: str) -> str:
        """Return the level this requirement has in a new profile for that kind of job."""
        office = arrangement == "onsite"
        index = (0 if office else 2) + (0 if engagement == "employee" else 1)
        code = self.defaults[index]
        return {"R": "required", "P": "preferred", "W": "required", "N": "not_asked"}[code]

    def default_waived(self, arrangement: str, engagement: str) -> bool:
        index = (0 if arrangement == "onsite" else 2) + (0 if engagement == "employee" else 1)
        return self.defaults[index] == "W"

    def label_in(self, lang: str) -> str:
        return self.label[1] if lang == "ms" else self.label[0]

    def help_in(self, lang: str) -> str:
        return self.help[1] if lang == "ms" else self.help[0]


_ENTRIES: tuple[Requirement, ...] = (
    # Basic requirements, asked by almost every call center.
    Requirement(
        "min_age",
        "basic",
        "int",
        "at_least",
        ("Minimum age", "Umur minimum"),
        (
            "The youngest age the employer hires. Only 'at least this age' is asked, never a birth date.",
            "Umur paling muda yang diambil bekerja. Hanya 'sekurang-kurangnya umur ini' ditanya, bukan tarikh lahir.",
        ),
        fact="age_years",
        sources=("declared", "document", "verified"),
        defaults="RRRR",
        default_value=18,
        lo=14,
        hi=70,
        unit=YEARS,
    ),
    Requirement(
        "education",
        "basic",
        "choice",
        "rank",
        ("Education", "Pendidikan"),
        (
            "The lowest qualification accepted; higher ones also meet it. SPM counts as high school and a diploma as an associate degree.",
            "Kelayakan paling rendah yang diterima; kelayakan lebih tinggi turut memenuhinya. SPM dikira sebagai sekolah menengah dan diploma sebagai ijazah bersekutu.",
        ),
        fact="education",
        sources=("declared", "document", "verified"),
        defaults="RRRR",
        default_value="high_school",
        choices=vocab.EDUCATION_NAMES,
    ),
    Requirement(
        "customer_service_experience_months",
        "basic",
        "int",
        "at_least",
        ("Customer-service experience", "Pengalaman khidmat pelanggan"),
        (
            "Months of work serving customers. Retail and other non-phone work count.",
            "Bilangan bulan bekerja melayan pelanggan. Kerja runcit dan kerja bukan telefon turut dikira.",
        ),
        fact="customer_service_experience_months",
        sources=("declared", "document", "verified"),
        defaults="PPRR",
        default_value=6,
        lo=0,
        hi=600,
        unit=MONTHS,
    ),
    Requirement(
        "work_authorization",
        "basic",
        "flag",
        "flag",
        ("Right to work", "Hak untuk bekerja"),
        (
            "Legally able to work in the country where the candidate lives. Independent-contractor programs may waive it.",
            "Dibenarkan dari segi undang-undang untuk bekerja di negara tempat calon tinggal. Program kontraktor bebas boleh mengecualikannya.",
        ),
        fact="work_authorization",
        sources=("declared", "document", "verified"),
        defaults="RWRW",
        waivable_for=("contractor",),
    ),
    Requirement(
        "speaking_score",
        "basic",
        "int",
        "at_least",
        ("Speaking skills", "Kemahiran bertutur"),
        (
            "Clarity and intelligibility on the callhire voice test, 0 to 100. Accent as such is never scored.",
            "Kejelasan dan kefahaman pertuturan dalam ujian suara callhire, 0 hingga 100. Loghat semata-mata tidak pernah dinilai.",
        ),
        fact="speaking_score",
        sources=("measured",),
        defaults="RRRR",
        default_value=60,
        lo=0,
        hi=100,
        unit=POINTS,
    ),
    Requirement(
        "background_check",
        "basic",
        "flag",
        "flag",
        ("Criminal background check", "Semakan latar belakang jenayah"),
        (
            "The candidate must pass a criminal background check; say who pays for it.",
            "Calon mesti lulus semakan latar belakang jenayah; nyatakan siapa yang membayarnya.",
        ),
        fact="background_check_passed",
        sources=("verified",),
        defaults="RRRR",
        extras={"paid_by": tuple(vocab.PAYERS)},
    ),
    Requirement(
        "credit_check",
        "basic",
        "flag",
        "flag",
        ("Credit check", "Semakan kredit"),
        (
            "Part of the background check at some employers; say who pays for it.",
            "Sebahagian daripada semakan latar belakang bagi sesetengah majikan; nyatakan siapa yang membayarnya.",
        ),
        fact="credit_check_passed",
        sources=("verified",),
        defaults="NNNN",
        extras={"paid_by": tuple(vocab.PAYERS)},
    ),
    Requirement(
        "assessments",
        "basic",
        "choices",
        "all_of",
        ("Online assessments", "Penilaian dalam talian"),
        (
            "The assessments a candidate completes: work style, skills, typing, voice test, sample call, phone interview.",
            "Penilaian yang perlu dilengkapkan oleh calon: gaya kerja, kemahiran, menaip, ujian suara, panggilan sampel, temu duga telefon.",
        ),
        fact="assessments_completed",
        sources=("measured",),
        defaults="RRRR",
        default_value=["personality", "skills"],
        choices=vocab.ASSESSMENTS,
    ),
    # Additional skills: required by some employers, preferred by others.
    Requirement(
        "service_judgement",
        "basic",
        "int",
        "at_least",
        ("Customer-service judgement", "Pertimbangan khidmat pelanggan"),
        (
            "Score on the callhire judgement test, 0 to 100: choosing the best and worst responses to real situations.",
            "Skor dalam ujian pertimbangan callhire, 0 hingga 100: memilih respons terbaik dan terburuk bagi situasi sebenar.",
        ),
        fact="service_judgement_score",
        sources=("measured",),
        default_value=60,
        lo=0,
        hi=100,
        unit=POINTS,
    ),
    Requirement(
        "call_center_experience_months",
        "additional",
        "int",
        "at_least",
        ("Call-center experience", "Pengalaman pusat panggilan"),
        (
            "Months of work in a call center or contact center.",
            "Bilangan bulan bekerja di pusat panggilan atau pusat hubungan.",
        ),
        fact="call_center_experience_months",
        sources=("declared", "document", "verified"),
        defaults="PPPP",
        default_value=6,
        lo=0,
        hi=600,
        unit=MONTHS,
    ),
    Requirement(
        "sales_experience_months",
        "additional",
        "int",
        "at_least",
        ("Sales experience", "Pengalaman jualan"),
        (
            "Months of work in sales, on the phone or in person.",
            "Bilangan bulan bekerja dalam jualan, melalui telefon atau secara bersemuka.",
        ),
        fact="sales_experience_months",
        sources=("declared", "document", "verified"),
        default_value=6,
        lo=0,
        hi=600,
        unit=MONTHS,
    ),
    Requirement(
        "computer_skills",
        "additional",
        "choices",
        "all_of",
        ("Computer skills", "Kemahiran komputer"),
        (
            "The tools and channels the agent must be able to use.",
            "Alat dan saluran yang perlu boleh digunakan oleh ejen.",
        ),
        fact="computer_skills",
        sources=("declared", "measured"),
        defaults="PPPP",
        default_value=["email", "chat"],
        choices=vocab.COMPUTER_SKILLS,
    ),
    Requirement(
        "typing_wpm",
        "additional",
        "int",
        "at_least",
        ("Typing speed", "Kelajuan menaip"),
        (
            "Net words per minute on the callhire typing test.",
            "Patah perkataan bersih seminit dalam ujian menaip callhire.",
        ),
        fact="typing_wpm",
        sources=("measured",),
        defaults="PPPP",
        default_value=30,
        lo=5,
        hi=150,
        unit=WPM,
    ),
    Requirement(
        "typing_accuracy",
        "additional",
        "int",
        "at_least",
        ("Typing accuracy", "Ketepatan menaip"),
        (
            "Share of correctly typed characters on the callhire typing test.",
            "Peratus aksara yang ditaip dengan betul dalam ujian menaip callhire.",
        ),
        fact="typing_accuracy",
        sources=("measured",),
        default_value=90,
        lo=50,
        hi=100,
        unit=PERCENT,
    ),
    Requirement(
        "languages",
        "additional",
        "choices",
        "all_of",
        ("Languages", "Bahasa"),
        (
            "Languages the agent must speak besides the posting's own (ISO 639-1 codes).",
            "Bahasa yang perlu dituturkan oleh ejen selain bahasa iklan itu sendiri (kod ISO 639-1).",
        ),
        fact="languages",
        sources=("declared", "measured"),
        default_value=["en"],
        choices=vocab.LANGUAGES,
    ),
    Requirement(
        "math",
        "additional",
        "flag",
        "flag",
        ("Math skills", "Kemahiran matematik"),
        ("Passing the math section of the callhire skills test.", "Lulus bahagian matematik ujian kemahiran callhire."),
        fact="math_passed",
        sources=("measured",),
    ),
    Requirement(
        "writing",
        "additional",
        "flag",
        "flag",
        ("Writing skills", "Kemahiran menulis"),
        (
            "Passing the writing section of the callhire skills test.",
            "Lulus bahagian penulisan ujian kemahiran callhire.",
        ),
        fact="writing_passed",
        sources=("measured",),
    ),
    Requirement(
        "licenses",
        "additional",
        "texts",
        "all_of",
        ("Licences and certifications", "Lesen dan pensijilan"),
        (
            "Licences, certifications or training the agent must hold, such as rn or insurance_license.",
            "Lesen, pensijilan atau latihan yang perlu dimiliki oleh ejen, seperti rn atau insurance_license.",
        ),
        fact="licenses",
        sources=("declared", "document", "verified"),
        default_value=["insurance_license"],
    ),
    Requirement(
        "industry_knowledge",
        "additional",
        "text",
        "text_in",
        ("Industry knowledge", "Pengetahuan industri"),
        (
            "Knowledge of, or experience in, the employer's industry.",
            "Pengetahuan atau pengalaman dalam industri majikan.",
        ),
        fact="industries",
        sources=("declared", "document"),
        default_value="healthcare",
    ),
    Requirement(
        "college",
        "additional",
        "choice",
        "rank",
        ("College", "Pengajian kolej"),
        (
            "Some college or a degree, on top of the basic education requirement; usually preferred.",
            "Sebahagian pengajian kolej atau ijazah, di atas keperluan pendidikan asas; biasanya diutamakan.",
        ),
        fact="education",
        sources=("declared", "document", "verified"),
        defaults="PPPP",
        default_value="some_college",
        choices=vocab.EDUCATION_NAMES,
    ),
    # Home (virtual) agents only.
    Requirement(
        "internet_download_mbps",
        "home",
        "number",
        "at_least",
        ("Download speed", "Kelajuan muat turun"),
        (
            "Minimum internet download speed at home, measured by the callhire tech check.",
            "Kelajuan muat turun internet minimum di rumah, diukur oleh semakan teknikal callhire.",
        ),
        fact="internet_download_mbps",
        sources=("measured", "declared"),
        defaults="NNRR",
        default_value=10,
        lo=0.1,
        hi=10000,
        unit=MBPS,
    ),
    Requirement(
        "internet_upload_mbps",
        "home",
        "number",
        "at_least",
        ("Upload speed", "Kelajuan muat naik"),
        ("Minimum internet upload speed at home.", "Kelajuan muat naik internet minimum di rumah."),
        fact="internet_upload_mbps",
        sources=("measured", "declared"),
        defaults="NNRR",
        default_value=3,
        lo=0.1,
        hi=10000,
        unit=MBPS,
    ),
    Requirement(
        "internet_latency_ms",
        "home",
        "int",
        "at_most",
        ("Network latency", "Kependaman rangkaian"),
        ("Highest round-trip time to the employer's servers.", "Masa pergi balik tertinggi ke pelayan majikan."),
        fact="internet_latency_ms",
        sources=("measured",),
        default_value=120,
        lo=1,
        hi=2000,
        unit=MS,
    ),
    Requirement(
        "internet_jitter_ms",
        "home",
        "int",
        "at_most",
        ("Network jitter", "Ketaran rangkaian"),
        (
            "Highest variation in round-trip time from one measurement to the next; high jitter breaks up calls.",
            "Variasi tertinggi masa pergi balik dari satu ukuran ke ukuran berikutnya; ketaran tinggi memutus-mutuskan panggilan.",
        ),
        fact="internet_jitter_ms",
        sources=("measured",),
        default_value=20,
        lo=1,
        hi=1000,
        unit=MS,
    ),
    Requirement(
        "internet_packet_loss_pct",
        "home",
        "number",
        "at_most",
        ("Packet loss", "Kehilangan paket"),
        (
            "Highest share of test messages to the employer's servers that may go unanswered; lost packets are lost words on a call.",
            "Peratus tertinggi mesej ujian ke pelayan majikan yang boleh tidak berjawab; paket yang hilang ialah perkataan yang hilang dalam panggilan.",
        ),
        fact="internet_packet_loss_pct",
        sources=("measured",),
        default_value=2,
        lo=0,
        hi=100,
        unit=PERCENT,
    ),
    Requirement(
        "wired_connection",
        "home",
        "flag",
        "flag",
        ("Wired connection", "Sambungan berwayar"),
        (
            "The computer connects to the router by an Ethernet cable; wireless, satellite and cellular links are not accepted.",
            "Komputer disambungkan ke penghala dengan kabel Ethernet; sambungan tanpa wayar, satelit dan selular tidak diterima.",
        ),
        fact="wired_connection",
        sources=("declared", "measured"),
        defaults="NNRR",
    ),
    Requirement(
        "quiet_workspace",
        "home",
        "flag",
        "flag",
        ("Quiet dedicated workspace", "Ruang kerja khas yang senyap"),
        (
            "A quiet, dedicated place to work, free from distractions.",
            "Tempat kerja khas yang senyap dan bebas gangguan.",
        ),
        fact="quiet_workspace",
        sources=("declared",),
        defaults="NNRR",
    ),
    Requirement(
        "computer_os",
        "home",
        "choices",
        "one_of",
        ("Computer", "Komputer"),
        (
            "Operating systems the agent's own computer may run.",
            "Sistem pengendalian yang boleh digunakan pada komputer ejen sendiri.",
        ),
        fact="computer_os",
        sources=("declared", "measured"),
        default_value=["windows"],
        choices=vocab.OPERATING_SYSTEMS,
    ),
    Requirement(
        "headset",
        "home",
        "choice",
        "headset",
        ("Headset", "Set kepala"),
        (
            "Whether the employer provides the headset or the agent brings or buys one.",
            "Sama ada majikan menyediakan set kepala atau ejen membawa atau membelinya sendiri.",
        ),
        fact="has_headset",
        sources=("declared", "measured"),
        defaults="NNRR",
        default_value="candidate_buys",
        choices=vocab.HEADSET,
    ),
    Requirement(
        "equipment",
        "home",
        "texts",
        "flag",
        ("Other equipment", "Peralatan lain"),
        (
            "Other equipment the agent provides, such as a second monitor.",
            "Peralatan lain yang disediakan oleh ejen, seperti monitor kedua.",
        ),
        fact="has_equipment",
        sources=("declared",),
        default_value=["second monitor"],
    ),
    Requirement(
        "onsite_attendance",
        "home",
        "flag",
        "flag",
        ("Attendance at a set place and time", "Hadir di tempat dan masa tertentu"),
        (
            "Able to come to a named place at named times, for example for on-site training.",
            "Boleh hadir ke tempat yang dinamakan pada masa yang ditetapkan, contohnya untuk latihan di tapak.",
        ),
        fact="can_attend_onsite",
        sources=("declared",),
        extras={"place": (), "times": ()},
    ),
    Requirement(
        "residency",
        "home",
        "texts",
        "area",
        ("Residency", "Tempat tinggal"),
        (
            "Areas the agent must live in: countries, states or regions, or postcodes.",
            "Kawasan tempat ejen mesti tinggal: negara, negeri atau wilayah, atau poskod.",
        ),
        fact="residence",
        sources=("declared", "document"),
        defaults="NNRR",
        default_value=["Malaysia"],
    ),
    # Stated by real postings beside the seed's list.
    Requirement(
        "availability",
        "job",
        "availability",
        "availability",
        ("Availability", "Ketersediaan"),
        (
            "Shifts the agent must be able to work: weekends, nights and hours a week.",
            "Syif yang perlu boleh dilakukan oleh ejen: hujung minggu, malam dan jam seminggu.",
        ),
        fact="availability",
        sources=("declared",),
        default_value={"weekends": True},
    ),
    Requirement(
        "drug_test",
        "job",
        "flag",
        "flag",
        ("Drug test", "Ujian dadah"),
        ("The candidate must pass a drug test before starting.", "Calon mesti lulus ujian dadah sebelum mula bekerja."),
        fact="drug_test_passed",
        sources=("verified",),
    ),
)

CATALOG: dict[str, Requirement] = {entry.key: entry for entry in _ENTRIES}

# Terms of the job itself, stated in a profile's "job" section; the engine does not screen on them.
JOB_TERMS: dict[str, tuple[str, str]] = {
    "work_arrangement": ("Work arrangement", "Susunan kerja"),
    "employment_type": ("Employment type", "Jenis pekerjaan"),
    "hours": ("Hours", "Waktu kerja"),
    "pay": ("Pay", "Gaji"),
    "schedule": ("Schedule", "Jadual"),
}

WORK_ARRANGEMENTS: dict[str, tuple[str, str]] = {
    "onsite": ("on site", "di pejabat"),
    "remote": ("from home", "dari rumah"),
    "hybrid": ("hybrid", "hibrid"),
}
EMPLOYMENT_TYPES: dict[str, tuple[str, str]] = {
    "employee": ("employee", "pekerja"),
    "contractor": ("independent contractor", "kontraktor bebas"),
}
HOURS: dict[str, tuple[str, str]] = {
    "full_time": ("full time", "sepenuh masa"),
    "part_time": ("part time", "separuh masa"),
}
PAY_PERIODS: dict[str, tuple[str, str]] = {
    "hour": ("hour", "jam"),
    "day": ("day", "hari"),
    "week": ("week", "minggu"),
    "month": ("month", "bulan"),
    "year": ("year", "tahun"),
}
SHIFTS: dict[str, tuple[str, str]] = {
    "day": ("day", "siang"),
    "evening": ("evening", "petang"),
    "night": ("night", "malam"),
}


def get(key: str) -> Requirement:
    """Return the catalog entry for a key; raise KeyError for an unknown one."""
    return CATALOG[key]
