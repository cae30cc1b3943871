"""Assessment workflows: invite, start, save, finish, grant another attempt, review.

Time is kept by the server. Each request from the candidate's page adds the time since the
last one; a silence longer than MAX_GAP is a lost connection, not time spent, so a candidate
who comes back resumes with the time they had left.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from callhire.assessments import load_bank
from callhire.assessments.scoring import (
    fast_answers,
    score_judgement,
    score_skills,
    score_typing,
    score_work_style,
)
from callhire.base import services, speaking
from callhire.base.emails import email_send
from callhire.base.models import Application, Attempt, Invitation, Posting
from callhire.base.signals import assessment_finished
from callhire.screening.profile import Profile

SECTIONS = ("typing", "skills", "judgement", "work_style", "voice", "sample_call")
HEARTBEAT = 5  # seconds between the page's saves
MAX_GAP = 15  # a longer silence means the connection was lost
GRACE = 3  # seconds allowed past the limit for the last save to arrive
# A dropped connection is forgiven at most this many times, and only within this much wall-clock
# time past the limit; beyond either, silence counts as time spent.
MAX_DISCONNECTS = 3
RESUME_ALLOWANCE = 5 * 60
# Nobody types faster than this: a text longer than the clock allows was typed off the clock.
MAX_PLAUSIBLE_WPM = 200
FAST_ANSWER_SECONDS = 3.0
INVITATION_DAYS = 7
MAX_KEYSTROKES = 20_000

DEFAULT_PASS_MARKS = {"math": 60, "writing": 60, "computer": 60}

# A profile's assessment codes, and the requirements measured by a section.
CODE_SECTIONS = {
    "typing": ("typing",),
    "skills": ("skills", "judgement"),
    "personality": ("work_style",),
    "voice": ("voice",),
    "sample_call": ("sample_call",),
}
SECTION_CODES = {
    "typing": "typing",
    "skills": "skills",
    "judgement": "skills",
    "work_style": "personality",
    "voice": "voice",
    "sample_call": "sample_call",
}
REQUIREMENT_SECTIONS = {
    "speaking_score": "voice",
    "typing_wpm": "typing",
    "typing_accuracy": "typing",
    "math": "skills",
    "writing": "skills",
    "service_judgement": "judgement",
}


def assessment_config(posting: Posting, profile: Profile | None = None) -> dict[str, Any]:
    """Return the sections a posting uses, the typing time and pass marks, with defaults filled in."""
    stored = posting.assessment_config or {}
    sections = stored.get("sections")
    if sections is None:
        sections = []
        if profile is None:
            version = posting.current_version()
            profile = version.profile() if version is not None else None
        if profile is not None:
            rule = profile.rule("assessments")
            for code in rule.value if rule else []:
                sections.extend(CODE_SECTIONS.get(code, ()))
            sections.extend(REQUIREMENT_SECTIONS[r.key] for r in profile.rules if r.key in REQUIREMENT_SECTIONS)
    marks = dict(DEFAULT_PASS_MARKS)
    marks.update(stored.get("pass_marks") or {})
    return {
        "sections": [s for s in SECTIONS if s in sections],
        "typing_minutes": int(stored.get("typing_minutes", 2)),
        "pass_marks": marks,
        "auto_invite": bool(stored.get("auto_invite", True)),
    }


def invitation_send(
    application: Application, *, user=None, notify: bool = True, sections: list[str] | None = None
) -> Invitation | None:
    """Invite a candidate to the posting's assessments and (unless told not to) email them the link."""
    if sections is None:
        sections = assessment_config(application.posting)["sections"]
    if not sections:
        return None
    # One live link per candidate: a new invitation retires the earlier ones and their browsers.
    application.invitations.filter(expires_at__gt=timezone.now()).update(expires_at=timezone.now())
    invitation = Invitation.objects.create(
        application=application,
        sections=sections,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
        sent_by=user,
    )
    if not notify:
        return invitation
    with translation.override(application.language):
        url = services.absolute_url("presale:assess", invitation.token)
        context = {
            "application": application,
            "posting": application.posting,
            "url": url,
            "expires": invitation.expires_at,
        }
        subject = render_to_string("presale/email/invitation_subject.txt", context).strip()
        body = render_to_string("presale/email/invitation.txt", context)
    email_send(application, subject, body, kind="invitation", user=user)
    return invitation


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def attempts_allowed(application: Application, section: str) -> int:
    return 1 + int((application.attempts_granted or {}).get(section, 0))


def current_attempt(application: Application, section: str) -> Attempt | None:
    return application.attempts.filter(section=section).order_by("-number").first()


def can_start(application: Application, section: str) -> bool:
    latest = current_attempt(application, section)
    if latest is None:
        return True
    return latest.state == Attempt.State.FINISHED and latest.number < attempts_allowed(application, section)


