"""Voice test and sample call: chunked recordings, the audio check, background scoring, facts.

The browser records with MediaRecorder and uploads a numbered chunk every second, so a dropped
connection costs at most the chunk in flight, which the page sends again. Chunks are kept as
separate files in the default storage (local disk or S3-compatible: storage cannot append) and
joined when the candidate stops. The audio is checked at once, so a silent, clipped or too short
recording can be taken again while the candidate is still there; scoring runs in a worker.

Only clarity, fluency and intelligibility are measured (callhire.speech); accent as such never is.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from callhire import speech
from callhire.assessments import LANGS, Bank, load_bank
from callhire.base.models import Application, Attempt, CallAudio, Employer, Recording
from callhire.base.tasks import enqueue, task

log = logging.getLogger(__name__)

VOICE_SECTIONS = ("voice", "sample_call")
READ_ITEMS = 3  # scripts per voice test, drawn from the bank in the candidate's language if it can be scored
MAX_TAKES = 3  # a silent, clipped or too short recording may be taken again twice
MAX_CHUNK_BYTES = 1024 * 1024  # a second of Opus is a few kilobytes; this leaves room for any browser
CHECK_PROBLEMS = ("silent", "clipped", "too_short")
# What MediaRecorder produces, by how the file starts: WebM (Chrome, Firefox), Ogg, MP4 (Safari).
CONTAINERS = {"webm": b"\x1a\x45\xdf\xa3", "ogg": b"OggS", "mp4": b"ftyp"}
CUSTOMER_VOICES = {"en": "en-us", "ms": "ms"}


class RecordingError(Exception):
    """A request about a recording that cannot be met; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400, **extra: Any):
        super().__init__(message)
        self.status = status
        self.extra = extra


@dataclass(frozen=True)
class Step:
    """One thing the candidate says: a script to read, or the answer to one customer turn."""

    item_id: str
    turn: int
    kind: str
    lang: str
    text: str  # the script, or what the customer says
    keywords: tuple[str, ...] = ()
    rubric: str = ""
    max_seconds: int = 60
    title: str = ""
    context: str = ""


@functools.cache
def _bank(section: str) -> Bank:
    # The shipped banks never change while the process runs; parsing YAML on every chunk would.
    return load_bank(section)


def max_recording_bytes() -> int:
    return int(getattr(settings, "CALLHIRE_MAX_RECORDING_BYTES", 8 * 1024 * 1024))


# Items and steps -----------------------------------------------------------------------------


def voice_language(section: str, lang: str) -> str:
    """Return the language a section's items are given in to a candidate who reads ``lang``.

    The candidate's own language when the speech backend can score it and the bank has items in
    it; otherwise English (or the backend's first language with items): a script the backend
    cannot score would only turn the candidate's effort into a failed recording.
    """
    bank = _bank(section)
    scorable = speech.scoring_languages()
    for candidate in (lang, "en", *scorable):
        if candidate in scorable and candidate in LANGS and bank.passages(candidate):
            return candidate
    raise RecordingError(f"the {section} bank has no items in a language the speech backend scores", 500)


def pick_items(section: str, lang: str, rng: random.Random | None = None) -> list[str]:
    """Choose an attempt's items: three scripts, or one call, in a language that can be scored."""
    rng = rng or random.SystemRandom()
    bank = _bank(section)
    items = bank.passages(voice_language(section, lang))
    if section == "voice":
        return [item.id for item in rng.sample(items, min(READ_ITEMS, len(items)))]
    return [rng.choice(items).id]


def steps_of(section: str, item_ids: list[str]) -> list[Step]:
    """Return what the candidate records for these items, in order."""
    bank = _bank(section)
    steps = []
    for item_id in item_ids:
        d = bank.get(item_id).data
        if section == "voice":
            steps.append(Step(item_id, 0, Recording.Kind.READ, d["lang"], d["script"], max_seconds=60))
            continue
        for n, turn in enumerate(d["turns"], 1):
            steps.append(
                Step(
                    item_id,
                    n,
                    Recording.Kind.CALL,
                    d["lang"],
                    turn["customer"],
                    tuple(turn["keywords"]),
                    turn["rubric"],
                    turn["max_seconds"],
                    d["title"],
                    d["context"],
                )
            )
    return steps


def find_step(attempt: Attempt, item_id: str, turn: int) -> Step:
    for step in steps_of(attempt.section, attempt.item_ids):
        if step.item_id == item_id and step.turn == turn:
            return step
    raise RecordingError("no such item in this attempt", 404)


