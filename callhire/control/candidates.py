"""The candidate page's pipeline side: stage, notes, history, CV viewer and duplicates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from callhire.base.candidates import MergeError, application_merge, duplicates_of
from callhire.base.models import Application, Attempt, Note
from callhire.base.pipeline import _MENTION, REJECTION_REASONS, note_add, posting_stages, stage_label
from callhire.control.access import Role, applications_for, get_application, has_role


def note_html(note: Note) -> SafeString:
    """Return a note's text, escaped, with the teammates it mentions highlighted."""
    handles = set()
    for user in note.mentions.all():
        email = (user.email or user.get_username()).lower()
        handles |= {email, email.split("@")[0]}
    parts, last = [], 0
    for match in _MENTION.finditer(note.text):
        if match.group(1).lower() in handles:
            parts += [escape(note.text[last : match.start()]), f'<mark class="mention">{escape(match.group(0))}</mark>']
            last = match.end()
    parts.append(escape(note.text[last:]))
    return mark_safe("".join(parts))  # every piece was escaped above


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def timeline(application: Application) -> list[dict[str, Any]]:
    """Return everything that happened to an application, newest first, in one list."""
    posting = application.posting
    events: list[dict[str, Any]] = []
    for move in application.stage_moves.select_related("user"):
        if move.from_stage:
            title = _("Moved from %(from)s to %(to)s") % {
                "from": stage_label(posting, move.from_stage),
                "to": stage_label(posting, move.to_stage),
            }
        else:
            title = _("Applied: entered %(stage)s") % {"stage": stage_label(posting, move.to_stage)}
        events.append(
            {
                "kind": "move",
                "when": move.created,
                "title": title,
                "who": _person(move.user) or move.get_cause_display(),
                "reason": str(REJECTION_REASONS.get(move.reason, "")) if move.reason else "",
                "text": move.note,
            }
        )
    for note in application.notes.select_related("author").prefetch_related("mentions"):
        events.append(
            {
                "kind": "note",
                "when": note.created,
                "title": _("Note"),
                "who": _person(note.author),
                "html": note_html(note),
            }
        )
    for email in application.emails.select_related("sent_by"):
        events.append(
            {
                "kind": "email",
                "when": email.created,
                "title": _("Email: %(subject)s") % {"subject": email.subject},
                "who": _person(email.sent_by),
                "email": email,
            }
        )
    for invitation in application.invitations.select_related("sent_by"):
        events.append(
            {
                "kind": "invitation",
                "when": invitation.created,
                "title": _("Invited to the assessments"),
                "who": _person(invitation.sent_by),
                "sections": invitation.sections,
            }
        )
    for attempt in application.attempts.all():
        finished = attempt.state == Attempt.State.FINISHED
        events.append(
            {
                "kind": "attempt",
                "when": attempt.finished_at if finished and attempt.finished_at else attempt.started_at,
                "title": _("Finished an assessment") if finished else _("Started an assessment"),
                "who": "",
                "attempt": attempt,
            }
        )
    # Newest first; what happened at the same moment keeps the order it was written in.
    events.sort(key=lambda e: e["when"], reverse=True)
    return events


def candidate_context(request: HttpRequest, application: Application) -> dict[str, Any]:
    """Return what the candidate page shows beyond the verdict and the assessments."""
    employer_id = application.posting.employer_id
    can_move = has_role(request.user, employer_id, Role.RECRUITER)
    duplicates = list(duplicates_of(application, applications_for(request.user)))
    for other in duplicates:
        other.can_merge = can_move and other.posting_id == application.posting_id
    cv_kind = ""
    if application.cv:
        cv_kind = "pdf" if application.cv.name.lower().endswith(".pdf") else "docx"
    return {
        "stages": posting_stages(application.posting),
        "reasons": REJECTION_REASONS,
        "can_move": can_move,
        "timeline": timeline(application),
        "duplicates": duplicates,
        "cv_kind": cv_kind,
        "rejection_reason": str(REJECTION_REASONS.get(application.rejection_reason, "")),
    }


@login_required
@require_POST
def application_note(request: HttpRequest, pk: int) -> HttpResponse:
    # Hiring managers give their feedback as notes, so they may write them too.
    application = get_application(request, pk, Role.HIRING_MANAGER)
    text = request.POST.get("text", "")
    if len(text) > 10_000:
        messages.error(request, _("A note may be at most 10,000 characters."))
    else:
        try:
            note = note_add(application, request.user, text)
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            names = ", ".join(_person(u) for u in note.mentions.all())
            if names:
                messages.success(request, _("Note saved; %(names)s will be told by email.") % {"names": names})
            else:
                messages.success(request, _("Note saved."))
    return redirect("control:application", pk=application.pk)


@login_required
@require_POST
def application_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge another application of the same person to the same posting into this one."""
    application = get_application(request, pk, Role.RECRUITER)
    other_pk = request.POST.get("other", "")
    if not other_pk.isdigit():
        raise Http404
    other = get_object_or_404(applications_for(request.user, Role.RECRUITER), pk=int(other_pk))
    if request.POST.get("confirm") != "on":
        messages.error(request, _("Tick the box to confirm the merge: the other application will be deleted."))
        return redirect("control:application", pk=application.pk)
    try:
        application_merge(application, other, request.user)
    except MergeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The two applications are merged into this one."))
    return redirect("control:application", pk=application.pk)


@login_required
@xframe_options_sameorigin  # shown in the candidate page's own frame, never in anyone else's
def application_cv_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Serve a PDF CV for viewing in the page; a Word CV is shown as the text read from it."""
    application = get_application(request, pk)
    if not application.cv or not application.cv.name.lower().endswith(".pdf"):
        raise Http404
    handle = application.cv.open("rb")
    if handle.read(5) != b"%PDF-":  # checked on upload; checked again before a browser renders it
        handle.close()
        raise Http404
    handle.seek(0)
    response = FileResponse(handle, content_type="application/pdf", filename=f"cv-{application.pk}.pdf")
    response["Content-Disposition"] = f'inline; filename="cv-{application.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