def attempt_start(invitation: Invitation, section: str, lang: str) -> Attempt:
    """Start a timed section, or return the attempt already under way."""
    application = invitation.application
    with transaction.atomic():
        Application.objects.select_for_update().get(pk=application.pk)
        latest = current_attempt(application, section)
        if latest is not None and latest.state == Attempt.State.STARTED:
            return latest
        if not can_start(application, section):
            raise PermissionError("no attempts left")
        bank = load_bank(section)
        rng = random.SystemRandom()
        if section == "typing":
            passages = bank.passages(lang) or bank.passages("en")
            item_ids = [rng.choice(passages).id]
            limit = assessment_config(application.posting)["typing_minutes"] * 60
        elif section in speaking.VOICE_SECTIONS:
            item_ids = speaking.pick_items(section, lang, rng)
            limit = bank.minutes * 60
        else:
            item_ids = [item.id for item in bank.scored_items()]
            rng.shuffle(item_ids)
            limit = bank.minutes * 60
        return Attempt.objects.create(
            invitation=invitation,
            application=application,
            section=section,
            number=(latest.number + 1) if latest else 1,
            language=lang,
            item_ids=item_ids,
            limit_seconds=limit,
            last_seen=timezone.now(),
        )


def attempt_tick(attempt: Attempt) -> None:
    """Count the time since the candidate's page last reached us."""
    now = timezone.now()
    gap = (now - attempt.last_seen).total_seconds()
    if gap > MAX_GAP and attempt.disconnects < MAX_DISCONNECTS:
        attempt.disconnects += 1
        gap = HEARTBEAT  # the page saves every few seconds: that much was spent before it went quiet
    attempt.used_seconds += max(0.0, gap)
    attempt.last_seen = now


def is_out_of_time(attempt: Attempt) -> bool:
    """Say whether the time is up: by the candidate's clock, or by the wall clock with its allowance."""
    wall = (timezone.now() - attempt.started_at).total_seconds()
    return attempt.used_seconds >= attempt.limit_seconds + GRACE or wall >= (
        attempt.limit_seconds + GRACE + RESUME_ALLOWANCE
    )


def attempt_save(attempt: Attempt, data: dict[str, Any]) -> Attempt:
    """Store what the page sent (answers, timings, keystrokes, tab leaves); finish when time is up."""
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.state == Attempt.State.FINISHED:
            return attempt
        attempt_tick(attempt)
        if not is_out_of_time(attempt):
            _merge(attempt, data)
        attempt.save()
    if is_out_of_time(attempt) or data.get("finish"):
        return attempt_finish(attempt)
    return attempt


def _merge(attempt: Attempt, data: dict[str, Any]) -> None:
    allowed = set(attempt.item_ids)
    answers = data.get("answers")
    if isinstance(answers, dict):
        if attempt.section == "typing":
            text = answers.get("text")
            if isinstance(text, str):
                attempt.answers = {"text": text[:5000]}
        else:
            for key, value in answers.items():
                if key in allowed and _answer_fits(attempt.section, value):
                    attempt.answers[key] = value
    seconds = data.get("item_seconds")
    if isinstance(seconds, dict):
        for key, value in seconds.items():
            if key in allowed and isinstance(value, int | float) and 0 <= value < 24 * 3600:
                attempt.item_seconds[key] = float(value)
    keystrokes = data.get("keystrokes")
    if isinstance(keystrokes, list) and attempt.section == "typing":
        clean = [
            [int(k[0]), str(k[1])[:12]]
            for k in keystrokes
            if isinstance(k, list) and len(k) == 2 and isinstance(k[0], int | float)
        ]
        attempt.keystrokes = (attempt.keystrokes + clean)[:MAX_KEYSTROKES]
    for name in ("tab_leaves", "paste_attempts"):
        value = data.get(name)
        if isinstance(value, int) and value > getattr(attempt, name):
            setattr(attempt, name, min(value, 10_000))


def _answer_fits(section: str, value: Any) -> bool:
    """Say whether an answer has the shape its section's scoring expects."""
    if section in speaking.VOICE_SECTIONS:
        return False  # spoken answers arrive as recordings, never as saved answers
    if section == "judgement":
        return (
            isinstance(value, dict)
            and set(value) <= {"best", "worst"}
            and all(isinstance(v, str) and len(v) < 100 for v in value.values())
        )
    if section == "work_style":
        return value in ("1", "2", "3", "4", "5") or (type(value) is int and 1 <= value <= 5)
    return isinstance(value, str) and len(value) < 5000  # skills: an option id, a number or the reply