# Upload --------------------------------------------------------------------------------------


def _container(data: bytes) -> str | None:
    for name, magic in CONTAINERS.items():
        if data.startswith(magic) or (name == "mp4" and data[4:8] == magic):
            return name
    return None


def chunk_store(attempt: Attempt, item_id: str, turn: int, index: int, data: bytes) -> Recording:
    """Store chunk `index` of a recording; a chunk sent again is accepted once and ignored after.

    Chunks must arrive in order: a gap answers 409 with the index expected, and the page sends
    again from there.
    """
    find_step(attempt, item_id, turn)
    if len(data) > MAX_CHUNK_BYTES:
        raise RecordingError("chunk too large", 413)
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.state != Attempt.State.STARTED:
            raise RecordingError("the section is finished", 409, finished=True)
        step = find_step(attempt, item_id, turn)
        recording, _ = Recording.objects.get_or_create(
            attempt=attempt, item_id=item_id, turn=turn, defaults={"kind": step.kind}
        )
        if recording.state != Recording.State.UPLOADING:
            raise RecordingError("this recording is closed", 409, state=recording.state, received=recording.chunks)
        if index < recording.chunks:
            return recording  # sent again after a lost answer: already stored
        if index > recording.chunks:
            raise RecordingError("a chunk is missing", 409, expected=recording.chunks, received=recording.chunks)
        if not data:
            raise RecordingError("empty chunk", 400)
        if index == 0:
            container = _container(data)
            if container is None:
                raise RecordingError("not a recording this page can make", 415)
            recording.content_type = container
        if recording.size + len(data) > max_recording_bytes():
            raise RecordingError("the recording is too long", 413)
        name = recording.chunk_name(index)
        if default_storage.exists(name):  # left by a request that failed before it committed
            default_storage.delete(name)
        default_storage.save(name, ContentFile(data))
        recording.chunks += 1
        recording.size += len(data)
        recording.save(update_fields=["chunks", "size", "content_type"])
    return recording


def _join_chunks(recording: Recording) -> None:
    """Join the stored chunks into the recording's file and delete them."""
    names = [recording.chunk_name(i) for i in range(recording.chunks)]
    with tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024) as whole:
        for name in names:
            with default_storage.open(name, "rb") as part:
                shutil.copyfileobj(part, whole)
        whole.seek(0)
        if recording.file:
            recording.file.delete(save=False)
        recording.file.save(f"{recording.pk}-{recording.takes}.{recording.content_type or 'webm'}", whole, save=False)
    for name in names:
        default_storage.delete(name)


