"""Taking assessments: the candidate's side, reached through a single-use, expiring link."""

from __future__ import annotations

import functools
import json
import secrets
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from callhire.assessments import load_bank
from callhire.assessments.banks import ONE_LANGUAGE_SECTIONS
from callhire.assessments.scoring import parse_number
from callhire.base import assessing
from callhire.base.i18n import content_language
from callhire.base.models import Attempt, Invitation
from callhire.base.speaking import VOICE_SECTIONS, voice_language
from callhire.base.techcheck import techcheck_wanted

COOKIE = "callhire_assess_{}"


def _refuse(request: HttpRequest, reason: str, status: int) -> HttpResponse:
    return render(request, "presale/assess/refused.html", {"reason": reason}, status=status)


def _open(request: HttpRequest, token: str, claim: bool) -> tuple[Invitation | None, HttpResponse | None, str | None]:
    """Return the invitation if this browser may use it; with `claim`, bind it to this browser.

    The link is bound when a timed part starts, not when a page is first shown: mail scanners
    open links before candidates do. Returns (invitation, refusal, new_secret): a refusal when
    the link is expired or bound to another browser, and the secret to keep in a cookie when
    just bound.
    """
    invitation = get_object_or_404(Invitation.objects.select_related("application__posting__employer"), token=token)
    if invitation.is_expired():
        return None, _refuse(request, "expired", 410), None
    if invitation.application.stage == "withdrawn":
        return None, _refuse(request, "withdrawn", 410), None
    secret = request.COOKIES.get(COOKIE.format(invitation.pk), "")
    if invitation.claimed_by:
        if not secret or not secrets.compare_digest(assessing.hash_secret(secret), invitation.claimed_by):
            return None, _refuse(request, "claimed", 403), None
        return invitation, None, None
    if not claim:
        return invitation, None, None
    new_secret = secrets.token_urlsafe(32)
    updated = Invitation.objects.filter(pk=invitation.pk, claimed_by="").update(
        claimed_by=assessing.hash_secret(new_secret)
    )
    if not updated:  # another browser claimed it a moment ago
        return None, _refuse(request, "claimed", 403), None
    return invitation, None, new_secret


