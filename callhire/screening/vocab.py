"""Closed vocabularies the catalog's values are drawn from, with English and Malay names."""

from __future__ import annotations

# Ordered from least to most: a requirement of a level is met by that level or any above it.
EDUCATION_LEVELS: tuple[str, ...] = ("none", "high_school", "some_college", "associate", "bachelor", "master")

EDUCATION_NAMES: dict[str, tuple[str, str]] = {
    "none": ("no formal qualification", "tiada kelayakan formal"),
    "high_school": ("a high-school diploma or GED", "SPM atau yang setaraf"),
    "some_college": ("some college", "sebahagian pengajian kolej"),
    "associate": ("an associate degree or diploma", "diploma"),
    "bachelor": ("a bachelor's degree", "ijazah sarjana muda"),
    "master": ("a master's degree", "ijazah sarjana"),
}

# Regional names of qualifications, lower-cased, mapped to the level they stand for.
EDUCATION_ALIASES: dict[str, str] = {
    "high school": "high_school",
    "high school diploma": "high_school",
    "ged": "high_school",
    "spm": "high_school",
    "sijil pelajaran malaysia": "high_school",
    "stpm": "some_college",
    "matriculation": "some_college",
    "matrikulasi": "some_college",
    "some college": "some_college",
    "diploma": "associate",
    "associate": "associate",
    "associate degree": "associate",
    "degree": "bachelor",
    "ijazah": "bachelor",
    "bachelor": "bachelor",
    "bachelor's degree": "bachelor",
    "master": "master",
    "master's degree": "master",
    "none": "none",
}

COMPUTER_SKILLS: dict[str, tuple[str, str]] = {
    "office": ("an office suite (Word, Excel)", "perisian pejabat (Word, Excel)"),
    "email": ("email", "e-mel"),
    "chat": ("live chat", "sembang langsung"),
    "crm": ("CRM software", "perisian CRM"),
    "ticketing": ("ticketing systems", "sistem tiket"),
    "windows": ("Windows", "Windows"),
    "data_entry": ("data entry", "kemasukan data"),
}

ASSESSMENTS: dict[str, tuple[str, str]] = {
    "personality": ("a work-style questionnaire", "soal selidik gaya kerja"),
    "skills": ("a skills test", "ujian kemahiran"),
    "typing": ("a typing test", "ujian menaip"),
    "voice": ("a voice test", "ujian suara"),
    "sample_call": ("a sample call", "panggilan sampel"),
    "phone_interview": ("a phone interview", "temu duga telefon"),
}

HEADSET: dict[str, tuple[str, str]] = {
    "provided": ("provided by the employer", "disediakan oleh majikan"),
    "candidate_buys": ("bought by the agent", "dibeli sendiri oleh ejen"),
    "required": ("the agent's own", "milik ejen sendiri"),
}

PAYERS: dict[str, tuple[str, str]] = {
    "employer": ("paid by the employer", "dibayar oleh majikan"),
    "candidate": ("paid by the candidate", "dibayar oleh calon"),
}

OPERATING_SYSTEMS: dict[str, tuple[str, str]] = {
    "windows": ("Windows", "Windows"),
    "macos": ("macOS", "macOS"),
    "linux": ("Linux", "Linux"),
    "chromeos": ("ChromeOS", "ChromeOS"),
}

# ISO 639-1 codes callhire names; the English and Malay name of each.
LANGUAGES: dict[str, tuple[str, str]] = {
    "ar": ("Arabic", "bahasa Arab"),
    "bn": ("Bengali", "bahasa Benggali"),
    "de": ("German", "bahasa Jerman"),
    "el": ("Greek", "bahasa Greek"),
    "en": ("English", "bahasa Inggeris"),
    "es": ("Spanish", "bahasa Sepanyol"),
    "fa": ("Persian", "bahasa Parsi"),
    "fr": ("French", "bahasa Perancis"),
    "he": ("Hebrew", "bahasa Ibrani"),
    "hi": ("Hindi", "bahasa Hindi"),
    "id": ("Indonesian", "bahasa Indonesia"),
    "it": ("Italian", "bahasa Itali"),
    "ja": ("Japanese", "bahasa Jepun"),
    "km": ("Khmer", "bahasa Khmer"),
    "ko": ("Korean", "bahasa Korea"),
    "ml": ("Malayalam", "bahasa Malayalam"),
    "ms": ("Malay", "bahasa Melayu"),
    "my": ("Burmese", "bahasa Myanmar"),
    "ne": ("Nepali", "bahasa Nepal"),
    "nl": ("Dutch", "bahasa Belanda"),
    "pa": ("Punjabi", "bahasa Punjabi"),
    "pl": ("Polish", "bahasa Poland"),
    "pt": ("Portuguese", "bahasa Portugis"),
    "ru": ("Russian", "bahasa Rusia"),
    "sv": ("Swedish", "bahasa Sweden"),
    "ta": ("Tamil", "bahasa Tamil"),
    "te": ("Telugu", "bahasa Telugu"),
    "th": ("Thai", "bahasa Thai"),
    "tl": ("Tagalog", "bahasa Tagalog"),
    "tr": ("Turkish", "bahasa Turki"),
    "uk": ("Ukrainian", "bahasa Ukraine"),
    "ur": ("Urdu", "bahasa Urdu"),
    "vi": ("Vietnamese", "bahasa Vietnam"),
    "zh": ("Chinese", "bahasa Cina"),
}

FACT_SOURCES: dict[str, tuple[str, str]] = {
    "declared": ("declared by the candidate", "dinyatakan oleh calon"),
    "measured": ("measured by a callhire assessment", "diukur oleh penilaian callhire"),
    "document": ("read from a document", "dibaca daripada dokumen"),
    "verified": ("verified by a third party", "disahkan oleh pihak ketiga"),
}

# Attributes the engine must never read. Age is read only against a minimum age requirement.
PROTECTED_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "sex",
        "gender",
        "race",
        "ethnicity",
        "religion",
        "disability",
        "marital_status",
        "pregnancy",
        "sexual_orientation",
        "nationality",
        "national_origin",
        "birth_date",
        "veteran_status",
        "accent",
    }
)


def name_of(table: dict[str, tuple[str, str]], code: str, lang: str) -> str:
    """Return the English or Malay name of a code, or the code itself when unknown."""
    names = table.get(code)
    if names is None:
        return code
    return names[1] if lang == "ms" else names[0]