def attempt_finish(attempt: Attempt) -> Attempt:
    """Score a section, turn the result into measured facts and screen the application again."""
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.state == Attempt.State.FINISHED:
            return attempt
        bank = load_bank(attempt.section)
        seconds = min(attempt.used_seconds, float(attempt.limit_seconds)) or 1.0
        if attempt.section == "typing":
            passage = bank.get(attempt.item_ids[0])
            typed = str(attempt.answers.get("text", ""))
            # Text typed while the page was silent was not timed: then the wall clock counts instead.
            implausible = len(typed) / 5 > MAX_PLAUSIBLE_WPM * seconds / 60
            if implausible:
                wall = (timezone.now() - attempt.started_at).total_seconds()
                seconds = max(seconds, min(wall, float(attempt.limit_seconds)))
            result = score_typing(passage.data["text"], typed, seconds, [tuple(k) for k in attempt.keystrokes])
            attempt.result = result.as_dict() | {
                "passage_id": passage.id,
                "seconds": round(seconds, 1),
                "off_the_clock": implausible,
            }
            attempt.score = result.net_wpm
        elif attempt.section in speaking.VOICE_SECTIONS:
            speaking.attempt_close(attempt)  # scored in the background, recording by recording
        elif attempt.section == "skills":
            section = score_skills(bank, attempt.answers, attempt.language)
            attempt.result = section.as_dict()
            attempt.score = section.score
        elif attempt.section == "judgement":
            section = score_judgement(bank, attempt.answers)
            attempt.result = section.as_dict()
            attempt.score = section.score
        else:
            likert = {k: int(v) for k, v in attempt.answers.items() if str(v) in ("1", "2", "3", "4", "5")}
            style = score_work_style(bank, likert)
            attempt.result = style.as_dict()
            attempt.score = None  # bands only, never a pass or fail
        attempt.result["fast_answers"] = fast_answers(attempt.item_seconds, FAST_ANSWER_SECONDS)
        attempt.state = Attempt.State.FINISHED
        attempt.finished_at = timezone.now()
        attempt.save()
    facts_update(attempt.application)
    assessment_finished.send(sender=Attempt, attempt=attempt)
    return attempt


def attempt_review(attempt: Attempt, score: int, *, user) -> None:
    """Replace the automatic score of the written reply with the recruiter's own (0-100)."""
    attempt.reviewed_score = max(0, min(100, int(score)))
    attempt.reviewed_by = user
    attempt.save(update_fields=["reviewed_score", "reviewed_by"])
    facts_update(attempt.application)


def attempt_grant(application: Application, section: str, *, user=None) -> None:
    """Allow a candidate one more attempt at a section."""
    grants = dict(application.attempts_granted or {})
    grants[section] = int(grants.get(section, 0)) + 1
    application.attempts_granted = grants
    application.save(update_fields=["attempts_granted"])


def reply_item_id(bank) -> str | None:
    """Return the id of the skills bank's written reply, the item a recruiter may re-score."""
    return next((item.id for item in bank.scored_items() if item.data.get("kind") == "text_reply"), None)


def skills_result(attempt: Attempt) -> dict[str, Any]:
    """Return the skills result, with the recruiter's score of the written reply when there is one."""
    if attempt.reviewed_score is None:
        return attempt.result
    bank = load_bank("skills")
    reply = reply_item_id(bank)
    if reply is None:
        return attempt.result
    top = next(i["max_points"] for i in attempt.result.get("items", []) if i["item_id"] == reply)
    overrides = {reply: top * attempt.reviewed_score / 100}
    return score_skills(bank, attempt.answers, attempt.language, overrides=overrides).as_dict()


def facts_update(application: Application) -> Application:
    """Set the measured facts from each section's latest finished attempt, then screen again."""
    config = assessment_config(application.posting)
    facts = dict(application.facts)
    sources = dict(application.fact_sources)
    origins = dict(application.fact_origins)
    done: set[str] = set()

    def measured(fact: str, value: Any, section: str) -> None:
        facts[fact], sources[fact], origins[fact] = value, "measured", section

    for section in SECTIONS:
        if section in speaking.VOICE_SECTIONS:
            continue  # below: a voice section counts once every recording is scored
        attempt = application.attempts.filter(section=section, state=Attempt.State.FINISHED).order_by("-number").first()
        if attempt is None:
            continue
        done.add(SECTION_CODES[section])
        if section == "typing" and not attempt.result.get("off_the_clock"):
            # A result typed off the clock stays with the recruiter instead of becoming a fact.
            measured("typing_wpm", round(attempt.result["net_wpm"]), section)
            measured("typing_accuracy", round(attempt.result["accuracy"]), section)
        elif section == "skills":
            areas = skills_result(attempt).get("by_area", {})
            marks = config["pass_marks"]
            measured("math_passed", areas.get("math", 0) >= marks["math"], section)
            measured("writing_passed", areas.get("writing", 0) >= marks["writing"], section)
        elif section == "judgement":
            measured("service_judgement_score", int(attempt.score or 0), section)
    speaking_score, spoken = speaking.speaking_facts(application)
    if speaking_score is not None:
        measured("speaking_score", speaking_score, "voice" if "voice" in spoken else "sample_call")
    done |= spoken
    if done:
        measured("assessments_completed", sorted(done | set(_other_completed(facts))), "assessments")
    application.facts, application.fact_sources, application.fact_origins = facts, sources, origins
    application.save(update_fields=["facts", "fact_sources", "fact_origins"])
    return services.application_screen(application)


def _other_completed(facts: dict[str, Any]) -> list[str]:
    # Keep assessments callhire does not run itself (voice test, phone interview) that were recorded.
    previous = facts.get("assessments_completed") or []
    return [code for code in previous if code not in SECTION_CODES.values()]
