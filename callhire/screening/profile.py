"""Job profiles: which catalog requirements one position applies, at what level and threshold.

A profile is a plain document (dict) that round-trips through JSON and YAML. `parse_profile`
validates one and returns a `Profile`; every problem is reported with the field it concerns.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

import yaml

from callhire.screening import catalog
from callhire.screening.catalog import CATALOG, LEVELS

SCHEMA_ID = "callhire/profile-1"
MAX_WEIGHT = 10


@dataclass(frozen=True)
class FieldError:
    """One problem in a profile document: where it is and why, in English and Malay."""

    path: str
    en: str
    ms: str

    def __str__(self) -> str:
        return f"{self.path}: {self.en}"


class ProfileError(ValueError):
    """A profile document that cannot be used; `errors` names every field at fault."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


@dataclass(frozen=True)
class Rule:
    """A catalog requirement as one profile applies it."""

    key: str
    level: str  # required or preferred
    value: Any
    weight: int = 1
    waived: bool = False
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def requirement(self) -> catalog.Requirement:
        return CATALOG[self.key]

    def status_key(self) -> str:
        """Return what decides a candidate's status under this rule (all but the weight)."""
        return json.dumps([self.key, self.level, self.value, self.waived, self.extras], sort_keys=True, default=str)

    def to_document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"level": self.level, "value": self.value}
        if self.level == "preferred" or self.weight != 1:
            doc["weight"] = self.weight
        if self.waived:
            doc["waived"] = True
        doc.update(self.extras)
        return doc


@dataclass(frozen=True)
class Profile:
    """A validated job profile."""

    title: str
    language: str
    job: dict[str, Any]
    rules: tuple[Rule, ...]

    def rule(self, key: str) -> Rule | None:
        for rule in self.rules:
            if rule.key == key:
                return rule
        return None

    @property
    def engagement(self) -> str:
        return str(self.job.get("employment_type", "employee"))

    @property
    def arrangement(self) -> str:
        return str(self.job.get("work_arrangement", "onsite"))

    def to_document(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "title": self.title,
            "language": self.language,
            "job": self.job,
            "requirements": {rule.key: rule.to_document() for rule in self.rules},
        }


def _err(errors: list[FieldError], path: str, en: str, ms: str) -> None:
    errors.append(FieldError(path, en, ms))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return _is_int(value) or (isinstance(value, float) and math.isfinite(value))


def _check_value(req: catalog.Requirement, value: Any, path: str, errors: list[FieldError]) -> None:
    kind = req.kind
    if kind in ("int", "number"):
        ok = _is_int(value) if kind == "int" else _is_number(value)
        if not ok:
            word_en, word_ms = ("a whole number", "nombor bulat") if kind == "int" else ("a number", "nombor")
            _err(errors, path, f"must be {word_en}", f"mestilah {word_ms}")
        elif (req.lo is not None and value < req.lo) or (req.hi is not None and value > req.hi):
            lo, hi = catalog.format_number(req.lo or 0), catalog.format_number(req.hi or 0)
            _err(errors, path, f"must be between {lo} and {hi}", f"mestilah antara {lo} dan {hi}")
    elif kind == "flag":
        if value is not True:
            _err(
                errors,
                path,
                "must be true (leave the requirement out to not ask it)",
                "mestilah true (tinggalkan keperluan ini jika tidak ditanya)",
            )
    elif kind == "choice":
        if not isinstance(value, str) or value not in req.choices:
            allowed = ", ".join(req.choices)
            _err(errors, path, f"must be one of {allowed}", f"mestilah salah satu daripada {allowed}")
    elif kind == "choices":
        if not isinstance(value, list) or not value:
            _err(errors, path, "must be a non-empty list", "mestilah senarai yang tidak kosong")
            return
        for i, item in enumerate(value):
            if not isinstance(item, str) or item not in req.choices:
                allowed = ", ".join(req.choices)
                _err(errors, f"{path}[{i}]", f"must be one of {allowed}", f"mestilah salah satu daripada {allowed}")
        if len(set(map(str, value))) != len(value):
            _err(errors, path, "lists an item twice", "menyenaraikan item yang sama dua kali")
    elif kind == "texts":
        if not isinstance(value, list) or not value:
            _err(errors, path, "must be a non-empty list", "mestilah senarai yang tidak kosong")
            return
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip() or len(item) > 200:
                _err(errors, f"{path}[{i}]", "must be text of 1 to 200 characters", "mestilah teks 1 hingga 200 aksara")
    elif kind == "text":
        if not isinstance(value, str) or not value.strip() or len(value) > 200:
            _err(errors, path, "must be text of 1 to 200 characters", "mestilah teks 1 hingga 200 aksara")
    elif kind == "availability":
        _check_availability(value, path, errors)


