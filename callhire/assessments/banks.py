"""Item banks: load the YAML files in `banks/`, validate them and show items to candidates.

Each section (typing, skills, judgement, work style, voice, sample call) is one file, `<section>.yaml`. The format
is described in docs/assessments.md. Loading always validates: a bank that loads is complete
(both languages, answer keys that exist, practice items). The first problem found raises a
`BankError` naming the file, the item and the reason.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

SECTIONS = ("typing", "skills", "judgement", "work_style", "voice", "sample_call")
LANGS = ("en", "ms")
BANKS_DIR = Path(__file__).resolve().parent / "banks"

SKILL_AREAS = ("math", "writing", "computer")
SKILL_KINDS = ("choice", "number", "written")
RUBRIC_CHECKS = ("keywords", "length", "all_caps")
SCALE_VALUES = (1, 2, 3, 4, 5)
TYPING_MINUTES = (1, 3)  # the issue: a typing test lasts 1 to 3 minutes
# A read-aloud script is a line or two an agent says; a caller's answer is capped so a recording stays small.
SCRIPT_WORDS = (5, 60)
ANSWER_SECONDS = (10, 120)

# Sections whose items are each in one language (the candidate gets the ones in theirs).
ONE_LANGUAGE_SECTIONS = ("typing", "voice", "sample_call")

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

TOP_FIELDS = {"section", "minutes", "instructions", "items", "scale", "traits", "consistency"}
ITEM_FIELDS: dict[str, set[str]] = {
    "typing": {"id", "practice", "lang", "text"},
    "skills": {
        "id",
        "practice",
        "area",
        "kind",
        "prompt",
        "options",
        "answer",
        "tolerance",
        "unit",
        "email",
        "min_words",
        "max_words",
        "rubric",
    },
    "judgement": {"id", "practice", "topic", "prompt", "responses", "best", "worst"},
    "work_style": {"id", "practice", "trait", "reverse", "text"},
    "voice": {"id", "practice", "lang", "script"},
    "sample_call": {"id", "practice", "lang", "title", "context", "turns"},
}
TURN_FIELDS = {"customer", "keywords", "rubric", "max_seconds"}
RUBRIC_FIELDS = {"id", "label", "points", "check", "groups", "start_words", "end_words"}


class BankError(ValueError):
    """The first problem in an item bank: the file, the item (None for the file as a whole) and why."""

    def __init__(self, file: str | Path, item_id: str | None, reason: str):
        self.file = str(file)
        self.item_id = item_id
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.item_id is None:
            return f"{self.file}: {self.reason}"
        return f"{self.file}: item {self.item_id}: {self.reason}"


@dataclass(frozen=True)
class Item:
    """One item of a bank. `data` is the raw mapping from the file (answer keys included)."""

    id: str
    practice: bool
    data: dict[str, Any] = field(repr=False, compare=False)


@dataclass
class Bank:
    """One validated section bank."""

    section: str
    minutes: int
    instructions: dict[str, str]
    items: list[Item]
    path: Path
    data: dict[str, Any] = field(repr=False)

    def practice_items(self) -> list[Item]:
        return [item for item in self.items if item.practice]

    def scored_items(self) -> list[Item]:
        return [item for item in self.items if not item.practice]

    def get(self, item_id: str) -> Item:
        """The item with this id; KeyError if there is none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def shuffled(self, seed: int | str | None = None) -> list[Item]:
        """The scored items in random order; the same seed (say, the attempt id) gives the same order."""
        items = self.scored_items()
        random.Random(seed).shuffle(items)
        return items

    def passages(self, lang: str) -> list[Item]:
        """Typing, voice, sample call: the scored items in `lang` (practice ones are in practice_items())."""
        if self.section not in ONE_LANGUAGE_SECTIONS:
            raise ValueError(f"passages() is for the typing bank, not {self.section}")
        _check_lang(lang)
        return [item for item in self.scored_items() if item.data["lang"] == lang]

    @property
    def traits(self) -> dict[str, dict[str, str]]:
        """Work style only: trait id -> its name in each language."""
        return dict(self.data.get("traits") or {})

    @property
    def consistency(self) -> list[tuple[str, str]]:
        """Work style only: the consistency pairs (item ids)."""
        return [(a, b) for a, b in self.data.get("consistency") or []]

    def public_item(self, item: Item, lang: str) -> dict[str, Any]:
        """What a candidate's page may show: texts in `lang`; never answer keys, rubrics, traits or reverse flags."""
        _check_lang(lang)
        d = item.data
        out: dict[str, Any] = {"id": item.id, "practice": item.practice}
        if self.section == "typing":
            out.update(lang=d["lang"], text=d["text"])
        elif self.section == "skills":
            out.update(area=d["area"], kind=d["kind"], prompt=d["prompt"][lang])
            if d["kind"] == "choice":
                out["options"] = [{"id": o["id"], "text": o["text"][lang]} for o in d["options"]]
            elif d["kind"] == "number":
                out["unit"] = d["unit"][lang] if d.get("unit") else ""
            else:
                out.update(email=d["email"][lang], min_words=d["min_words"], max_words=d["max_words"])
        elif self.section == "judgement":
            out.update(
                prompt=d["prompt"][lang],
                responses=[{"id": r["id"], "text": r["text"][lang]} for r in d["responses"]],
            )
        elif self.section == "voice":
            out.update(lang=d["lang"], script=d["script"])
        elif self.section == "sample_call":
            out.update(
                lang=d["lang"],
                title=d["title"],
                context=d["context"],
                # The customer's words are shown only on request (for candidates who cannot hear them);
                # keywords and rubric stay with the recruiter.
                turns=[
                    {"turn": n, "customer": t["customer"], "max_seconds": t["max_seconds"]}
                    for n, t in enumerate(d["turns"], 1)
                ],
            )
        else:
            out.update(
                text=d["text"][lang],
                scale=[{"value": s["value"], "label": s["label"][lang]} for s in self.data["scale"]],
            )
        return out


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")