@contextlib.contextmanager
def local_path(field) -> Iterator[str]:
    """Yield a path on this machine holding the file (a copy when the storage is remote)."""
    try:
        path = field.path
    except NotImplementedError:
        path = None  # S3 and the like have no local path
    if path is not None:
        yield path
        return
    suffix = Path(field.name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        with field.open("rb") as source:
            shutil.copyfileobj(source, copy)
        copy.flush()
        yield copy.name


def recording_finish(recording: Recording, chunks: int) -> Recording:
    """Close a recording the page says has `chunks` chunks: join them, check the audio, queue scoring."""
    with transaction.atomic():
        recording = Recording.objects.select_for_update().select_related("attempt").get(pk=recording.pk)
        if recording.state != Recording.State.UPLOADING:
            return recording  # a second "finish" (double click, a retried request) changes nothing
        if chunks > recording.chunks:
            raise RecordingError("chunks are missing", 409, expected=recording.chunks, received=recording.chunks)
        if recording.chunks == 0:
            raise RecordingError("nothing was recorded", 400)
        _close(recording)
    return recording


def _close(recording: Recording, *, final: bool = False) -> None:
    """Join, check and (when the audio is usable) queue the scoring of a locked recording.

    `final`: no other take is possible (the section has ended), so whatever there is gets scored.
    """
    _join_chunks(recording)
    with local_path(recording.file) as path:
        try:
            check = speech.check_audio(path)
        except speech.SpeechError as exc:
            check = {"problem": "unreadable", "message": str(exc)}
    recording.audio_check = check
    recording.finished_at = timezone.now()
    problem = check.get("problem") or ""
    if problem in CHECK_PROBLEMS and recording.takes < MAX_TAKES and not final:
        recording.state = Recording.State.RETRY
    elif problem == "unreadable":
        recording.state = Recording.State.FAILED
        recording.error = "unreadable"
    else:
        recording.state = Recording.State.PENDING
        pk = recording.pk
        enqueue(score_recording_task, pk)
    recording.save()


def recording_restart(recording: Recording) -> Recording:
    """Start another take of a recording that was silent, clipped, too short or cut off."""
    with transaction.atomic():
        recording = Recording.objects.select_for_update().select_related("attempt").get(pk=recording.pk)
        if recording.attempt.state != Attempt.State.STARTED:
            raise RecordingError("the section is finished", 409, finished=True)
        if recording.state not in (Recording.State.RETRY, Recording.State.UPLOADING):
            raise RecordingError("this recording is kept", 409, state=recording.state)
        if recording.takes >= MAX_TAKES:
            raise RecordingError("no more takes", 409, state=recording.state)
        for index in range(recording.chunks):
            default_storage.delete(recording.chunk_name(index))
        if recording.file:
            recording.file.delete(save=False)
        recording.takes += 1
        recording.chunks = recording.size = 0
        recording.audio_check = {}
        recording.state = Recording.State.UPLOADING
        recording.finished_at = None
        recording.save()
    return recording


def attempt_close(attempt: Attempt) -> None:
    """When a section ends, keep what was recorded: close cut-off recordings and accept retries."""
    for recording in attempt.recordings.select_for_update().all():
        if recording.state == Recording.State.UPLOADING and recording.chunks:
            _close(recording, final=True)  # no time left for another take: score what there is
        elif recording.state == Recording.State.UPLOADING:
            recording.delete()
        elif recording.state == Recording.State.RETRY:
            recording.state = Recording.State.PENDING
            recording.save(update_fields=["state"])
            enqueue(score_recording_task, recording.pk)
    attempt.result = section_result(attempt)
    attempt.score = attempt.result.get("overall")


# Scoring -------------------------------------------------------------------------------------


@task
def score_recording_task(recording_pk: int) -> None:
    """Score one recording with the speech core, then update the section and the facts."""
    recording = Recording.objects.select_related("attempt__application").filter(pk=recording_pk).first()
    if recording is None or recording.state != Recording.State.PENDING:
        return  # erased meanwhile, or already scored by an earlier delivery of this task
    step = find_step(recording.attempt, recording.item_id, recording.turn)
    try:
        with local_path(recording.file) as path:
            result = speech.score_recording(
                path,
                kind=step.kind,
                script=step.text if step.kind == Recording.Kind.READ else "",
                keywords=step.keywords,
                language=step.lang,
            )
    except speech.SpeechError as exc:
        updates: dict[str, Any] = {"state": Recording.State.FAILED, "error": str(exc)[:300]}
    else:
        overall = result.get("overall")
        updates = {
            "state": Recording.State.SCORED,
            "result": result,
            "overall": None if overall is None else max(0, min(100, round(overall))),
        }
    updates["scored_at"] = timezone.now()
    # Only a recording still waiting takes the result: it may have been erased or scored meanwhile.
    if Recording.objects.filter(pk=recording_pk, state=Recording.State.PENDING).update(**updates):
        attempt_scored(recording.attempt_id)


def section_result(attempt: Attempt) -> dict[str, Any]:
    """Summarise a section's recordings: each step's score and the overall (None while scoring)."""
    recordings = {(r.item_id, r.turn): r for r in attempt.recordings.all()}
    steps = []
    scores: list[int] = []
    waiting = False
    for step in steps_of(attempt.section, attempt.item_ids):
        recording = recordings.get((step.item_id, step.turn))
        state = recording.state if recording else "missing"
        score = recording.score if recording else None
        if recording is not None and state in (Recording.State.PENDING, Recording.State.UPLOADING):
            waiting = waiting or state == Recording.State.PENDING
        elif score is not None:
            scores.append(score)
        elif _counts_as_nothing(recording):
            scores.append(0)
        steps.append({"item_id": step.item_id, "turn": step.turn, "state": state, "score": score})
    overall = round(sum(scores) / len(scores)) if scores and not waiting else None
    return {"steps": steps, "overall": overall, "scoring": waiting}


def _counts_as_nothing(recording: Recording | None) -> bool:
    # An answer never given, or silence kept after the retries, scores 0; audio we could not read
    # (a codec we do not know) is our problem, not the candidate's, and is left out.
    if recording is None:
        return True
    return recording.state == Recording.State.FAILED and recording.error != "unreadable"


def attempt_scored(attempt_pk: int) -> None:
    """Recompute a finished section's score; once nothing is waiting, set the facts and screen again."""
    from callhire.base import assessing

    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt_pk)
        if attempt.state != Attempt.State.FINISHED:
            return  # the candidate is still recording; the section is scored when it ends
        attempt.result = section_result(attempt) | {"fast_answers": attempt.result.get("fast_answers", [])}
        attempt.score = attempt.result["overall"]
        attempt.save(update_fields=["result", "score"])
    if not attempt.result["scoring"]:
        assessing.facts_update(attempt.application)