def _check_availability(value: Any, path: str, errors: list[FieldError]) -> None:
    if not isinstance(value, dict) or not value:
        _err(
            errors,
            path,
            "must say weekends, nights or hours_per_week",
            "mestilah menyatakan weekends, nights atau hours_per_week",
        )
        return
    for name, item in value.items():
        if name in ("weekends", "nights"):
            if not isinstance(item, bool):
                _err(errors, f"{path}.{name}", "must be true or false", "mestilah true atau false")
        elif name == "hours_per_week":
            if not _is_int(item) or not 1 <= item <= 80:
                _err(
                    errors,
                    f"{path}.{name}",
                    "must be a whole number from 1 to 80",
                    "mestilah nombor bulat dari 1 hingga 80",
                )
        else:
            _err(errors, f"{path}.{name}", "is not a field of availability", "bukan medan ketersediaan")


def _check_choice(value: Any, allowed: dict[str, Any] | tuple[str, ...], path: str, errors: list[FieldError]) -> None:
    if not isinstance(value, str) or value not in allowed:
        names = ", ".join(allowed)
        _err(errors, path, f"must be one of {names}", f"mestilah salah satu daripada {names}")


def _check_job(job: Any, errors: list[FieldError]) -> dict[str, Any]:
    if job is None:
        return {}
    if not isinstance(job, dict):
        _err(errors, "job", "must be a mapping", "mestilah pemetaan")
        return {}
    for name, value in job.items():
        path = f"job.{name}"
        if name == "work_arrangement":
            _check_choice(value, catalog.WORK_ARRANGEMENTS, path, errors)
        elif name == "employment_type":
            _check_choice(value, catalog.EMPLOYMENT_TYPES, path, errors)
        elif name == "hours":
            _check_choice(value, catalog.HOURS, path, errors)
        elif name == "fixed_term":
            if not isinstance(value, bool):
                _err(errors, path, "must be true or false", "mestilah true atau false")
        elif name == "pay":
            _check_pay(value, path, errors)
        elif name == "schedule":
            _check_schedule(value, path, errors)
        else:
            _err(errors, path, "is not a term of the job", "bukan syarat pekerjaan")
    return dict(job)


def _check_pay(pay: Any, path: str, errors: list[FieldError]) -> None:
    if not isinstance(pay, dict):
        _err(
            errors,
            path,
            "must be a mapping with min, max, currency and period",
            "mestilah pemetaan dengan min, max, currency dan period",
        )
        return
    for name in pay:
        if name not in ("min", "max", "currency", "period"):
            _err(errors, f"{path}.{name}", "is not a field of pay", "bukan medan gaji")
    for name in ("min", "max"):
        if name in pay and (not _is_number(pay[name]) or pay[name] < 0):
            _err(errors, f"{path}.{name}", "must be a number of 0 or more", "mestilah nombor 0 atau lebih")
    if "min" not in pay and "max" not in pay:
        _err(errors, path, "needs min or max", "memerlukan min atau max")
    low: Any = pay.get("min")
    high: Any = pay.get("max")
    if _is_number(low) and _is_number(high) and low > high:
        _err(errors, f"{path}.max", "must not be below min", "tidak boleh kurang daripada min")
    currency = pay.get("currency")
    if not (
        isinstance(currency, str)
        and len(currency) == 3
        and currency.isascii()
        and currency.isalpha()
        and currency.isupper()
    ):
        _err(
            errors,
            f"{path}.currency",
            "must be a three-letter ISO 4217 code such as MYR or USD",
            "mestilah kod ISO 4217 tiga huruf seperti MYR atau USD",
        )
    _check_choice(pay.get("period"), catalog.PAY_PERIODS, f"{path}.period", errors)


def _check_schedule(schedule: Any, path: str, errors: list[FieldError]) -> None:
    if not isinstance(schedule, dict):
        _err(errors, path, "must be a mapping", "mestilah pemetaan")
        return
    for name, value in schedule.items():
        sub = f"{path}.{name}"
        if name == "shifts":
            if not isinstance(value, list) or not value:
                _err(errors, sub, "must be a non-empty list", "mestilah senarai yang tidak kosong")
            else:
                for i, item in enumerate(value):
                    _check_choice(item, catalog.SHIFTS, f"{sub}[{i}]", errors)
        elif name in ("weekends", "nights"):
            if not isinstance(value, bool):
                _err(errors, sub, "must be true or false", "mestilah true atau false")
        elif name == "hours_per_week":
            if not _is_int(value) or not 1 <= value <= 80:
                _err(errors, sub, "must be a whole number from 1 to 80", "mestilah nombor bulat dari 1 hingga 80")
        elif name == "notes":
            if not isinstance(value, str) or len(value) > 500:
                _err(errors, sub, "must be text of at most 500 characters", "mestilah teks paling banyak 500 aksara")
        else:
            _err(errors, sub, "is not a field of the schedule", "bukan medan jadual")


