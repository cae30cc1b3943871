"""The recruiter's side of the voice test and sample call: playback, transcript, metrics, own rating."""

from __future__ import annotations

import re
import wave
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from callhire.assessments import load_bank
from callhire.base import speaking
from callhire.base.models import Attempt, CallAudio, Recording
from callhire.base.ranges import ranged_file_response
from callhire.control.access import Role, applications_for, get_posting, has_role
from callhire.control.forms import CallAudioForm

CONTENT_TYPES = {"webm": "audio/webm", "ogg": "audio/ogg", "mp4": "audio/mp4"}

# Each metric, what it means, and how to show its value. The speech core adds a sentence on the
# candidate's own figure (result["explanations"]).
METRICS: list[tuple[str, Any, Any, str]] = [
    (
        "overall",
        gettext_lazy("Overall"),
        gettext_lazy("Clarity and fluency combined, 0 to 100. The section's score, checked against the profile."),
        "int",
    ),
    (
        "clarity",
        gettext_lazy("Clarity"),
        gettext_lazy(
            "How easily the words can be made out, 0 to 100: how sure the speech recogniser is of each word and, "
            "when reading, how much of the script it heard as written. Accent as such is not scored."
        ),
        "int",
    ),
    (
        "fluency",
        gettext_lazy("Fluency"),
        gettext_lazy("How smoothly the candidate speaks, 0 to 100: pace, pauses and long silences."),
        "int",
    ),
    (
        "wer",
        gettext_lazy("Word error rate"),
        gettext_lazy("Share of the script's words missed, added or heard as another word. Lower is better."),
        "percent",
    ),
    (
        "wpm",
        gettext_lazy("Pace"),
        gettext_lazy("Words per minute. Clear phone speech is usually between 110 and 170."),
        "int",
    ),
    (
        "pause_ratio",
        gettext_lazy("Time in pauses"),
        gettext_lazy("Share of the speaking time spent silent between words."),
        "percent",
    ),
    ("longest_pause", gettext_lazy("Longest pause"), gettext_lazy("The longest silence between two words."), "seconds"),
    (
        "confidence",
        gettext_lazy("Recogniser confidence"),
        gettext_lazy("How sure the speech recogniser is of the words it heard, on average (0 to 1)."),
        "decimal",
    ),
    (
        "addressed",
        gettext_lazy("Addressed the customer"),
        gettext_lazy("Share of the points the customer raised that the answer covered (from the call's keywords)."),
        "percent",
    ),
    (
        "answer_seconds",
        gettext_lazy("Length of the answer"),
        gettext_lazy("How long the candidate spoke."),
        "seconds",
    ),
]
READ_ONLY = {"wer"}
CALL_ONLY = {"addressed", "answer_seconds"}


class RecordingReviewForm(forms.Form):
    score = forms.IntegerField(min_value=0, max_value=100, required=False)


def recordings_for(user):
    """Return the recordings of applications to the user's employers' postings, and no others."""
    return Recording.objects.filter(attempt__application__in=applications_for(user))


def _format(value: Any, how: str) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if not isinstance(value, int | float):
        return "—"
    if how == "percent":
        return f"{round(value * 100) if value <= 1 else round(value)} %"
    if how == "seconds":
        return _("%(seconds)s s") % {"seconds": f"{value:.1f}"}
    if how == "decimal":
        return f"{value:.2f}"
    return str(round(value))


def _norm(word: str) -> str:
    return re.sub(r"[^\w']+", "", word.lower())


