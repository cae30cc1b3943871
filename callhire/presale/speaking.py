"""The voice test and sample call, candidate's side: the recording page, chunk uploads, the customer's voice."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from callhire.base import assessing, speaking
from callhire.base.i18n import content_language
from callhire.base.models import Attempt, CallAudio, Invitation, Recording
from callhire.presale import assess


def _json_refusal(status: int, error: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": error, **extra}, status=status)


def recording_api(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let a recording endpoint run for the browser holding the invitation, with the attempt under way.

    The view gets the attempt and the step (item, turn); refusals are JSON for the page's script.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, token: str, section: str, item_id: str, turn: int, **kwargs: Any) -> HttpResponse:
        invitation, refusal, _secret = assess._open(request, token, claim=False)
        if refusal is not None:
            return _json_refusal(refusal.status_code, "refused")
        assert invitation is not None
        if section not in invitation.sections or section not in speaking.VOICE_SECTIONS:
            return _json_refusal(404, "unknown section")
        attempt = speaking_attempt(invitation, section)
        if attempt is None:
            return _json_refusal(409, "not started")
        try:
            step = speaking.find_step(attempt, item_id, turn)
            response = view(request, attempt, step, **kwargs)
        except speaking.RecordingError as exc:
            response = _json_refusal(exc.status, str(exc), **exc.extra)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper


def speaking_attempt(invitation: Invitation, section: str) -> Attempt | None:
    # Only the invitation's own attempt: a later invitation retires this browser's link.
    attempt = invitation.attempts.filter(section=section).order_by("-number").first()
    if attempt is None:
        return None
    latest = assessing.current_attempt(invitation.application, section)
    return attempt if latest is not None and latest.pk == attempt.pk else None


def _recording_state(recording: Recording | None) -> dict[str, Any]:
    if recording is None:
        return {"state": "new", "received": 0, "takes": 0}
    return {
        "state": recording.state,
        "received": recording.chunks,
        "takes": recording.takes,
        "takes_left": max(0, speaking.MAX_TAKES - recording.takes),
        "problem": (recording.audio_check or {}).get("problem", ""),
    }


@require_POST
@recording_api
def chunk(request: HttpRequest, attempt: Attempt, step: speaking.Step, index: int) -> HttpResponse:
    """Store one chunk of a recording, sent as the raw request body."""
    if len(request.body) > speaking.MAX_CHUNK_BYTES:
        return _json_refusal(413, "chunk too large")
    recording = speaking.chunk_store(attempt, step.item_id, step.turn, index, request.body)
    return JsonResponse(_recording_state(recording))


@require_POST
@recording_api
def finish(request: HttpRequest, attempt: Attempt, step: speaking.Step) -> HttpResponse:
    """Close a recording: the body says how many chunks the page sent; answer with the audio check."""
    try:
        chunks = int(json.loads(request.body or b"{}").get("chunks", 0))
    except (ValueError, TypeError, AttributeError):
        return _json_refusal(400, 'send {"chunks": N}')
    recording = attempt.recordings.filter(item_id=step.item_id, turn=step.turn).first()
    if recording is None:
        return _json_refusal(400, "nothing was recorded")
    recording = speaking.recording_finish(recording, chunks)
    return JsonResponse(_recording_state(recording))


@require_POST
@recording_api
def restart(request: HttpRequest, attempt: Attempt, step: speaking.Step) -> HttpResponse:
    """Begin another take (after a silent, clipped or too short one, or one cut off)."""
    recording = attempt.recordings.filter(item_id=step.item_id, turn=step.turn).first()
    if recording is None:
        return JsonResponse(_recording_state(None))
    return JsonResponse(_recording_state(speaking.recording_restart(recording)))


@require_GET
@recording_api
def customer_audio(request: HttpRequest, attempt: Attempt, step: speaking.Step) -> HttpResponse:
    """Play what the customer says in a sample call turn (the employer's recording or the generated one)."""
    if step.kind != Recording.Kind.CALL:
        return _json_refusal(404, "not a call")
    audio = speaking.customer_audio(attempt.application.posting.employer, step)
    if isinstance(audio, CallAudio):
        return FileResponse(audio.file.open("rb"), content_type="audio/wav")
    return FileResponse(audio.open("rb"), content_type="audio/wav")


MESSAGES = {
    "unsupported": _("This browser cannot record sound. Please use a recent Chrome, Edge, Firefox or Safari."),
    "denied": _(
        "The page may not use your microphone. Allow the microphone for this site in your browser's settings, "
        "then reload the page."
    ),
    "nomic": _("No microphone was found. Connect a microphone or headset and reload the page."),
    "micerror": _("Your microphone could not be started. Close other programs that use it and reload the page."),
    "recording": _("Recording… Press Stop when you have finished."),
    "uploading": _("Saving your recording…"),
    "offline": _("The connection was lost. Keep this page open: your recording is sent as soon as it is back."),
    "saved": _("Saved."),
    "silent": _("We could not hear you. Check that your microphone is on and not muted, then record again."),
    "clipped": _(
        "The recording is too loud and distorted. Move the microphone a little further away and record again."
    ),
    "too_short": _("The recording is too short. Press Record, say the whole answer, then press Stop."),
    "kept": _("This recording is kept as it is: you have used your retries."),
    "cut": _("Your recording was cut off. You can keep the part that was saved or record it again."),
    "refused": _("This recording could not be saved: %(reason)s"),
    "finished": _("The time for this section is up. What you recorded is saved."),
    "busy": _("Please wait until your recordings are saved."),
    "good": _("Your microphone works: we heard you clearly."),
    "quiet": _("We could hardly hear you. Move closer to the microphone or turn its volume up."),
    "loud": _("Your voice is too loud for the microphone. Move it a little further away."),
    "seconds": _("s"),
    "again": _("Record again"),
}


def texts() -> dict[str, str]:
    """Return the recording page's messages in the current language, for its script."""
    return {key: str(text) for key, text in MESSAGES.items()}


def language_note(section: str, lang: str, voice_lang: str | None = None) -> dict[str, Any]:
    """Say which language a voice section is in and whether that is not the candidate's, for the page."""
    voice_lang = voice_lang or speaking.voice_language(section, lang)
    return {
        "code": voice_lang,
        "name": _language_name(voice_lang),
        "yours": _language_name(lang),
        "other": voice_lang != lang,
    }


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def take(request: HttpRequest, invitation: Invitation, attempt: Attempt) -> HttpResponse:
    """Render the recording page of a voice section under way."""
    token, section = invitation.token, attempt.section
    recordings = {(r.item_id, r.turn): r for r in attempt.recordings.all()}
    steps = []
    for step in speaking.steps_of(section, attempt.item_ids):
        recording = recordings.get((step.item_id, step.turn))
        base = [token, section, step.item_id, step.turn]
        steps.append(
            {
                "step": step,
                "recording": recording,
                "status": _recording_state(recording),
                "chunk_url": reverse("presale:voice_chunk", args=[*base, 0]).removesuffix("0/"),
                "finish_url": reverse("presale:voice_finish", args=base),
                "restart_url": reverse("presale:voice_restart", args=base),
                "audio_url": reverse("presale:voice_customer", args=base) if step.kind == Recording.Kind.CALL else "",
            }
        )
    context = {
        "invitation": invitation,
        "section": section,
        "attempt": attempt,
        "steps": steps,
        "remaining": int(attempt.remaining_seconds()),
        "save_url": reverse("presale:assess_save", args=[token, section]),
        "done_url": reverse("presale:assess_done", args=[token, section]),
        "texts": texts(),
        # The items were picked when the section started; their language is what the page states.
        "voice_language": language_note(section, content_language(), steps[0]["step"].lang if steps else None),
    }
    return render(request, "presale/assess/voice_take.html", context)
