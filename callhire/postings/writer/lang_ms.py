"""Malay wording of a job description, as Malaysian job advertisements are written."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from callhire.postings.writer.common import HOURS_UNIT, capital, code_words, duration, join, number, pay_range
from callhire.postings.writer.model import Line, Link
from callhire.screening import catalog, vocab
from callhire.screening.profile import Profile, Rule

CODE = "ms"

_HEADINGS = {
    "summary": "Tentang jawatan",
    "duties": "Tanggungjawab",
    "basic": "Kelayakan",
    "additional": "Kemahiran tambahan",
    "home": "Keperluan bekerja dari rumah",
    "preferred": "Kelebihan",
    "pay": "Gaji",
    "schedule": "Waktu bekerja",
    "provided": "Kemudahan yang disediakan",
    "selection": "Proses pemilihan",
    "apply": "Cara memohon",
}


def heading(key: str, employer: str, contractor: bool) -> str:
    if key == "employer":
        return f"Tentang {employer}" if employer else "Tentang kami"
    if key == "pay" and contractor:
        return "Bayaran"  # a contractor is paid, not given a salary (gaji)
    return _HEADINGS[key]


def _name(table: dict[str, tuple[str, str]], code: str) -> str:
    return vocab.name_of(table, code, CODE)


def language(code: str) -> str:
    return _name(vocab.LANGUAGES, code)


# The job ---------------------------------------------------------------------------------------

_ARRANGEMENT_TAGS = {"onsite": "Di pejabat", "remote": "Bekerja dari rumah", "hybrid": "Hibrid (pejabat dan rumah)"}


def tags(job: Mapping[str, Any]) -> list[str]:
    found = [_ARRANGEMENT_TAGS.get(str(job.get("work_arrangement", "onsite")), "")]
    if job.get("hours") in catalog.HOURS:
        found.append(capital(catalog.HOURS[job["hours"]][1]))
    if job.get("employment_type") == "contractor":
        found.append("Kontraktor bebas")
    if job.get("fixed_term"):
        found.append("Kontrak")
    return found


def summary(employer: str, job: Mapping[str, Any], location: str) -> str:
    who = employer or "Kami"
    hours = catalog.HOURS[job["hours"]][1] if job.get("hours") in catalog.HOURS else ""
    agents = f"ejen pusat panggilan {hours}" if hours else "ejen pusat panggilan"
    arrangement = job.get("work_arrangement", "onsite")
    place = f" di {location}" if location else ""
    if arrangement == "remote":
        where = "untuk bekerja dari rumah"
    elif arrangement == "hybrid":
        where = f"untuk bekerja secara hibrid, sebahagiannya di pejabat kami{place} dan sebahagiannya dari rumah"
    else:
        where = f"untuk bekerja di pejabat kami{place}"
    sentences = [f"{who} sedang mencari {agents} {where}."]
    if job.get("employment_type") == "contractor":
        sentences.append("Ini ialah kerja sebagai kontraktor bebas, bukan jawatan sebagai pekerja.")
    if job.get("fixed_term"):
        sentences.append("Jawatan ini adalah secara kontrak bagi tempoh tertentu.")
    return " ".join(sentences)


def no_experience() -> str:
    return "Calon tanpa pengalaman digalakkan untuk memohon."


# Duties ---------------------------------------------------------------------------------------

_CHANNELS = {"chat": "sembang langsung", "email": "e-mel"}


def duty(key: str, codes: Sequence[str]) -> str:
    if key == "calls":
        return "Menjawab panggilan pelanggan dengan sopan dan profesional"
    if key == "channels":
        return f"Membalas pertanyaan pelanggan melalui {join([_CHANNELS[c] for c in codes], 'dan')}"
    if key == "resolve":
        return (
            "Mengenal pasti keperluan pelanggan, menyelesaikan pertanyaan dan aduan, "
            "serta memanjangkannya kepada pihak berkaitan jika perlu"
        )
    if key == "sales":
        return "Menawarkan produk dan perkhidmatan yang sesuai dengan keperluan pelanggan"
    if key == "health":
        return "Memberikan nasihat kesihatan dalam skop lesen kejururawatan anda, mengikut protokol klinikal"
    if key == "insurance":
        return "Menerangkan produk dan polisi insurans kepada pelanggan"
    if key == "languages":
        return f"Melayan pelanggan dalam {join([language(c) for c in codes], 'dan')}"
    if key == "records":
        system = "sistem CRM" if "crm" in codes else "sistem syarikat"
        return f"Merekodkan setiap interaksi pelanggan dengan tepat dalam {system}"
    if key == "targets":
        return "Mencapai sasaran kualiti dan perkhidmatan yang ditetapkan"
    raise KeyError(key)


# Requirements ---------------------------------------------------------------------------------

_EDUCATION = {
    "none": "Tiada kelayakan akademik minimum diperlukan",
    "high_school": "Sekurang-kurangnya SPM atau yang setaraf",
    "some_college": "Sekurang-kurangnya STPM, Matrikulasi atau yang setaraf",
    "associate": "Sekurang-kurangnya Diploma",
    "bachelor": "Sekurang-kurangnya Ijazah Sarjana Muda",
    "master": "Ijazah Sarjana",
}
_COLLEGE = {
    "none": "",
    "high_school": "SPM atau yang setaraf",
    "some_college": "Memiliki STPM, Matrikulasi atau kelayakan yang lebih tinggi",
    "associate": "Memiliki Diploma atau kelayakan yang lebih tinggi",
    "bachelor": "Memiliki Ijazah Sarjana Muda atau kelayakan yang lebih tinggi",
    "master": "Memiliki Ijazah Sarjana",
}
_LICENCES = {
    "rn": "lesen jururawat berdaftar (RN) yang sah",
    "lpn": "lesen jururawat praktikal (LPN) yang sah",
    "insurance_license": "lesen insurans",
}
_INDUSTRIES = {
    "healthcare": "penjagaan kesihatan",
    "health": "kesihatan",
    "insurance": "insurans",
    "banking": "perbankan",
    "finance": "kewangan",
    "telecommunications": "telekomunikasi",
    "telecom": "telekomunikasi",
    "retail": "runcit",
    "travel": "pelancongan",
    "hospitality": "hospitaliti",
    "it": "teknologi maklumat (IT)",
    "technology": "teknologi",
    "ecommerce": "e-dagang",
    "e-commerce": "e-dagang",
    "utilities": "utiliti",
    "logistics": "logistik",
    "automotive": "automotif",
    "education": "pendidikan",
    "government": "kerajaan",
}
_PAYERS = {"employer": "kos ditanggung oleh syarikat", "candidate": "kos ditanggung sendiri oleh calon"}
_HEADSETS = {"candidate_buys": "Set kepala (headset) yang dibeli sendiri", "required": "Set kepala (headset) sendiri"}


# Malay names of places employers often write in English; any other name is kept as written.
_PLACES = {
    "united states": "Amerika Syarikat",
    "usa": "Amerika Syarikat",
    "singapore": "Singapura",
    "philippines": "Filipina",
    "the philippines": "Filipina",
    "japan": "Jepun",
    "south korea": "Korea Selatan",
    "thailand": "Thailand",
    "vietnam": "Vietnam",
    "penang": "Pulau Pinang",
    "malacca": "Melaka",
}


def _place(name: str) -> str:
    return _PLACES.get(name.strip().lower(), name.strip())


def _paid(rule: Rule) -> str:
    payer = _PAYERS.get(str(rule.extras.get("paid_by", "")), "")
    return f" ({payer})" if payer else ""


def _months(where: str) -> Callable[[Rule, Profile], str]:
    def write(rule: Rule, profile: Profile) -> str:
        return f"Pengalaman sekurang-kurangnya {duration(int(rule.value), CODE)} {where}" if rule.value else ""

    return write


def _licences(values: Sequence[str]) -> str:
    known = [_LICENCES[v] for v in values if v in _LICENCES]
    other = [f"{code_words(v)} (lesen atau sijil)" for v in values if v not in _LICENCES]
    return capital(join(known + other, "dan"))


def _languages(rule: Rule, profile: Profile) -> str:
    codes = [profile.language] + [c for c in rule.value if c != profile.language]
    return f"Fasih dalam {join([language(c) for c in codes], 'dan')}"


def _work_authorization(rule: Rule, profile: Profile) -> str:
    if rule.waived:
        return ""
    if profile.arrangement == "onsite":
        return "Mempunyai hak yang sah untuk bekerja di negara ini"
    return "Mempunyai hak yang sah untuk bekerja di negara tempat anda menetap"


def _availability(rule: Rule, profile: Profile) -> str:
    value = rule.value
    when = [word for word, key in (("hujung minggu", "weekends"), ("waktu malam", "nights")) if value.get(key)]
    hours = value.get("hours_per_week")
    text = f"Sanggup bekerja pada {join(when, 'dan')}" if when else ""
    if hours:
        amount = HOURS_UNIT.format(hours, CODE)
        text = (
            f"{text}, sekurang-kurangnya {amount} seminggu"
            if text
            else f"Boleh bekerja sekurang-kurangnya {amount} seminggu"
        )
    return text


def _onsite(rule: Rule, profile: Profile) -> str:
    place, times = str(rule.extras.get("place", "")).strip(), str(rule.extras.get("times", "")).strip()
    # The place and times are the employer's own words, in whatever language they wrote them:
    # they follow a colon rather than sit inside a Malay sentence.
    if place and times:
        return f"Boleh hadir secara fizikal di lokasi dan pada masa yang ditetapkan: {place} ({times})"
    if place:
        return f"Boleh hadir secara fizikal di lokasi yang ditetapkan apabila diperlukan: {place}"
    if times:
        return f"Boleh hadir secara fizikal di lokasi yang ditetapkan: {times}"
    return "Boleh hadir secara fizikal di lokasi dan pada masa yang ditetapkan apabila diperlukan"


_REQUIREMENTS: dict[str, Callable[[Rule, Profile], str]] = {
    "min_age": lambda r, p: f"Berumur {catalog.YEARS.format(r.value, CODE)} ke atas",
    "education": lambda r, p: _EDUCATION.get(r.value, ""),
    "customer_service_experience_months": lambda r, p: (
        _months("dalam bidang khidmat pelanggan")(r, p) + " (termasuk kerja runcit dan kerja bukan telefon)"
        if r.value
        else ""
    ),
    "work_authorization": _work_authorization,
    "speaking_score": lambda r, p: (
        f"Pertuturan yang jelas dan mudah difahami (skor sekurang-kurangnya {number(r.value)} daripada 100 "
        "dalam ujian suara kami)"
    ),
    "service_judgement": lambda r, p: (
        f"Pertimbangan yang baik ketika melayan pelanggan (skor sekurang-kurangnya {number(r.value)} daripada 100 "
        "dalam ujian pertimbangan khidmat pelanggan kami)"
    ),
    "background_check": lambda r, p: f"Lulus semakan latar belakang jenayah{_paid(r)}",
    "credit_check": lambda r, p: f"Lulus semakan kredit{_paid(r)}",
    "assessments": lambda r, p: "",  # listed under the selection process
    "call_center_experience_months": _months("di pusat panggilan"),
    "sales_experience_months": lambda r, p: (
        _months("dalam bidang jualan")(r, p) + ", sama ada melalui telefon atau secara bersemuka" if r.value else ""
    ),
    "computer_skills": lambda r, p: (
        f"Mahir menggunakan komputer, termasuk {join([_name(vocab.COMPUTER_SKILLS, c) for c in r.value], 'dan')}"
    ),
    "typing_wpm": lambda r, p: f"Kelajuan menaip sekurang-kurangnya {catalog.WPM.format(r.value, CODE)}",
    "typing_accuracy": lambda r, p: f"Ketepatan menaip sekurang-kurangnya {catalog.PERCENT.format(r.value, CODE)}",
    "languages": _languages,
    "math": lambda r, p: "Kemahiran matematik yang baik",
    "writing": lambda r, p: "Kemahiran menulis yang baik",
    "licenses": lambda r, p: _licences(r.value),
    "industry_knowledge": lambda r, p: (
        f"Pengetahuan atau pengalaman dalam bidang {_INDUSTRIES.get(r.value.strip().lower(), r.value.strip())}"
    ),
    "college": lambda r, p: _COLLEGE.get(r.value, ""),
    "internet_download_mbps": lambda r, p: internet(r.value, None),
    "internet_upload_mbps": lambda r, p: internet(None, r.value),
    "internet_latency_ms": lambda r, p: f"Kependaman rangkaian tidak melebihi {catalog.MS.format(r.value, CODE)}",
    "internet_jitter_ms": lambda r, p: f"Ketaran rangkaian tidak melebihi {catalog.MS.format(r.value, CODE)}",
    "internet_packet_loss_pct": lambda r, p: f"Kehilangan paket tidak melebihi {catalog.PERCENT.format(r.value, CODE)}",
    "wired_connection": lambda r, p: (
        "Sambungan berwayar (kabel Ethernet) ke penghala; Wi-Fi, satelit dan data mudah alih tidak diterima"
    ),
    "quiet_workspace": lambda r, p: "Ruang kerja khas yang senyap dan bebas daripada gangguan",
    "computer_os": lambda r, p: (
        f"Komputer sendiri yang menggunakan {join([_name(vocab.OPERATING_SYSTEMS, c) for c in r.value], 'atau')}"
    ),
    "headset": lambda r, p: _HEADSETS.get(r.value, ""),
    "equipment": lambda r, p: f"Peralatan lain milik sendiri: {join([v.strip() for v in r.value], 'dan')}",
    "onsite_attendance": _onsite,
    "residency": lambda r, p: f"Menetap di {join([_place(v) for v in r.value], 'atau')}",
    "availability": _availability,
    "drug_test": lambda r, p: "Lulus ujian saringan dadah sebelum mula bekerja",
}


def requirement(rule: Rule, profile: Profile) -> str:
    return _REQUIREMENTS[rule.key](rule, profile)


def internet(download: float | None, upload: float | None) -> str:
    speeds = []
    if download is not None:
        speeds.append(f"{catalog.MBPS.format(download, CODE)} (muat turun)")
    if upload is not None:
        speeds.append(f"{catalog.MBPS.format(upload, CODE)} (muat naik)")
    return f"Internet di rumah dengan kelajuan sekurang-kurangnya {join(speeds, 'dan')}"


def preferred_intro() -> str:
    return "Calon yang memenuhi kriteria berikut akan diutamakan:"


def provided(key: str) -> str:
    return {"headset": "Set kepala (headset)"}[key]


# Pay and schedule -----------------------------------------------------------------------------

_PER = {"hour": "sejam", "day": "sehari", "week": "seminggu", "month": "sebulan", "year": "setahun"}


def pay(pay: Mapping[str, Any]) -> str:
    amounts, kind = pay_range(pay, " – ", repeat_currency=True)
    per = _PER[str(pay["period"])]
    prefix = {"min": "Sekurang-kurangnya ", "max": "Sehingga ", "range": "", "exact": ""}[kind]
    return f"{prefix}{amounts} {per}."


def schedule(job: Mapping[str, Any]) -> list[str]:
    plan: Mapping[str, Any] = job.get("schedule") or {}
    items: list[str] = []
    hours = capital(catalog.HOURS[job["hours"]][1]) if job.get("hours") in catalog.HOURS else ""
    per_week = plan.get("hours_per_week")
    week = f"{HOURS_UNIT.format(per_week, CODE)} seminggu" if per_week else ""
    items.append(f"{hours}, {week}" if hours and week else capital(hours or week))
    shifts = [catalog.SHIFTS[s][1] for s in plan.get("shifts") or () if s in catalog.SHIFTS]
    if shifts:
        items.append(f"Syif {join(shifts, 'dan')}")
    nights = plan.get("nights")
    if nights and "night" in (plan.get("shifts") or ()):
        nights = None  # already said by the shifts
    includes = [w for w, on in (("hujung minggu", plan.get("weekends")), ("waktu malam", nights)) if on]
    if includes:
        items.append(f"Termasuk bekerja pada {join(includes, 'dan')}")
    if plan.get("weekends") is False:
        items.append("Tiada kerja pada hujung minggu")
    if plan.get("nights") is False:
        items.append("Tiada syif malam")
    items.append(str(plan.get("notes") or "").strip())
    return [item for item in items if item]


# Selection and applying -----------------------------------------------------------------------

_ASSESSMENTS = {"voice": "Ujian suara, yang menilai sama ada pertuturan anda jelas dan mudah difahami"}


def selection_intro() -> str:
    return "Sebagai sebahagian daripada permohonan, anda akan melengkapkan:"


def assessment(code: str) -> str:
    return _ASSESSMENTS.get(code) or capital(_name(vocab.ASSESSMENTS, code))


def apply(url: str, email: str) -> list[Line]:
    if url and email:
        return [
            (
                "Mohon dalam talian di ",
                Link(url, url),
                " atau hantar permohonan anda melalui e-mel ke ",
                Link(email, f"mailto:{email}"),
                ".",
            )
        ]
    if url:
        return [("Mohon dalam talian di ", Link(url, url), ".")]
    if email:
        return [("Hantar permohonan anda melalui e-mel ke ", Link(email, f"mailto:{email}"), ".")]
    return [("Mohon melalui iklan ini.",)]