def _script_marks(script: str, errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Return the script's words, each marked `missed` or `changed` when the recogniser says so."""
    words = [{"text": w, "mark": ""} for w in script.split()]
    for error in errors:
        op = error.get("op")
        if op not in ("missed", "changed"):
            continue
        expected = _norm(str(error.get("expected") or ""))
        position = error.get("position")
        if isinstance(position, int) and 0 <= position < len(words) and _norm(words[position]["text"]) == expected:
            words[position]["mark"] = op
            continue
        # Positions count words differently in some cores: fall back to the first unmarked match.
        match = next((w for w in words if not w["mark"] and _norm(w["text"]) == expected), None)
        if match is not None:
            match["mark"] = op
    return words


def _transcript(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the heard words with their times, marking the ones heard instead of the script's."""
    heard_wrong = {
        _norm(str(e.get("heard") or "")) for e in result.get("errors") or [] if e.get("op") in ("changed", "added")
    }
    words = []
    for w in result.get("words") or []:
        try:
            start, end = float(w["start"]), float(w["end"])
        except (KeyError, TypeError, ValueError):
            continue
        probability = w.get("probability")
        mark = "changed" if _norm(str(w.get("word", ""))) in heard_wrong else ""
        if not mark and isinstance(probability, int | float) and probability < 0.5:
            mark = "unsure"
        words.append({"text": str(w.get("word", "")).strip(), "start": start, "end": end, "mark": mark})
    return words


def recording_views(attempt: Attempt) -> list[dict[str, Any]]:
    """Return what the application page shows for each step of a voice section."""
    recordings = {(r.item_id, r.turn): r for r in attempt.recordings.all()}
    views = []
    for step in speaking.steps_of(attempt.section, attempt.item_ids):
        recording = recordings.get((step.item_id, step.turn))
        result = recording.result if recording else {}
        metrics = []
        for key, label, meaning, how in METRICS:
            if key not in result:
                continue
            if (key in READ_ONLY and step.kind != Recording.Kind.READ) or (
                key in CALL_ONLY and step.kind != Recording.Kind.CALL
            ):
                continue
            explanation = (result.get("explanations") or {}).get(key, "")
            metrics.append(
                {
                    "key": key,
                    "label": label,
                    "meaning": meaning,
                    "value": _format(result[key], how),
                    "explanation": explanation,
                }
            )
        views.append(
            {
                "step": step,
                "recording": recording,
                "metrics": metrics,
                "script": _script_marks(step.text, result.get("errors") or []) if step.kind == "read" else [],
                "words": _transcript(result),
                "transcript": result.get("transcript", ""),
                "keywords_found": result.get("keywords_found") or [],
                "keywords_missed": result.get("keywords_missed") or [],
                "form": RecordingReviewForm(initial={"score": recording.reviewed_score if recording else None}),
            }
        )
    return views


@login_required
@require_GET
def recording_audio(request: HttpRequest, pk: int) -> HttpResponse:
    """Play a candidate's recording to a recruiter of the employer, never through a public URL."""
    recording = get_object_or_404(recordings_for(request.user), pk=pk)
    if not recording.file:
        raise Http404
    content_type = CONTENT_TYPES.get(recording.content_type, "audio/webm")
    # Ranges let the player jump to a word of the transcript without loading the whole file.
    response = ranged_file_response(request, recording.file.open("rb"), recording.file.size, content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def recording_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the recruiter's own rating of a recording (empty: go back to the automatic score)."""
    recording = get_object_or_404(recordings_for(request.user).select_related("attempt"), pk=pk)
    if not has_role(request.user, recording.attempt.application.posting.employer_id, Role.RECRUITER):
        raise PermissionDenied
    form = RecordingReviewForm(request.POST)
    application_pk = recording.attempt.application_id
    if form.is_valid():
        speaking.recording_review(recording, form.cleaned_data["score"], user=request.user)
        messages.success(request, _("Your rating is saved and the application was screened again."))
    else:
        messages.error(request, _("Give a whole number from 0 to 100, or leave it empty to use the automatic score."))
    return redirect("control:application", pk=application_pk)


# The customer's voice in the sample call ------------------------------------------------------

MAX_CALL_AUDIO_BYTES = 5 * 1024 * 1024
CALL_AUDIO_SECONDS = (1.0, 60.0)


def wav_seconds(upload) -> float:
    """Return the length of an uploaded WAV file; ValidationError when it is not a PCM WAV file."""
    upload.seek(0)
    try:
        with wave.open(upload, "rb") as wav:
            frames, rate = wav.getnframes(), wav.getframerate()
    except (wave.Error, EOFError, ValueError) as exc:
        raise forms.ValidationError(_("This is not a WAV file we can play (%(why)s).") % {"why": exc}) from None
    finally:
        upload.seek(0)
    if not rate:
        raise forms.ValidationError(_("This WAV file has no sample rate."))
    return frames / rate


def _call_steps() -> list[speaking.Step]:
    bank = load_bank("sample_call")
    return speaking.steps_of("sample_call", [item.id for item in bank.items])


@login_required
def call_audio(request: HttpRequest, pk: int) -> HttpResponse:
    """List every sample call turn with the voice candidates hear; upload or remove the employer's own."""
    posting = get_posting(request, pk, Role.RECRUITER)
    employer = posting.employer
    own = {(a.item_id, a.turn): a for a in employer.call_audio.all()}
    steps = _call_steps()
    form = CallAudioForm()
    failed: tuple[str, int] | None = None
    if request.method == "POST":
        key = (request.POST.get("item_id", ""), int(request.POST.get("turn", "0") or 0))
        step = next((s for s in steps if (s.item_id, s.turn) == key), None)
        if step is None:
            raise Http404
        if request.POST.get("remove"):
            CallAudio.objects.filter(employer=employer, item_id=step.item_id, turn=step.turn).delete()
            messages.success(request, _("Your recording is removed; candidates hear the generated voice again."))
            return redirect("control:call_audio", pk=posting.pk)
        form = CallAudioForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_CALL_AUDIO_BYTES:
                    raise forms.ValidationError(_("The file is larger than 5 MB."))
                seconds = wav_seconds(upload)
                if not CALL_AUDIO_SECONDS[0] <= seconds <= CALL_AUDIO_SECONDS[1]:
                    raise forms.ValidationError(
                        _("The recording lasts %(seconds).1f seconds; it must be 1 to 60 seconds.")
                        % {"seconds": seconds}
                    )
            except forms.ValidationError as exc:
                form.add_error("file", exc)
            else:
                speaking.call_audio_save(employer, step, upload, seconds, user=request.user)
                messages.success(request, _("Saved: candidates now hear your recording in this turn."))
                return redirect("control:call_audio", pk=posting.pk)
        failed = key
    calls: list[dict[str, Any]] = []
    for step in steps:
        if step.turn == 1:
            calls.append({"title": step.title, "lang": step.lang, "context": step.context, "turns": []})
        calls[-1]["turns"].append(
            {
                "step": step,
                "own": own.get((step.item_id, step.turn)),
                "form": form if failed == (step.item_id, step.turn) else CallAudioForm(),
            }
        )
    return render(request, "control/call_audio.html", {"posting": posting, "calls": calls})


@login_required
@require_GET
def call_audio_play(request: HttpRequest, pk: int, item_id: str, turn: int) -> HttpResponse:
    """Play the voice candidates hear in a turn: the employer's recording or the generated one."""
    posting = get_posting(request, pk)
    step = next((s for s in _call_steps() if (s.item_id, s.turn) == (item_id, turn)), None)
    if step is None:
        raise Http404
    audio = speaking.customer_audio(posting.employer, step)
    source = audio.file.open("rb") if isinstance(audio, CallAudio) else audio.open("rb")
    return FileResponse(source, content_type="audio/wav")