def _parse_rule(key: str, spec: Any, engagement: str, errors: list[FieldError]) -> Rule | None:
    path = f"requirements.{key}"
    req = CATALOG.get(key)
    if req is None:
        _err(errors, path, "is not a requirement in the catalog", "bukan keperluan dalam katalog")
        return None
    if not isinstance(spec, dict):
        _err(errors, path, "must be a mapping with level and value", "mestilah pemetaan dengan level dan value")
        return None
    level = spec.get("level", "required")
    if level not in LEVELS:
        _err(
            errors,
            f"{path}.level",
            "must be required, preferred or not_asked",
            "mestilah required, preferred atau not_asked",
        )
        return None
    if level == "not_asked":
        return None
    value = spec.get("value", req.default_value if req.kind == "flag" else None)
    if value is None:
        _err(errors, f"{path}.value", "is missing", "tiada")
    else:
        _check_value(req, value, f"{path}.value", errors)
    weight = spec.get("weight", 1)
    if not _is_int(weight) or not 1 <= weight <= MAX_WEIGHT:
        _err(
            errors,
            f"{path}.weight",
            f"must be a whole number from 1 to {MAX_WEIGHT}",
            f"mestilah nombor bulat dari 1 hingga {MAX_WEIGHT}",
        )
    waived = spec.get("waived", False)
    if not isinstance(waived, bool):
        _err(errors, f"{path}.waived", "must be true or false", "mestilah true atau false")
    elif waived and engagement not in req.waivable_for:
        names = catalog.EMPLOYMENT_TYPES.get(engagement)
        if names is None:
            _err(errors, f"{path}.waived", "cannot be waived", "tidak boleh dikecualikan")
        else:
            article = "an" if names[0][0] in "aeiou" else "a"
            _err(
                errors,
                f"{path}.waived",
                f"cannot be waived for {article} {names[0]} position",
                f"tidak boleh dikecualikan bagi jawatan {names[1]}",
            )
    extras: dict[str, Any] = {}
    for name, item in spec.items():
        if name in ("level", "value", "weight", "waived"):
            continue
        if name not in req.extras:
            _err(errors, f"{path}.{name}", "is not a setting of this requirement", "bukan tetapan keperluan ini")
            continue
        allowed = req.extras[name]
        if allowed:
            _check_choice(item, allowed, f"{path}.{name}", errors)
        elif not isinstance(item, str) or len(item) > 200:
            _err(
                errors,
                f"{path}.{name}",
                "must be text of at most 200 characters",
                "mestilah teks paling banyak 200 aksara",
            )
        extras[name] = item
    return Rule(key, level, value, weight if _is_int(weight) else 1, waived is True, extras)


def parse_profile(doc: Any) -> Profile:
    """Validate a profile document and return the Profile; raise ProfileError naming every fault."""
    errors: list[FieldError] = []
    if not isinstance(doc, dict):
        raise ProfileError([FieldError("(document)", "must be a mapping", "mestilah pemetaan")])
    for name in doc:
        if name not in ("schema", "title", "language", "job", "requirements"):
            _err(errors, str(name), "is not a field of a profile", "bukan medan profil")
    schema = doc.get("schema", SCHEMA_ID)
    if schema != SCHEMA_ID:
        _err(errors, "schema", f"must be {SCHEMA_ID}", f"mestilah {SCHEMA_ID}")
    title = doc.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > 200:
        _err(errors, "title", "must be text of 1 to 200 characters", "mestilah teks 1 hingga 200 aksara")
        title = ""
    language = doc.get("language", "en")
    if language not in ("en", "ms"):
        _err(errors, "language", "must be en or ms", "mestilah en atau ms")
    job = _check_job(doc.get("job"), errors)
    engagement = job.get("employment_type", "employee")
    requirements = doc.get("requirements", {})
    rules: list[Rule] = []
    if not isinstance(requirements, dict):
        _err(errors, "requirements", "must be a mapping of requirement keys", "mestilah pemetaan kunci keperluan")
    else:
        for key, spec in requirements.items():
            rule = _parse_rule(str(key), spec, str(engagement), errors)
            if rule is not None:
                rules.append(rule)
    if errors:
        raise ProfileError(errors)
    order = list(CATALOG)
    rules.sort(key=lambda r: order.index(r.key))
    return Profile(title.strip(), str(language), job, tuple(rules))