# Reading YAML -------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys (plain PyYAML keeps the last one silently)."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BankError(path, None, "no such file") from None
    except UnicodeDecodeError:
        raise BankError(path, None, "not UTF-8 text") from None
    except OSError as exc:
        raise BankError(path, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise BankError(path, None, f"YAML syntax error at {where}{exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise BankError(path, None, f"YAML syntax error: {exc}") from None


# Validation ---------------------------------------------------------------------------------


class _Checker:
    """Validates one bank document; `fail` raises the BankError for the current file."""

    def __init__(self, path: Path, section: str):
        self.path = path
        self.section = section
        self.trait_ids: list[str] = []  # set from the work-style header before the items are checked

    def fail(self, item_id: str | None, reason: str) -> NoReturn:
        raise BankError(self.path, item_id, reason)

    def texts(self, item_id: str | None, value: Any, what: str) -> dict[str, str]:
        """A {en, ms} mapping with both languages present and non-empty."""
        if not isinstance(value, dict):
            self.fail(item_id, f"{what} must give the text in each language (en: ..., ms: ...)")
        for lang in LANGS:
            text = value.get(lang)
            if text is None:
                self.fail(item_id, f"{what}: missing language {lang!r}")
            if not isinstance(text, str) or not text.strip():
                self.fail(item_id, f"{what}: the {lang!r} text is empty")
        extra = sorted(set(value) - set(LANGS), key=str)
        if extra:
            self.fail(item_id, f"{what}: unknown language {extra[0]!r}; use {' and '.join(LANGS)}")
        return {lang: value[lang].strip() for lang in LANGS}

    def required(self, item_id: str | None, data: dict[str, Any], name: str) -> Any:
        if name not in data or data[name] is None:
            self.fail(item_id, f"missing field {name!r}")
        return data[name]

    def ident(self, item_id: str | None, value: Any, what: str) -> str:
        if not isinstance(value, str | int) or isinstance(value, bool) or not ID_RE.match(str(value)):
            self.fail(item_id, f"{what} {value!r} must be lowercase letters, digits, '-' or '_'")
        return str(value)

    def choices(self, item_id: str, data: dict[str, Any], name: str, minimum: int) -> list[str]:
        """A list of {id, text: {en, ms}} options; returns their ids."""
        options = self.required(item_id, data, name)
        if not isinstance(options, list) or len(options) < minimum:
            self.fail(item_id, f"{name!r} must be a list of at least {minimum} entries")
        ids: list[str] = []
        for n, option in enumerate(options, 1):
            if not isinstance(option, dict):
                self.fail(item_id, f"{name} #{n} must be a mapping with id and text")
            unknown = sorted(set(option) - {"id", "text"})
            if unknown:
                self.fail(item_id, f"{name} #{n}: unknown field {unknown[0]!r}")
            oid = self.ident(item_id, self.required(item_id, option, "id"), f"{name} id")
            if oid in ids:
                self.fail(item_id, f"duplicate {name} id {oid!r}")
            ids.append(oid)
            self.texts(item_id, self.required(item_id, option, "text"), f"{name} {oid!r}")
        return ids

    def key(self, item_id: str, data: dict[str, Any], name: str, ids: list[str]) -> str:
        value = self.required(item_id, data, name)
        if str(value) not in ids:
            self.fail(item_id, f"{name} {value!r} is not one of the ids {', '.join(ids)}")
        return str(value)

    def positive_int(self, item_id: str | None, data: dict[str, Any], name: str) -> int:
        value = self.required(item_id, data, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.fail(item_id, f"{name!r} must be a whole number of at least 1, not {value!r}")
        return int(value)

    # The document ---------------------------------------------------------------------------

    def document(self, doc: Any) -> Bank:
        if not isinstance(doc, dict):
            self.fail(None, "the file must be a mapping with section, minutes, instructions and items")
        unknown = sorted(set(doc) - TOP_FIELDS, key=str)
        if unknown:
            self.fail(None, f"unknown field {unknown[0]!r}")
        section = self.required(None, doc, "section")
        if section != self.section:
            self.fail(None, f"section is {section!r} but this file holds the {self.section!r} bank")
        minutes = self.positive_int(None, doc, "minutes")
        if section == "typing" and not TYPING_MINUTES[0] <= minutes <= TYPING_MINUTES[1]:
            self.fail(None, f"the typing test lasts {TYPING_MINUTES[0]} to {TYPING_MINUTES[1]} minutes, not {minutes}")
        instructions = self.texts(None, self.required(None, doc, "instructions"), "instructions")
        if section == "work_style":
            self.work_style_header(doc)
        raw_items = self.required(None, doc, "items")
        if not isinstance(raw_items, list) or not raw_items:
            self.fail(None, "'items' must be a non-empty list")
        items: list[Item] = []
        seen: set[str] = set()
        for n, raw in enumerate(raw_items, 1):
            label = f"#{n}"
            if not isinstance(raw, dict):
                self.fail(label, "an item must be a mapping of fields")
            item_id = self.ident(label, self.required(label, raw, "id"), "id")
            if item_id in seen:
                self.fail(item_id, "duplicate id")
            seen.add(item_id)
            unknown = sorted(set(raw) - ITEM_FIELDS[section], key=str)
            if unknown:
                self.fail(item_id, f"unknown field {unknown[0]!r}")
            practice = raw.get("practice", False)
            if not isinstance(practice, bool):
                self.fail(item_id, f"'practice' must be true or false, not {practice!r}")
            raw["id"] = item_id
            getattr(self, section)(item_id, raw)
            items.append(Item(id=item_id, practice=practice, data=raw))
        bank = Bank(section, minutes, instructions, items, self.path, doc)
        self.whole_bank(bank)
        return bank

    def whole_bank(self, bank: Bank) -> None:
        if not bank.practice_items():
            self.fail(None, "no practice item: mark at least one item 'practice: true'")
        if not bank.scored_items():
            self.fail(None, "every item is a practice item; the section needs scored items")
        if bank.section in ONE_LANGUAGE_SECTIONS:
            what = {"typing": "typing passage", "voice": "script", "sample_call": "call"}[bank.section]
            for lang in LANGS:
                langs = [i for i in bank.items if i.data["lang"] == lang]
                if not any(not i.practice for i in langs):
                    self.fail(None, f"no scored {what} in {lang!r}")
                if not any(i.practice for i in langs):
                    self.fail(None, f"no practice {what} in {lang!r}")
        if bank.section == "work_style":
            self.work_style_bank(bank)

    # Sections -------------------------------------------------------------------------------

    def typing(self, item_id: str, d: dict[str, Any]) -> None:
        lang = self.required(item_id, d, "lang")
        if lang not in LANGS:
            self.fail(item_id, f"lang {lang!r} must be one of {', '.join(LANGS)}")
        text = self.required(item_id, d, "text")
        if not isinstance(text, str) or not text.strip():
            self.fail(item_id, "the passage text is empty")
        if "\t" in text:
            self.fail(item_id, "the passage contains a tab; use spaces")
        d["text"] = " ".join(text.split())  # one line, single spaces: what the candidate sees and types

    def lang(self, item_id: str, d: dict[str, Any]) -> str:
        lang = self.required(item_id, d, "lang")
        if lang not in LANGS:
            self.fail(item_id, f"lang {lang!r} must be one of {', '.join(LANGS)}")
        return str(lang)

    def one_text(self, item_id: str, d: dict[str, Any], name: str) -> str:
        """A text in the item's one language, folded to single spaces."""
        text = self.required(item_id, d, name)
        if not isinstance(text, str) or not text.strip():
            self.fail(item_id, f"{name!r} must be a non-empty text")
        d[name] = " ".join(text.split())
        return d[name]

    def voice(self, item_id: str, d: dict[str, Any]) -> None:
        self.lang(item_id, d)
        words = len(self.one_text(item_id, d, "script").split())
        if not SCRIPT_WORDS[0] <= words <= SCRIPT_WORDS[1]:
            self.fail(item_id, f"a script has {SCRIPT_WORDS[0]} to {SCRIPT_WORDS[1]} words, not {words}")

    def sample_call(self, item_id: str, d: dict[str, Any]) -> None:
        self.lang(item_id, d)
        self.one_text(item_id, d, "title")
        self.one_text(item_id, d, "context")
        turns = self.required(item_id, d, "turns")
        least = 1 if d.get("practice") else 2
        if not isinstance(turns, list) or len(turns) < least:
            self.fail(item_id, f"'turns' must list at least {least} customer turns")
        for n, turn in enumerate(turns, 1):
            what = f"turn {n}"
            if not isinstance(turn, dict):
                self.fail(item_id, f"{what} must be a mapping with customer, keywords, rubric, max_seconds")
            unknown = sorted(set(turn) - TURN_FIELDS, key=str)
            if unknown:
                self.fail(item_id, f"{what}: unknown field {unknown[0]!r}")
            for name in ("customer", "rubric"):
                value = self.required(item_id, turn, name)
                if not isinstance(value, str) or not value.strip():
                    self.fail(item_id, f"{what}: {name!r} must be a non-empty text")
                turn[name] = " ".join(value.split())
            keywords = self.required(item_id, turn, "keywords")
            if not isinstance(keywords, list) or not keywords:
                self.fail(item_id, f"{what}: 'keywords' must be a non-empty list")
            if not all(isinstance(k, str) and k.strip() and k.strip() != "*" for k in keywords):
                self.fail(item_id, f"{what}: every keyword must be non-empty text")
            turn["keywords"] = [k.strip() for k in keywords]
            seconds = self.positive_int(item_id, turn, "max_seconds")
            if not ANSWER_SECONDS[0] <= seconds <= ANSWER_SECONDS[1]:
                self.fail(item_id, f"{what}: max_seconds is {ANSWER_SECONDS[0]} to {ANSWER_SECONDS[1]}, not {seconds}")

    def skills(self, item_id: str, d: dict[str, Any]) -> None:
        area = self.required(item_id, d, "area")
        if area not in SKILL_AREAS:
            self.fail(item_id, f"area {area!r} must be one of {', '.join(SKILL_AREAS)}")
        kind = self.required(item_id, d, "kind")
        if kind not in SKILL_KINDS:
            self.fail(item_id, f"kind {kind!r} must be one of {', '.join(SKILL_KINDS)}")
        d["prompt"] = self.texts(item_id, self.required(item_id, d, "prompt"), "prompt")
        allowed = {
            "choice": {"options", "answer"},
            "number": {"answer", "tolerance", "unit"},
            "written": {"email", "min_words", "max_words", "rubric"},
        }[kind]
        others = (ITEM_FIELDS["skills"] - {"id", "practice", "area", "kind", "prompt"}) - allowed
        present = sorted(others & set(d))
        if present:
            self.fail(item_id, f"field {present[0]!r} does not belong to a {kind} item")
        if kind == "choice":
            ids = self.choices(item_id, d, "options", 2)
            d["answer"] = self.key(item_id, d, "answer", ids)
        elif kind == "number":
            answer = self.required(item_id, d, "answer")
            if not isinstance(answer, int | float) or isinstance(answer, bool):
                self.fail(item_id, f"a number item's answer must be a number, not {answer!r}")
            tolerance = d.setdefault("tolerance", 0)
            if not isinstance(tolerance, int | float) or isinstance(tolerance, bool) or tolerance < 0:
                self.fail(item_id, f"tolerance must be a number of at least 0, not {tolerance!r}")
            if d.get("unit") is not None:
                d["unit"] = self.texts(item_id, d["unit"], "unit")
        else:
            self.written(item_id, d)

    def written(self, item_id: str, d: dict[str, Any]) -> None:
        d["email"] = self.texts(item_id, self.required(item_id, d, "email"), "email")
        low = self.positive_int(item_id, d, "min_words")
        high = self.positive_int(item_id, d, "max_words")
        if low > high:
            self.fail(item_id, f"min_words ({low}) is more than max_words ({high})")
        rubric = self.required(item_id, d, "rubric")
        if not isinstance(rubric, list) or not rubric:
            self.fail(item_id, "'rubric' must be a non-empty list of criteria")
        seen: set[str] = set()
        total = 0
        for n, crit in enumerate(rubric, 1):
            if not isinstance(crit, dict):
                self.fail(item_id, f"rubric #{n} must be a mapping")
            cid = self.ident(item_id, self.required(item_id, crit, "id"), f"rubric #{n} id")
            what = f"rubric {cid!r}"
            if cid in seen:
                self.fail(item_id, f"duplicate rubric id {cid!r}")
            seen.add(cid)
            unknown = sorted(set(crit) - RUBRIC_FIELDS, key=str)
            if unknown:
                self.fail(item_id, f"{what}: unknown field {unknown[0]!r}")
            crit["label"] = self.texts(item_id, self.required(item_id, crit, "label"), f"{what} label")
            points = self.required(item_id, crit, "points")
            if not isinstance(points, int) or isinstance(points, bool) or points == 0:
                self.fail(item_id, f"{what}: points must be a whole number other than 0 (negative for a penalty)")
            total += max(points, 0)
            check = self.required(item_id, crit, "check")
            if check not in RUBRIC_CHECKS:
                self.fail(item_id, f"{what}: check {check!r} must be one of {', '.join(RUBRIC_CHECKS)}")
            if check == "length" and points < 0:
                self.fail(item_id, f"{what}: a length check rewards a reply within bounds; give it positive points")
            if check == "all_caps" and points > 0:
                self.fail(item_id, f"{what}: an all_caps check is a penalty; give it negative points")
            if check == "keywords":
                groups = self.required(item_id, crit, "groups")
                if not isinstance(groups, list) or not groups:
                    self.fail(item_id, f"{what}: 'groups' must be a non-empty list of keyword groups")
                for g, group in enumerate(groups, 1):
                    if not isinstance(group, dict):
                        self.fail(item_id, f"{what}: group {g} must give keywords per language (en: [...], ms: [...])")
                    for lang in LANGS:
                        words = group.get(lang)
                        if not isinstance(words, list) or not words:
                            self.fail(item_id, f"{what}: group {g}: missing language {lang!r}")
                        if not all(isinstance(w, str) and w.strip() and w.strip() != "*" for w in words):
                            self.fail(item_id, f"{what}: group {g}: {lang!r} keywords must be non-empty text")
                    extra = sorted(set(group) - set(LANGS), key=str)
                    if extra:
                        self.fail(item_id, f"{what}: group {g}: unknown language {extra[0]!r}")
                for name in ("start_words", "end_words"):
                    if name in crit:
                        self.positive_int(item_id, crit, name)
            else:
                stray = sorted({"groups", "start_words", "end_words"} & set(crit))
                if stray:
                    self.fail(item_id, f"{what}: field {stray[0]!r} does not belong to a {check} check")
        if total <= 0:
            self.fail(item_id, "the rubric has no criterion worth positive points")

    def judgement(self, item_id: str, d: dict[str, Any]) -> None:
        topic = self.required(item_id, d, "topic")
        self.ident(item_id, topic, "topic")
        d["prompt"] = self.texts(item_id, self.required(item_id, d, "prompt"), "prompt")
        ids = self.choices(item_id, d, "responses", 3)
        best = self.key(item_id, d, "best", ids)
        worst = self.key(item_id, d, "worst", ids)
        if best == worst:
            self.fail(item_id, f"best and worst are the same response {best!r}")
        d["best"], d["worst"] = best, worst

    def work_style_header(self, doc: dict[str, Any]) -> None:
        scale = self.required(None, doc, "scale")
        if not isinstance(scale, list) or [s.get("value") if isinstance(s, dict) else None for s in scale] != list(
            SCALE_VALUES
        ):
            self.fail(None, "'scale' must list the values 1, 2, 3, 4, 5 in order, each with a label")
        for s in scale:
            s["label"] = self.texts(None, self.required(None, s, "label"), f"scale {s['value']} label")
        traits = self.required(None, doc, "traits")
        if not isinstance(traits, dict) or not traits:
            self.fail(None, "'traits' must map each trait id to its name (en, ms)")
        for trait, names in traits.items():
            self.ident(None, trait, "trait")
            traits[trait] = self.texts(None, names, f"trait {trait!r}")
        self.trait_ids = [str(t) for t in traits]

    def work_style(self, item_id: str, d: dict[str, Any]) -> None:
        d["text"] = self.texts(item_id, self.required(item_id, d, "text"), "text")
        reverse = d.setdefault("reverse", False)
        if not isinstance(reverse, bool):
            self.fail(item_id, f"'reverse' must be true or false, not {reverse!r}")
        if d.get("practice") and "trait" not in d:
            return  # a practice statement needs no trait: it is never scored
        trait = self.required(item_id, d, "trait")
        if trait not in self.trait_ids:
            self.fail(item_id, f"unknown trait {trait!r}; the file's traits are {', '.join(self.trait_ids)}")

    def work_style_bank(self, bank: Bank) -> None:
        items = {i.id: i for i in bank.scored_items()}
        for trait in bank.traits:
            mine = [i for i in items.values() if i.data.get("trait") == trait]
            if not mine:
                self.fail(None, f"trait {trait!r} has no scored item")
            if not any(i.data["reverse"] for i in mine):
                self.fail(None, f"trait {trait!r} has no reverse-keyed item")
        pairs = bank.data.get("consistency")
        if not isinstance(pairs, list) or not pairs:
            self.fail(None, "'consistency' must list pairs of item ids, such as [pat-1, pat-2]")
        for n, pair in enumerate(pairs, 1):
            if not isinstance(pair, list) or len(pair) != 2:
                self.fail(None, f"consistency pair #{n} must be a list of two item ids")
            a, b = (str(x) for x in pair)
            for x in (a, b):
                if x not in items:
                    self.fail(x, f"consistency pair #{n} names an item that is not a scored item of this bank")
            if a == b:
                self.fail(a, f"consistency pair #{n} pairs the item with itself")
            if items[a].data["trait"] != items[b].data["trait"]:
                self.fail(a, f"consistency pair #{n}: {a} and {b} measure different traits")
            if items[a].data["reverse"] == items[b].data["reverse"]:
                self.fail(a, f"consistency pair #{n}: exactly one of {a} and {b} must be reverse-keyed")
            pair[:] = [a, b]


def load_bank(section: str, directory: Path | str | None = None) -> Bank:
    """Load and validate `<directory>/<section>.yaml` (default: the banks shipped with callhire)."""
    if section not in SECTIONS:
        raise ValueError(f"unknown section {section!r}; use one of {', '.join(SECTIONS)}")
    path = (Path(directory) if directory is not None else BANKS_DIR) / f"{section}.yaml"
    return _Checker(path, section).document(_read_yaml(path))


def validate_dir(directory: Path | str | None = None) -> dict[str, Bank]:
    """Validate every section's bank in `directory`; return them, or raise the first BankError."""
    base = Path(directory) if directory is not None else BANKS_DIR
    if not base.is_dir():
        raise BankError(base, None, "no such folder")
    return {section: load_bank(section, base) for section in SECTIONS}
