"""Questions a candidate answers, generated from a posting's profile.

Only the facts the profile's requirements need are asked, and only those a candidate can
declare: what an assessment measures or a third party verifies is never asked. The same
questions serve the self-check and the application, so answers carry over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from callhire.screening import vocab
from callhire.screening.catalog import Requirement
from callhire.screening.engine import describe_value
from callhire.screening.profile import Profile, Rule

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]


@dataclass
class Question:
    """One thing to ask: its form fields, and how their answers become the fact."""

    fact: str
    fields: dict[str, forms.Field]
    collect: Callable[[dict[str, Any]], Any]  # cleaned data -> fact value, or None if unanswered
    spread: Callable[[Any], dict[str, Any]]  # fact value -> initial field values


def _yes_no(label: str, required: bool, help_text: str = "") -> forms.Field:
    return forms.ChoiceField(
        label=label, choices=YES_NO, widget=forms.RadioSelect, required=required, help_text=help_text
    )


def _flag_question(fact: str, name: str, label: str, required: bool, help_text: str = "") -> Question:
    return Question(
        fact,
        {name: _yes_no(label, required, help_text)},
        lambda d: {"yes": True, "no": False}.get(d.get(name) or ""),
        lambda v: {name: "yes" if v else "no"} if isinstance(v, bool) else {},
    )


def _number_question(
    fact: str, name: str, label: str, required: bool, *, decimal: bool = False, help_text: str = "", hi: int = 600
) -> Question:
    field: forms.Field
    if decimal:
        field = forms.DecimalField(
            label=label, required=required, min_value=0, max_value=hi, decimal_places=1, help_text=help_text
        )
    else:
        field = forms.IntegerField(label=label, required=required, min_value=0, max_value=hi, help_text=help_text)

    def collect(d: dict[str, Any]) -> Any:
        value = d.get(name)
        if value is None:
            return None
        return float(value) if decimal else int(value)

    return Question(fact, {name: field}, collect, lambda v: {name: v} if isinstance(v, int | float) else {})


def _choices_question(
    fact: str, name: str, label: str, options: list[tuple[str, str]], none_ticked_is_answer: bool
) -> Question:
    field = forms.MultipleChoiceField(label=label, choices=options, required=False, widget=forms.CheckboxSelectMultiple)

    def collect(d: dict[str, Any]) -> Any:
        ticked = list(d.get(name) or [])
        # On the application an empty group means "none of these"; in the self-check, no answer yet.
        return ticked if ticked or none_ticked_is_answer else None

    return Question(fact, {name: field}, collect, lambda v: {name: list(v)} if isinstance(v, list) else {})


def question_for(rule: Rule, lang: str, required: bool, for_application: bool = True) -> Question | None:
    """Return the question that establishes a rule's fact, or None if a candidate can't declare it."""
    req: Requirement = rule.requirement
    fact = req.fact
    if fact is None or "declared" not in req.sources:
        return None
    name = f"q_{fact}"
    threshold = describe_value(req, rule.value, lang)
    key = req.key
    if key == "min_age":
        return _flag_question(fact, name, _("Are you %(age)s years old or older?") % {"age": rule.value}, required)
    if req.compare == "rank":
        options = [("", "—")] + [
            (code, vocab.name_of(vocab.EDUCATION_NAMES, code, lang)) for code in vocab.EDUCATION_LEVELS
        ]
        field = forms.ChoiceField(
            label=_("What is the highest education you have completed?"),
            choices=options,
            required=required,
            help_text=_("SPM counts as high school; a diploma as an associate degree."),
        )
        return Question(fact, {name: field}, lambda d: d.get(name) or None, lambda v: {name: v} if v else {})
    if key.endswith("_experience_months"):
        label = _("How many months of %(experience)s do you have?") % {"experience": req.label_in(lang).lower()}
        hint = ""
        if key == "customer_service_experience_months":
            hint = _("Retail, hospitality and other work serving people count, not only phone work.")
        return _number_question(fact, name, label, required, help_text=hint)
    if key == "work_authorization":
        return _flag_question(fact, name, _("Are you legally allowed to work in the country where you live?"), required)
    if key in ("internet_download_mbps", "internet_upload_mbps"):
        label = (
            _("What is your home internet download speed, in Mbps?")
            if key == "internet_download_mbps"
            else _("What is your home internet upload speed, in Mbps?")
        )
        hint = _("Run a speed test on the computer you would work on. The tech check measures it later.")
        return _number_question(fact, name, label, required, decimal=True, help_text=hint, hi=10000)
    if key == "wired_connection":
        return _flag_question(
            fact, name, _("Can you connect your computer to your router with an Ethernet cable?"), required
        )
    if key == "quiet_workspace":
        return _flag_question(
            fact, name, _("Do you have a quiet place to work where you will not be interrupted?"), required
        )
    if key == "headset":
        if rule.value == "provided":
            return None
        return _flag_question(fact, name, _("Do you have, or will you buy, a headset with a microphone?"), required)
    if key == "equipment":
        return _flag_question(
            fact, name, _("Do you have, or will you get, this equipment: %(items)s?") % {"items": threshold}, required
        )
    if key == "onsite_attendance":
        place, times = rule.extras.get("place", ""), rule.extras.get("times", "")
        if place and times:
            label = _("Can you come to %(place)s (%(times)s)?") % {"place": place, "times": times}
        elif place:
            label = _("Can you come to %(place)s when asked?") % {"place": place}
        else:
            label = _("Can you come to a place the employer names, at set times, for example for training?")
        return _flag_question(fact, name, label, required)
    if key in ("computer_skills", "languages", "licenses"):
        values = list(rule.value)
        options = [(v, describe_value(req, [v], lang)) for v in values]
        labels = {
            "computer_skills": _("Which of these can you use confidently?"),
            "languages": _("Which of these languages do you speak well enough to serve customers?"),
            "licenses": _("Which of these licences or certifications do you hold?"),
        }
        return _choices_question(fact, name, labels[key], options, for_application)
    if key == "industry_knowledge":
        industry = str(rule.value)
        q = _flag_question(fact, name, _("Do you have experience in %(industry)s?") % {"industry": industry}, required)
        return Question(
            fact,
            q.fields,
            lambda d: None if not d.get(name) else ([industry] if d[name] == "yes" else []),
            lambda v: {name: "yes" if industry in (v or []) else "no"} if isinstance(v, list) else {},
        )
    if key == "computer_os":
        options = [("", "—")] + [
            (code, vocab.name_of(vocab.OPERATING_SYSTEMS, code, lang)) for code in vocab.OPERATING_SYSTEMS
        ]
        field = forms.ChoiceField(
            label=_("Which operating system does your computer run?"), choices=options, required=required
        )
        return Question(fact, {name: field}, lambda d: d.get(name) or None, lambda v: {name: v} if v else {})
    if key == "residency":
        fields: dict[str, forms.Field] = {
            f"{name}_country": forms.CharField(label=_("Country you live in"), max_length=100, required=required),
            f"{name}_region": forms.CharField(label=_("State or region"), max_length=100, required=False),
            f"{name}_city": forms.CharField(label=_("Town or city"), max_length=100, required=False),
            f"{name}_postcode": forms.CharField(label=_("Postcode"), max_length=20, required=False),
        }
        parts = ("country", "region", "city", "postcode")

        def collect(d: dict[str, Any]) -> Any:
            place = {part: (d.get(f"{name}_{part}") or "").strip() for part in parts}
            return {k: v for k, v in place.items() if v} or None

        return Question(
            fact, fields, collect, lambda v: {f"{name}_{k}": v.get(k, "") for k in parts} if isinstance(v, dict) else {}
        )
    if key == "availability":
        need = rule.value
        fields = {}
        if need.get("weekends"):
            fields[f"{name}_weekends"] = _yes_no(_("Can you work weekends?"), required)
        if need.get("nights"):
            fields[f"{name}_nights"] = _yes_no(_("Can you work night shifts?"), required)
        if need.get("hours_per_week"):
            fields[f"{name}_hours"] = forms.IntegerField(
                label=_("How many hours a week can you work?"), min_value=1, max_value=80, required=required
            )

        def collect_availability(d: dict[str, Any]) -> Any:
            offer: dict[str, Any] = {}
            for part in ("weekends", "nights"):
                answer = d.get(f"{name}_{part}")
                if answer:
                    offer[part] = answer == "yes"
            if d.get(f"{name}_hours"):
                offer["hours_per_week"] = int(d[f"{name}_hours"])
            return offer or None

        def spread_availability(v: Any) -> dict[str, Any]:
            if not isinstance(v, dict):
                return {}
            out: dict[str, Any] = {f"{name}_{p}": "yes" if v[p] else "no" for p in ("weekends", "nights") if p in v}
            if "hours_per_week" in v:
                out[f"{name}_hours"] = v["hours_per_week"]
            return out

        return Question(fact, fields, collect_availability, spread_availability)
    return None


def questions_for(profile: Profile, lang: str, *, for_application: bool) -> list[Question]:
    """Return the questions a profile needs answered, one per fact, in catalog order."""
    questions: list[Question] = []
    seen: set[str] = set()
    for rule in profile.rules:
        fact = rule.requirement.fact
        if fact is None or fact in seen:
            continue
        required = for_application and rule.level == "required"
        question = question_for(rule, lang, required, for_application)
        if question is not None:
            seen.add(fact)
            questions.append(question)
    return questions


def collect_facts(questions: list[Question], cleaned: dict[str, Any]) -> dict[str, Any]:
    """Turn a form's cleaned data into declared facts, leaving out what was not answered."""
    facts = {}
    for question in questions:
        value = question.collect(cleaned)
        if value is not None:
            facts[question.fact] = value
    return facts


def initial_from_facts(questions: list[Question], facts: dict[str, Any]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for question in questions:
        if question.fact in facts:
            initial.update(question.spread(facts[question.fact]))
    return initial