def new_profile(title: str, arrangement: str = "onsite", engagement: str = "employee") -> Profile:
    """Return a starter profile with the catalog's default levels for that kind of job."""
    requirements: dict[str, Any] = {}
    for req in CATALOG.values():
        level = req.default_level(arrangement, engagement)
        if level == "not_asked":
            continue
        spec: dict[str, Any] = {"level": level, "value": req.default_value}
        if req.default_waived(arrangement, engagement):
            spec["waived"] = True
        requirements[req.key] = spec
    job = {"work_arrangement": arrangement, "employment_type": engagement}
    return parse_profile({"schema": SCHEMA_ID, "title": title, "job": job, "requirements": requirements})


def load_profile(text: str, filename: str = "") -> Profile:
    """Parse YAML or JSON text (JSON is YAML too) into a validated Profile."""
    try:
        if filename.endswith(".json"):
            doc = json.loads(text)
        else:
            doc = yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(
            [FieldError(f"line {exc.lineno}", f"not valid JSON: {exc.msg}", f"bukan JSON yang sah: {exc.msg}")]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(document)"
        problem = getattr(exc, "problem", None) or "syntax error"
        raise ProfileError(
            [FieldError(where, f"not valid YAML: {problem}", f"bukan YAML yang sah: {problem}")]
        ) from None
    return parse_profile(doc)


def dump_profile(profile: Profile, fmt: str = "yaml") -> str:
    """Write a profile as YAML or JSON."""
    doc = profile.to_document()
    if fmt == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a profile document, built from the catalog."""
    requirements: dict[str, Any] = {}
    for req in CATALOG.values():
        props: dict[str, Any] = {
            "level": {"enum": list(LEVELS)},
            "value": _value_schema(req),
            "weight": {"type": "integer", "minimum": 1, "maximum": MAX_WEIGHT},
        }
        # As parse_profile: any requirement may say waived: false, only a waivable one true.
        props["waived"] = {"type": "boolean"} if req.waivable_for else {"const": False}
        for name, allowed in req.extras.items():
            props[name] = {"enum": list(allowed)} if allowed else {"type": "string", "maxLength": 200}
        requirements[req.key] = {
            "type": "object",
            "title": req.label[0],
            "description": req.help[0],
            "properties": props,
            "additionalProperties": False,
        }
    pay = {
        "type": "object",
        "properties": {
            "min": {"type": "number", "minimum": 0},
            "max": {"type": "number", "minimum": 0},
            "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
            "period": {"enum": list(catalog.PAY_PERIODS)},
        },
        "required": ["currency", "period"],
        "additionalProperties": False,
    }
    schedule = {
        "type": "object",
        "properties": {
            "shifts": {"type": "array", "minItems": 1, "items": {"enum": list(catalog.SHIFTS)}},
            "weekends": {"type": "boolean"},
            "nights": {"type": "boolean"},
            "hours_per_week": {"type": "integer", "minimum": 1, "maximum": 80},
            "notes": {"type": "string", "maxLength": 500},
        },
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://callhire.org/schemas/profile-1.json",
        "title": "callhire job profile",
        "type": "object",
        "required": ["title"],
        "additionalProperties": False,
        "properties": {
            "schema": {"const": SCHEMA_ID},
            "title": {"type": "string", "minLength": 1, "maxLength": 200},
            "language": {"enum": ["en", "ms"]},
            "job": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "work_arrangement": {"enum": list(catalog.WORK_ARRANGEMENTS)},
                    "employment_type": {"enum": list(catalog.EMPLOYMENT_TYPES)},
                    "hours": {"enum": list(catalog.HOURS)},
                    "fixed_term": {"type": "boolean"},
                    "pay": pay,
                    "schedule": schedule,
                },
            },
            "requirements": {
                "type": "object",
                "additionalProperties": False,
                "properties": requirements,
            },
        },
    }


def _value_schema(req: catalog.Requirement) -> dict[str, Any]:
    if req.kind in ("int", "number"):
        schema: dict[str, Any] = {"type": "integer" if req.kind == "int" else "number"}
        if req.lo is not None:
            schema["minimum"] = req.lo
        if req.hi is not None:
            schema["maximum"] = req.hi
        return schema
    if req.kind == "flag":
        return {"const": True}
    if req.kind == "choice":
        return {"enum": list(req.choices)}
    if req.kind == "choices":
        return {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(req.choices)}}
    if req.kind == "texts":
        return {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1, "maxLength": 200}}
    if req.kind == "text":
        return {"type": "string", "minLength": 1, "maxLength": 200}
    return {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": False,
        "properties": {
            "weekends": {"type": "boolean"},
            "nights": {"type": "boolean"},
            "hours_per_week": {"type": "integer", "minimum": 1, "maximum": 80},
        },
    }