def _with_cookie(
    request: HttpRequest, response: HttpResponse, invitation: Invitation, secret: str | None
) -> HttpResponse:
    if secret:
        response.set_cookie(
            COOKIE.format(invitation.pk),
            secret,
            max_age=assessing.INVITATION_DAYS * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    response["Cache-Control"] = "private, no-store"
    # The URL is the candidate's key: never send it to another site. ("no-referrer" would make
    # browsers send "Origin: null" on our own forms, which CSRF protection rightly refuses.)
    response["Referrer-Policy"] = "same-origin"
    return response


def invited(view: Callable[..., HttpResponse] | None = None, *, claim: bool = False):
    """Let a view run only for the browser that holds the invitation (binding it when `claim`).

    The view gets the invitation instead of the token; a `section` must be one it invites to.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, token: str, section: str | None = None) -> HttpResponse:
            invitation, refusal, secret = _open(request, token, claim)
            if refusal is not None:
                if request.content_type == "application/json":
                    return JsonResponse({"error": "refused"}, status=refusal.status_code)
                return refusal
            assert invitation is not None
            if section is None:
                response = view(request, invitation)
            elif section not in invitation.sections:
                response = _refuse(request, "unknown", 404)
            else:
                response = view(request, invitation, section)
            return _with_cookie(request, response, invitation, secret)

        return wrapper

    return decorate(view) if view is not None else decorate


def _status_row(invitation: Invitation, section: str) -> dict[str, Any]:
    application = invitation.application
    attempt = assessing.current_attempt(application, section)
    if attempt is None:
        state = "new"
    elif attempt.state == Attempt.State.STARTED:
        state = "started"
    elif assessing.can_start(application, section):
        state = "retake"
    else:
        state = "done"
    return {"section": section, "state": state, "attempt": attempt}


@invited
def overview(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    rows = [_status_row(invitation, section) for section in invitation.sections]
    context = {
        "invitation": invitation,
        "posting": invitation.application.posting,
        "rows": rows,
        "on_phone": _on_phone(request),
        "techcheck": techcheck_wanted(invitation.application.posting),
    }
    return render(request, "presale/assess/overview.html", context)


def _on_phone(request: HttpRequest) -> bool:
    agent = request.headers.get("User-Agent", "")
    return "Mobi" in agent or "Android" in agent and "Mobile" in agent


@invited
def section_intro(request: HttpRequest, invitation: Invitation, section: str) -> HttpResponse:
    lang = content_language()
    bank = load_bank(section)
    # A voice section is given in a language the speech backend scores, its practice script too.
    item = _practice_item(bank, voice_language(section, lang) if section in VOICE_SECTIONS else lang)
    feedback = None
    if request.method == "POST" and item is not None:
        feedback = _practice_feedback(bank, item, request.POST)
    row = _status_row(invitation, section)
    context = {
        "invitation": invitation,
        "section": section,
        "instructions": bank.instructions.get(lang, ""),
        "minutes": _minutes(invitation, section, bank),
        "practice": bank.public_item(item, lang) if item is not None else None,
        "feedback": feedback,
        "row": row,
        "on_phone": _on_phone(request),
    }
    if section in VOICE_SECTIONS:
        from callhire.presale import speaking  # imported here: it builds on this module

        context["texts"] = speaking.texts()
        context["voice_language"] = speaking.language_note(section, lang)
    return render(request, "presale/assess/intro.html", context)


def _minutes(invitation: Invitation, section: str, bank) -> int:
    if section == "typing":
        return int(assessing.assessment_config(invitation.application.posting)["typing_minutes"])
    return int(bank.minutes)


def _practice_item(bank, lang: str):
    """Return the section's practice item (for typing, the passage in the candidate's language)."""
    one_language = bank.section in ONE_LANGUAGE_SECTIONS
    return next((i for i in bank.practice_items() if not one_language or i.data.get("lang") == lang), None)


def _practice_feedback(bank, item, data) -> str:
    """Say whether the practice answer was right; practice items may show their key."""
    answers = _answers_from_form(bank, [item.id], data)
    if bank.section == "typing":
        return "typed"
    answer = answers.get(item.id)
    if answer in (None, "", {}):
        return "empty"
    key = item.data.get("answer") if bank.section == "skills" else item.data.get("best")
    if bank.section == "judgement" and isinstance(answer, dict):
        answer = answer.get("best")
    if key is None:
        return "done"
    if isinstance(key, int | float):
        try:
            right = abs(parse_number(str(answer)) - float(key)) <= float(item.data.get("tolerance", 0))
        except ValueError:
            right = False
    else:
        right = str(answer) == str(key)
    return "right" if right else "wrong"


@require_POST
@invited(claim=True)
def section_start(request: HttpRequest, invitation: Invitation, section: str) -> HttpResponse:
    try:
        assessing.attempt_start(invitation, section, content_language())
    except PermissionError:
        return _refuse(request, "used", 403)
    return redirect("presale:assess_take", token=invitation.token, section=section)


@invited
def section_take(request: HttpRequest, invitation: Invitation, section: str) -> HttpResponse:
    token = invitation.token
    attempt = assessing.current_attempt(invitation.application, section)
    if attempt is None:
        return redirect("presale:assess_section", token=token, section=section)
    if attempt.state == Attempt.State.STARTED:
        attempt = assessing.attempt_save(attempt, {})  # a reload counts like a save: it may also end the time
    if attempt.state == Attempt.State.FINISHED:
        return redirect("presale:assess_done", token=token, section=section)
    if section in VOICE_SECTIONS:
        from callhire.presale import speaking  # imported here: it builds on this module

        return speaking.take(request, invitation, attempt)
    bank = load_bank(section)
    by_id = {item.id: item for item in bank.items}
    items = [bank.public_item(by_id[item_id], attempt.language) for item_id in attempt.item_ids]
    context = {
        "invitation": invitation,
        "section": section,
        "attempt": attempt,
        "items": items,
        "answers": attempt.answers,
        "remaining": int(attempt.remaining_seconds()),
        "save_url": reverse("presale:assess_save", args=[token, section]),
        "done_url": reverse("presale:assess_done", args=[token, section]),
    }
    return render(request, "presale/assess/take.html", context)


def _answers_from_form(bank, item_ids: list[str], data) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for item_id in item_ids:
        if bank.section == "judgement":
            best, worst = data.get(f"best__{item_id}"), data.get(f"worst__{item_id}")
            if best or worst:
                answers[item_id] = {"best": best or "", "worst": worst or ""}
        elif data.get(f"a__{item_id}") not in (None, ""):
            answers[item_id] = data.get(f"a__{item_id}")
    return answers


@require_POST
@invited
def section_save(request: HttpRequest, invitation: Invitation, section: str) -> HttpResponse:
    """Take the page's autosave (JSON) and its final submit; answer with the time left."""
    attempt = assessing.current_attempt(invitation.application, section)
    if attempt is None:
        return JsonResponse({"error": "not started"}, status=409)
    if request.content_type == "application/json":
        if len(request.body) > 1_000_000:
            return JsonResponse({"error": "too large"}, status=413)
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return JsonResponse({"error": "not JSON"}, status=400)
        if not isinstance(data, dict):
            return JsonResponse({"error": "not an object"}, status=400)
    else:
        bank = load_bank(section)
        data = {"answers": _answers_from_form(bank, attempt.item_ids, request.POST), "finish": True}
        if section == "typing":
            data["answers"] = {"text": request.POST.get("a__text", "")}
    attempt = assessing.attempt_save(attempt, data)
    finished = attempt.state == Attempt.State.FINISHED
    if request.content_type != "application/json":
        return redirect("presale:assess_done", token=invitation.token, section=section)
    return JsonResponse({"remaining": int(attempt.remaining_seconds()), "finished": finished})


@invited
def section_done(request: HttpRequest, invitation: Invitation, section: str) -> HttpResponse:
    attempt = assessing.current_attempt(invitation.application, section)
    if attempt is None or attempt.state != Attempt.State.FINISHED:
        return redirect("presale:assess_section", token=invitation.token, section=section)
    context = {"invitation": invitation, "section": section, "attempt": attempt}
    return render(request, "presale/assess/done.html", context)
