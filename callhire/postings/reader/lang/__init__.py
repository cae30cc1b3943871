"""Language packs: the words and phrases the reader looks for, one module per language.

A pack is data (regular-expression sources and word lists) plus a few optional hooks. The
reader applies every registered pack to every posting (ads mix languages: a Malay ad has
English headings, "SPM" and "Microsoft Office"), and uses the detected language's pack to
decide which spoken languages are the posting's own. A third language is a new module
registered in ``PACKS``, not new reader code.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LanguagePack:
    code: str
    name: str
    # language detection: frequent function words of the language
    detect_words: frozenset[str]
    # numbers written as words, and durations written as one word ("setahun" = 12 months)
    number_words: dict[str, float]
    duration_words: dict[str, int]
    year_units: tuple[str, ...]
    month_units: tuple[str, ...]
    range_words: tuple[str, ...]
    # level markers
    preferred_bare: tuple[str, ...]
    preferred_copula: tuple[str, ...]
    required_markers: tuple[str, ...]
    negations: tuple[str, ...]
    marker_filler: tuple[str, ...]  # words that do not make a parenthesis "contentful"
    # section headings
    section_preferred: tuple[str, ...]
    section_required: tuple[str, ...]
    section_benefits: tuple[str, ...]
    section_duties: tuple[str, ...]
    # experience
    experience_words: tuple[str, ...]
    experience_domains: dict[str, tuple[str, ...]]
    experience_weak_domains: dict[str, tuple[str, ...]]
    experience_other_fields: tuple[str, ...]
    experience_not_candidate: tuple[str, ...]
    alternative_words: tuple[str, ...]
    # education, ranked keys: high_school, some_college, associate, bachelor
    education: dict[str, tuple[str, ...]]
    education_none: tuple[str, ...]
    # age
    age: tuple[str, ...]
    age_not_candidate: tuple[str, ...]
    # true-valued requirements
    flags: dict[str, tuple[str, ...]]
    flag_exclude: dict[str, tuple[str, ...]]
    credit_candidate_context: tuple[str, ...]
    credit_not_candidate: tuple[str, ...]
    # lists
    computer_skills: dict[str, tuple[str, ...]]
    computer_skill_exclude: dict[str, tuple[str, ...]]
    assessments: dict[str, tuple[str, ...]]
    licenses: dict[str, tuple[str, ...]]
    languages: dict[str, tuple[str, ...]]
    language_context: tuple[str, ...]
    bilingual: tuple[str, ...]
    # typing and internet
    typing_wpm: tuple[str, ...]
    typing_accuracy: tuple[str, ...]
    download_words: tuple[str, ...]
    upload_words: tuple[str, ...]
    both_directions: tuple[str, ...]
    latency: tuple[str, ...]
    wired_by_exclusion: tuple[str, ...]
    # headset
    headset_words: tuple[str, ...]
    headset_provided: tuple[str, ...]
    headset_candidate_buys: tuple[str, ...]
    headset_not_requirement: tuple[str, ...]
    # the job itself
    work_arrangement: dict[str, tuple[str, ...]]
    arrangement_not_job: tuple[str, ...]
    occasional_attendance: tuple[str, ...]
    employment_type: dict[str, tuple[str, ...]]
    hours: dict[str, tuple[str, ...]]
    residency: tuple[str, ...]
    schedule: tuple[str, ...]
    schedule_weekends: tuple[str, ...]
    schedule_nights: tuple[str, ...]
    # pay
    currencies: dict[str, str]  # regex -> ISO code
    pay_periods: dict[str, tuple[str, ...]]
    pay_context: tuple[str, ...]
    pay_not_wage: tuple[str, ...]
    pay_up_to: tuple[str, ...]
    pay_from: tuple[str, ...]
    # title words that tell the field of "relevant experience"
    title_domains: dict[str, tuple[str, ...]]
    # extra (not scored) keys
    equipment: dict[str, tuple[str, ...]] = field(default_factory=dict)
    industry_knowledge: tuple[str, ...] = ()
    # recruiter messages in this language, by flag code
    messages: dict[str, str] = field(default_factory=dict)


def _packs() -> dict[str, LanguagePack]:
    from callhire.postings.reader.lang import en, ms

    return {pack.code: pack for pack in (en.PACK, ms.PACK)}


PACKS: dict[str, LanguagePack] = _packs()