def recording_review(recording: Recording, score: int | None, *, user) -> None:
    """Set (or, with None, clear) the recruiter's own rating of a recording; it wins over the automatic one."""
    recording.reviewed_score = None if score is None else max(0, min(100, int(score)))
    recording.reviewed_by = user if score is not None else None
    recording.save(update_fields=["reviewed_score", "reviewed_by"])
    attempt_scored(recording.attempt_id)


def speaking_facts(application: Application) -> tuple[int | None, set[str]]:
    """Return the speaking score (the voice test's, else the sample call's) and the codes completed."""
    score: int | None = None
    done: set[str] = set()
    for section in reversed(VOICE_SECTIONS):  # the voice test, when taken, has the last word
        attempt = application.attempts.filter(section=section, state=Attempt.State.FINISHED).order_by("-number").first()
        if attempt is None:
            continue
        result = section_result(attempt)
        if result["overall"] is None:
            continue
        done.add(section)
        score = result["overall"]
    return score, done


# Files ---------------------------------------------------------------------------------------


def recording_files_delete(recording: Recording) -> None:
    """Delete a recording's audio and any chunks not yet joined."""
    for index in range(recording.chunks):
        default_storage.delete(recording.chunk_name(index))
    if recording.file:
        recording.file.delete(save=False)


def recordings_erase(application: Application) -> None:
    """Delete the audio of every recording of an application (the rows go with the application)."""
    for recording in Recording.objects.filter(attempt__application=application).select_related("attempt"):
        recording_files_delete(recording)


@receiver(post_delete, sender=Recording)
def _delete_files(sender, instance: Recording, **kwargs) -> None:
    # However a recording goes (erasure, a deleted posting or employer), its audio goes with it.
    transaction.on_commit(lambda: recording_files_delete(instance))


@receiver(post_delete, sender=CallAudio)
def _delete_call_audio(sender, instance: CallAudio, **kwargs) -> None:
    if instance.file:
        transaction.on_commit(lambda: instance.file.delete(save=False))


# The customer's voice ------------------------------------------------------------------------


def generated_audio_dir() -> Path:
    return Path(getattr(settings, "CALLHIRE_CALL_AUDIO_DIR", settings.VAR_DIR / "call-audio"))


def generated_audio(step: Step, *, refresh: bool = False) -> Path:
    """Return the espeak-ng recording of a customer's turn, making it first when it is missing."""
    folder = generated_audio_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{step.item_id}-{step.turn}.wav"
    if refresh or not path.exists():
        part = path.with_suffix(f".{os.getpid()}.part")
        # -s 150: a calm caller's pace; written aside and renamed, so a player never gets half a file.
        subprocess.run(  # noqa: S603 - fixed program, text from our own bank
            ["espeak-ng", "-v", CUSTOMER_VOICES.get(step.lang, "en-us"), "-s", "150", "-w", str(part), step.text],
            check=True,
            capture_output=True,
            timeout=60,
        )
        part.replace(path)
    return path


def generated_audio_all(*, refresh: bool = False) -> list[Path]:
    """Make the customer's voice of every turn of every sample call in the bank (practice calls too)."""
    bank = _bank("sample_call")
    return [generated_audio(step, refresh=refresh) for step in steps_of("sample_call", [i.id for i in bank.items])]


def call_audio_save(employer: Employer, step: Step, upload, seconds: float, *, user=None) -> CallAudio:
    """Store an employer's own recording of a customer's turn, replacing an earlier one."""
    with transaction.atomic():
        old = CallAudio.objects.filter(employer=employer, item_id=step.item_id, turn=step.turn).first()
        if old is not None:
            old.delete()  # its file goes after the commit (see _delete_call_audio)
        audio = CallAudio(employer=employer, item_id=step.item_id, turn=step.turn, duration=seconds, uploaded_by=user)
        audio.file.save("turn.wav", upload, save=False)
        audio.save()
    return audio


def customer_audio(employer: Employer, step: Step) -> CallAudio | Path:
    """Return the employer's own recording of a turn when there is one, else the generated voice."""
    own = CallAudio.objects.filter(employer=employer, item_id=step.item_id, turn=step.turn).first()
    return own if own is not None else generated_audio(step)
