"""The posting reader: text in, requirement items with levels and evidence out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from callhire.postings.reader.lang import PACKS
from callhire.postings.reader.model import LABEL_KEYS, Evidence, Extraction, Flag, Item, ReaderError
from callhire.postings.reader.rules import Rules, narrow, rules, rx
from callhire.postings.reader.text import Doc, Segmenter, Sentence

MAX_TEXT_CHARS = 1_000_000

EDUCATION_RANK = {"none": 0, "high_school": 1, "some_college": 2, "associate": 3, "bachelor": 4}
EXPERIENCE_KEYS = ("customer_service_experience_months", "call_center_experience_months", "sales_experience_months")
# when a posting accepts one field *or* another, the broadest field is the requirement
EXPERIENCE_BREADTH = ("customer_service_experience_months", "sales_experience_months", "call_center_experience_months")
LIST_KEYS = ("languages", "computer_skills", "licenses", "assessments", "equipment", "residency")
JOB_KEYS = ("work_arrangement", "employment_type", "hours", "pay", "schedule_flexibility")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NORMALISE = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " "}
)


@dataclass
class Cand:
    key: str
    value: Any
    level: str
    sentence: Sentence
    pos: int
    rank: int = 0  # higher wins among equal levels


def detect_language(text: str) -> str:
    counts = dict.fromkeys(PACKS, 0)
    detect = rules().detect
    for i, m in enumerate(_WORD.finditer(text)):
        if i > 5000:
            break
        w = m.group().lower()
        for code, words in detect.items():
            if w in words:
                counts[code] += 1
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0] == "en"))
    return best[0] if best[1] > 0 else "en"


class Reader:
    def __init__(self, text: str, language: str) -> None:
        self.r: Rules = rules()
        self.original = text
        self.text = text.translate(_NORMALISE)  # same length: offsets stay valid
        self.lowered = self.text.lower()
        self.language = language
        seg = Segmenter(self.r.sec_pref, self.r.sec_ben, self.r.sec_req, self.r.sec_duty, self.r.pref_any)
        self.doc = Doc(text, seg.split(text))
        self.cands: list[Cand] = []
        self.flags: list[Flag] = []
        self.title = self._title()

    # ----------------------------------------------------------------- helpers
    def _title(self) -> str:
        m = rx(r"^\s*(?:title|job title|position|jawatan)\s*:\s*(?P<t>[^\n]+)").search(self.text)
        if m:
            return m.group("t").strip()
        for s in self.doc.sentences[:3]:
            line = self.text[s.start : s.end]
            if len(_WORD.findall(line)) >= 2 and len(line.split()) <= 12 and not line.endswith("."):
                return line.strip()
        return ""

    def matches(self, pattern: re.Pattern[str], *, skip_benefits: bool = True):
        """Yield (match, sentence) for matches that fall inside a sentence."""
        narrowed = narrow(pattern, self.lowered)
        if narrowed is None:
            return
        for m in narrowed.finditer(self.text):
            s = self.doc.sentence_at(m.start())
            if s is None:
                s = self.doc.sentence_at(m.end() - 1)
                if s is None:
                    continue
            if skip_benefits and s.section == "benefits":
                continue
            yield m, s

    def stext(self, s: Sentence, original: bool = False) -> str:
        return (self.original if original else self.text)[s.start : s.end]

    def level(self, s: Sentence, pos: int) -> str:
        """'preferred', 'required' or 'negated' for a requirement read at pos."""
        doc, r, text = self.doc, self.r, self.text
        clause = doc.clause_at(s, pos)
        own_paren = doc.paren_at(s, pos)
        for m in r.pref_any.finditer(text, s.start, s.end):
            paren = doc.paren_at(s, m.start())
            if paren is not None and self._contentful(paren, m):
                scope = paren
            elif paren is not None:
                scope = doc.clause_at(s, paren[0])
            elif r.pref_copula.fullmatch(m.group()) or r.pref_copula.match(text, m.start(), m.end() + 40):
                scope = doc.segment_at(s, m.start())
            else:
                scope = doc.clause_at(s, m.start())
            if own_paren is not None and paren != own_paren and self._contentful(own_paren, None) and scope == clause:
                # a marker outside a parenthesis with its own content still covers it
                pass
            if scope[0] <= pos <= scope[1]:
                return "preferred"
        seg = doc.segment_at(s, pos)
        neg = r.negation.search(text, clause[0], clause[1])
        if neg and not (r.required.search(text, seg[0], seg[1]) and not r.negation.search(text, seg[0], seg[1])):
            return "negated"
        if r.required.search(text, clause[0], clause[1]):
            return "required"
        if s.context_level == "preferred" or s.section == "preferred":
            return "preferred"
        return "required"

    def _contentful(self, paren: tuple[int, int], marker: re.Match[str] | None) -> bool:
        inner = self.text[paren[0] + 1 : paren[1] - 1]
        if marker is not None:
            inner = inner.replace(marker.group(), " ")
        inner = self.r.pref_any.sub(" ", inner)
        words = [w.lower() for w in _WORD.findall(inner)]
        return any(w not in self.r.filler for w in words)

    def add(
        self,
        key: str,
        value: Any,
        s: Sentence,
        pos: int,
        *,
        negatable: bool = False,
        level: str | None = None,
        rank: int = 0,
    ) -> None:
        lv = level or self.level(s, pos)
        if lv == "negated":
            if not negatable:
                lv = "required"
            else:
                return
        self.cands.append(Cand(key, value, lv, s, pos, rank))

    # -------------------------------------------------------------- extractors
    def run(self) -> Extraction:
        self.experience()
        self.education()
        self.age()
        self.simple_flags()
        self.credit()
        self.lists()
        self.languages()
        self.typing()
        self.internet()
        self.headset()
        self.job()
        self.residency()
        self.pay()
        self.extras()
        return self.merge()

    def _number(self, token: str) -> float | None:
        token = token.strip().lower()
        m = re.match(r"\d+(?:\.\d+)?", token)
        if m:
            return float(m.group())
        word = re.sub(r"\s*\(.*$", "", token)
        return self.r.number_words.get(word)

    def experience(self) -> None:
        r, text = self.r, self.text
        by_clause: dict[tuple[int, int], list[tuple[re.Match[str], Sentence]]] = {}
        for m, s in self.matches(r.duration):
            by_clause.setdefault(self.doc.clause_at(s, m.start()), []).append((m, s))
        quantified: set[tuple[int, int]] = set()
        for clause, found in by_clause.items():
            if not r.experience.search(text, clause[0], clause[1]):
                continue
            for i, (m, s) in enumerate(found):
                if r.age_after.match(text, m.end()) or r.age_before.search(
                    text, max(clause[0], m.start() - 15), m.start()
                ):
                    continue
                months = self._months(m)
                if months is None or months > 600:
                    continue
                before = text[clause[0] : m.start()]
                if r.not_candidate_exp.search(before):
                    continue
                nxt = found[i + 1][0].start() if i + 1 < len(found) else clause[1]
                prev = found[i - 1][0].end() if i > 0 else clause[0]
                seg_end = min(nxt, self.doc.segment_at(s, m.start())[1])
                keys = self._domains(m.end(), seg_end)
                if keys == []:
                    keys = self._domains(prev, m.start())
                if keys == []:
                    keys = self._domains(seg_end, nxt, strong_only=True) or []
                if keys is None:
                    continue  # another field (marketing, nursing, ...)
                if not keys:
                    keys = [self._title_domain()]
                quantified.add(clause)
                for key in keys:
                    self.add(key, int(round(months)), s, m.start(), negatable=True, rank=1)
        # experience asked without a duration: value None (shown in the profile, not in labels)
        for m, s in self.matches(r.experience):
            clause = self.doc.clause_at(s, m.start())
            if clause in quantified:
                continue
            a, b = max(clause[0], m.start() - 30), min(clause[1], m.end() + 45)
            keys = self._domains(a, b, strong_only=True)
            for key in keys or []:
                self.add(key, None, s, m.start(), negatable=True)

    def _months(self, m: re.Match[str]) -> float | None:
        if m.group("dw"):
            return float(self.r.duration_words[m.group("dw").lower()])
        n = self._number(m.group("a"))
        if n is None:
            return None
        return n * 12 if m.group("y") else n

    def _domains(self, a: int, b: int, strong_only: bool = False) -> list[str] | None:
        """Experience fields named in text[a:b]; [] when none, None when only other fields are named."""
        text, r = self.text, self.r
        hits: list[tuple[int, str]] = []
        for key, pat in r.domains.items():
            for m in pat.finditer(text, a, b):
                hits.append((m.start(), key))
        if not hits and not strong_only:
            if r.other_fields.search(text, a, b):
                return None
            for key, pat in r.weak_domains.items():
                for m in pat.finditer(text, a, b):
                    hits.append((m.start(), key))
        if not hits:
            return [] if not strong_only else None
        hits.sort()
        keys = list(dict.fromkeys(k for _, k in hits))
        if len(keys) > 1 and r.alternative.search(text, hits[0][0], hits[-1][0]):
            for k in EXPERIENCE_BREADTH:
                if k in keys:
                    return [k]
        return keys

    def _title_domain(self) -> str:
        for key, pat in self.r.title_domains.items():
            if pat.search(self.title):
                return key
        return "customer_service_experience_months"

    def education(self) -> None:
        taken: list[tuple[int, int]] = []
        for level_name in ("high_school", "some_college", "associate", "bachelor"):
            for pat in self.r.education[level_name]:
                for m, s in self.matches(pat):
                    if any(a < m.end() and m.start() < b for a, b in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    if s.section == "duties":
                        continue
                    lv = self.level(s, m.start())
                    if lv == "negated":
                        self.cands.append(Cand("education", "none", "required", s, m.start(), -1))
                        continue
                    self.cands.append(Cand("education", level_name, lv, s, m.start()))
        for m, s in self.matches(self.r.education_none):
            self.cands.append(Cand("education", "none", "required", s, m.start(), -1))

    def age(self) -> None:
        for pat in self.r.age:
            for m, s in self.matches(pat):
                n = int(m.group("n"))
                if not 14 <= n <= 70:
                    continue
                if self.r.age_not_candidate.search(self.text, max(s.start, m.start() - 45), m.end()):
                    continue
                self.add("min_age", n, s, m.start())

    def simple_flags(self) -> None:
        for key, pat in self.r.flags.items():
            if key == "credit_check":
                continue
            exclude = self.r.flag_exclude.get(key)
            for m, s in self.matches(pat):
                if exclude is not None and exclude.search(self.text, s.start, s.end):
                    continue
                self.add(key, True, s, m.start(), negatable=key in ("background_check", "drug_test"))
        for m, s in self.matches(self.r.wired_exclusion):
            self.add("wired_connection", True, s, m.start(), level="required")

    def credit(self) -> None:
        r, text = self.r, self.text
        for m, s in self.matches(r.flags["credit_check"]):
            if not r.credit_ctx.search(text, s.start, s.end):
                continue
            if r.credit_not.search(text, max(s.start, m.start() - 40), min(s.end, m.end() + 25)):
                continue
            self.add("credit_check", True, s, m.start(), negatable=True)

    def lists(self) -> None:
        r, text = self.r, self.text
        for key, table, exclude in (
            ("computer_skills", r.computer_skills, r.computer_exclude),
            ("assessments", r.assessments, {}),
            ("licenses", r.licenses, {}),
        ):
            for value, pat in table.items():
                ex = exclude.get(value)
                for m, s in self.matches(pat):
                    if ex is not None and ex.search(text, s.start, s.end):
                        continue
                    self.add(key, value, s, m.start(), negatable=key == "licenses")

    def languages(self) -> None:
        r, text = self.r, self.text
        named: set[str] = set()
        for code, pat in r.languages.items():
            for m, s in self.matches(pat):
                short_item = len(self.stext(s).split()) <= 6 and s.section in ("required", "preferred")
                if not (
                    short_item
                    or r.language_ctx.search(text, s.start, s.end)
                    or r.bilingual.search(text, s.start, s.end)
                ):
                    continue
                if rx(r"\bchinese new year\b").match(text, m.start()):
                    continue
                if code == self.language:
                    continue
                named.add(code)
                self.add("languages", code, s, m.start())
        if not named:
            for _m, s in self.matches(r.bilingual):
                ev = Evidence(self.stext(s, True), s.start, s.end)
                self.flags.append(
                    Flag(
                        "bilingual_unspecified",
                        r.messages["en"]["bilingual_unspecified"],
                        r.messages["ms"]["bilingual_unspecified"],
                        ev,
                    )
                )
                break

    def typing(self) -> None:
        for pat in self.r.typing:
            for m, s in self.matches(pat):
                n = int(m.group("n"))
                if 10 <= n <= 150:
                    self.add("typing_wpm", n, s, m.start())
        for pat in self.r.typing_accuracy:
            for m, s in self.matches(pat):
                if not rx(r"\bwpm\b|\btyping\b|\bwords per minute\b|\bmenaip\b").search(self.text, s.start, s.end):
                    continue
                n = int(m.group("n"))
                if n <= 100:
                    self.add("typing_accuracy", n, s, m.start())

    def internet(self) -> None:
        r, text = self.r, self.text
        for m, s in self.matches(r.speed):
            a = float(m.group("a"))
            if m.group("b"):
                self.add("internet_download_mbps", a, s, m.start())
                self.add("internet_upload_mbps", float(m.group("b")), s, m.start())
                continue
            after = text[m.end() : min(s.end, m.end() + 14)]
            before = text[max(s.start, m.start() - 45) : m.start()]
            direction = None
            da, ua = r.download.match(after.lstrip()), r.upload.match(after.lstrip())
            if da:
                direction = "down"
            elif ua:
                direction = "up"
            elif r.both.search(before):
                direction = "both"
            else:
                last = None
                for d in r.download.finditer(before):
                    last = ("down", d.start())
                for u in r.upload.finditer(before):
                    if last is None or u.start() > last[1]:
                        last = ("up", u.start())
                direction = last[0] if last else "down"
            if direction in ("down", "both"):
                self.add("internet_download_mbps", a, s, m.start())
            if direction in ("up", "both"):
                self.add("internet_upload_mbps", a, s, m.start())
        for pat in r.latency:
            for m, s in self.matches(pat):
                self.add("internet_latency_ms", int(m.group("n")), s, m.start())

    def headset(self) -> None:
        r, text = self.r, self.text
        for m, s in self.matches(r.headset):
            if r.headset_not.search(text, s.start, s.end):
                continue
            if s.section == "duties" and not s.context:
                continue
            sentence = self.stext(s)
            if rx(r"\bnot (?:be )?provided\b|\bwill not provide\b|\btidak disediakan\b").search(sentence):
                value = "candidate_buys"
            elif r.headset_provided.search(sentence):
                value = "provided"
            elif r.headset_buys.search(sentence) or r.headset_buys.search(s.context):
                value = "candidate_buys"
            else:
                value = "required"
            rank = 0 if value == "required" else 1
            # a headset the employer provides is a fact about the job, never a preference
            self.add("headset", value, s, m.start(), rank=rank, level="required" if value == "provided" else None)

    def job(self) -> None:
        r, text = self.r, self.text
        found: dict[str, list[tuple[Sentence, int]]] = {}
        for value, pat in r.arrangement.items():
            for m, s in self.matches(pat):
                if r.arrangement_not.search(text, s.start, s.end) and value != "onsite":
                    continue
                found.setdefault(value, []).append((s, m.start()))
        arrangement = None
        for value in ("hybrid", "remote", "onsite"):
            if value in found:
                arrangement = value
                s, pos = found[value][0]
                self.add("work_arrangement", value, s, pos, level="required")
                break
        self.arrangement = arrangement
        emp: dict[str, tuple[Sentence, int]] = {}
        for value, pat in r.employment.items():
            for m, s in self.matches(pat):
                emp.setdefault(value, (s, m.start()))
        for value in ("contractor", "employee"):
            if value in emp:
                s, pos = emp[value]
                self.add("employment_type", value, s, pos, level="required")
                break
        for value, pat in r.hours.items():
            for m, s in self.matches(pat):
                self.add("hours", value, s, m.start(), level="required")
                break
        for m, s in self.matches(r.schedule):
            note = self.stext(s)
            note = re.sub(r"^[^:]{0,40}:\s*", "", note) if len(note) > 60 else note
            self.add("schedule_flexibility", note[:200], s, m.start(), level="required")
            break

    def residency(self) -> None:
        for pat in self.r.residency:
            for m, s in self.matches(pat):
                place = m.group("place").strip(" ,.")
                if not place:
                    continue
                self.add("residency", place, s, m.start())

    def pay(self) -> None:
        r, text = self.r, self.text
        for m, s in self.matches(r.money, skip_benefits=False):
            sentence = self.stext(s)
            window_after = text[m.end() : min(s.end, m.end() + 40)]
            if not (r.pay_context.search(sentence) or any(p.search(window_after) for p in r.pay_periods.values())):
                continue
            near = text[max(s.start, m.start() - 15) : min(s.end, m.end() + 12)]
            if r.pay_not.search(near):
                continue
            a = self._amount(m.group("a"), m.group("ka"))
            b = self._amount(m.group("b"), m.group("kb") or m.group("ka")) if m.group("b") else None
            currency = "USD"
            for pat, code in r.currency_codes:
                if pat.match(m.group("cur")):
                    currency = code
                    break
            code_after = re.match(r"\s*([A-Z]{3})\b", window_after)
            if code_after and code_after.group(1) in ("USD", "MYR", "PHP", "HKD", "SGD", "CAD", "GBP", "EUR"):
                currency = code_after.group(1)
            period = None
            for name, pat in r.pay_periods.items():
                if pat.search(window_after):
                    period = name
                    break
            if period is None:
                for name, pat in r.pay_periods.items():
                    if pat.search(sentence):
                        period = name
                        break
            if period is None:
                top = b or a
                if currency in ("USD", "CAD", "GBP", "EUR"):
                    period = "hour" if top < 200 else ("month" if top < 10000 else "year")
                else:
                    period = "month" if top >= 500 else "day"
            value: dict[str, Any] = {"currency": currency, "period": period}
            before = text[max(s.start, m.start() - 20) : m.start()]
            if b is not None:
                value["min"], value["max"] = a, b
            elif r.pay_up_to.search(before):
                value["max"] = a
            elif r.pay_from.search(before):
                value["min"] = a
            else:
                value["min"], value["max"] = a, a
            self.add("pay", value, s, m.start(), level="required")
            return

    @staticmethod
    def _amount(token: str, k: str | None) -> float:
        n = float(token.replace(",", ""))
        return n * 1000 if k else n

    def extras(self) -> None:
        r = self.r
        remoteish = self.arrangement in ("remote", "hybrid") or any(
            c.key in ("wired_connection", "internet_download_mbps") for c in self.cands
        )
        if remoteish:
            for value, pat in r.equipment.items():
                for m, s in self.matches(pat):
                    if s.section == "duties":
                        continue
                    self.add("equipment", value, s, m.start())
                    break
        for pat in r.industry:
            for m, s in self.matches(pat):
                v = m.group("v").strip()
                if v and not r.domains["customer_service_experience_months"].search(v):
                    self.add("industry_knowledge", v, s, m.start())

    # ------------------------------------------------------------------ merge
    def merge(self) -> Extraction:
        by_key: dict[str, list[Cand]] = {}
        for c in self.cands:
            by_key.setdefault(c.key, []).append(c)
        if self.arrangement == "onsite":
            by_key.pop("onsite_attendance", None)
        if "typing_accuracy" in by_key and "typing_wpm" not in by_key:
            by_key.pop("typing_accuracy")
        items: list[Item] = []
        for key, cands in by_key.items():
            if key in LIST_KEYS:
                items.append(self._merge_list(key, cands))
            elif key == "education":
                items.append(self._merge_education(cands))
            else:
                best = min(cands, key=lambda c: (c.level != "required", c.value is None, -c.rank, c.pos))
                items.append(self._item(best))
        order = {k: i for i, k in enumerate(_KEY_ORDER)}
        items.sort(key=lambda it: (order.get(it.key, 99), it.evidence.start))
        ext = Extraction(language=self.language, items=items, flags=self.flags, title=self.title)
        if not items:
            ext.flags.append(
                Flag(
                    "not_a_posting",
                    self.r.messages["en"]["not_a_posting"],
                    self.r.messages["ms"]["not_a_posting"],
                    None,
                )
            )
        return ext

    def _item(self, c: Cand, value: Any = None) -> Item:
        s = c.sentence
        return Item(c.key, c.value if value is None else value, c.level, Evidence(self.stext(s, True), s.start, s.end))

    def _merge_list(self, key: str, cands: list[Cand]) -> Item:
        values: dict[Any, Cand] = {}
        for c in sorted(cands, key=lambda c: (c.level != "required", c.pos)):
            values.setdefault(c.value, c)
        # one level per list key: required when any element is required
        first = min(values.values(), key=lambda c: (c.level != "required", c.pos))
        ordered = sorted(values, key=lambda v: values[v].pos)
        return self._item(first, ordered)

    def _merge_education(self, cands: list[Cand]) -> Item:
        real = [c for c in cands if c.value != "none"]
        if not real:
            return self._item(cands[0])
        required = [c for c in real if c.level == "required"]
        pool = required or real
        best = min(pool, key=lambda c: (EDUCATION_RANK[c.value], c.pos))
        return self._item(best)


# Items come out in the labels' order, then the keys only a profile has.
_KEY_ORDER = LABEL_KEYS + (
    "typing_accuracy",
    "hours",
    "internet_latency_ms",
    "equipment",
    "math",
    "writing",
    "industry_knowledge",
    "college",
)


def check_text(text: str) -> str:
    if not isinstance(text, str):
        raise ReaderError("The posting must be text.")
    if len(text) > MAX_TEXT_CHARS:
        raise ReaderError(
            f"The posting is too long: {len(text):,} characters of text, the limit is {MAX_TEXT_CHARS:,} (1 MB)."
        )
    if "\x00" in text:
        raise ReaderError("The posting contains binary data (NUL characters), not text.")
    if not text.strip():
        raise ReaderError("The posting is empty.")
    return text


def read_posting(text: str, language: str | None = None) -> Extraction:
    """Read one posting and propose its requirement profile."""
    check_text(text)
    if language is not None and language not in PACKS:
        raise ReaderError(f"Unknown language {language!r}; known: {', '.join(sorted(PACKS))}.")
    lang = language or detect_language(text)
    return Reader(text, lang).run()
