"""The pipeline board: a posting's applications in columns by stage, moved by drag and drop or a form.

The board is a page of forms: every card carries a "Move to" form that works without
JavaScript, and board.js adds drag and drop on top, posting to the same view.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from callhire.base.emails import template_send
from callhire.base.models import Application, Posting, StageMove
from callhire.base.models.core import score_rank
from callhire.base.pipeline import (
    FIRST,
    HIRED,
    REJECTION_REASONS,
    StageError,
    clean_stages,
    posting_stages,
    stage_move,
)
from callhire.control.access import Role, applications_for, get_application, get_posting, has_role

CARDS_PER_COLUMN = 50  # a column shows the top of its stage; the list shows all of it


def posting_applications(user, posting: Posting, recruiter: bool):
    """Return the posting's applications the user may see, having checked their role at its employer."""
    # A recruiter sees them all: the plain query lets the database answer from its indexes.
    return posting.applications.all() if recruiter else applications_for(user).filter(posting=posting)


COUNT_CAP = 1000  # a column counts this far and then says "1,000+"


def stage_counts(posting: Posting, visible) -> dict[str, str]:
    """Return each stage's count as shown on the board, counting at most COUNT_CAP + 1 rows per stage.

    An exact count would read every application of a big posting on every page view; past a
    thousand the number matters less than the cards (the analytics give exact funnels).
    """
    counts = {}
    for stage in posting_stages(posting):
        n = visible.filter(stage=stage.key).order_by()[: COUNT_CAP + 1].count()
        counts[stage.key] = f"{COUNT_CAP:,}+" if n > COUNT_CAP else str(n)
    return counts


@login_required
def posting_board(request: HttpRequest, pk: int) -> HttpResponse:
    posting = get_posting(request, pk)
    can_move = has_role(request.user, posting.employer_id, Role.RECRUITER)
    visible = posting_applications(request.user, posting, can_move)
    counts = stage_counts(posting, visible)
    now = timezone.now()
    columns, closed = [], []
    stages = posting_stages(posting)
    for stage in stages:
        if stage.closed:
            closed.append({"stage": stage, "count": counts[stage.key]})
            continue
        cards = list(
            # The screening's posting too, so the database walks its score index, not the whole column.
            visible.filter(stage=stage.key, screening__posting=posting)
            .select_related("screening")
            .only("pk", "name", "stage", "stage_changed", "posting", "screening__verdict", "screening__score")
            .order_by(score_rank("screening__score").desc(), "stage_changed", "pk")[:CARDS_PER_COLUMN]
        )
        for card in cards:
            card.days_in_stage = (now - card.stage_changed).days
        # Each card of a column offers the same "Move to" choices: render them once, not per card.
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((o.key, mark_safe(" selected") if o.key == stage.key else "", o.label) for o in stages),
        )
        columns.append(
            {
                "stage": stage,
                "count": counts[stage.key],
                "more": counts[stage.key] != str(len(cards)),
                "cards": cards,
                "options": options,
            }
        )
    context = {
        "posting": posting,
        "columns": columns,
        "closed": closed,
        "stages": stages,
        "reasons": REJECTION_REASONS,
        "can_move": can_move,
        "cap": CARDS_PER_COLUMN,
    }
    return render(request, "control/board.html", context)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _back(request: HttpRequest, application: Application) -> str:
    """Return where the form came from (the board or the candidate page), if it is on this site."""
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("control:application", args=[application.pk])


@login_required
@require_POST
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an application to another stage; answers JSON to board.js, a redirect to a form."""
    application = get_application(request, pk, Role.RECRUITER)
    to_stage = request.POST.get("stage", "")
    reason = request.POST.get("reason", "")
    note = request.POST.get("note", "").strip()[:2000]
    try:
        move = stage_move(
            application, to_stage, user=request.user, reason=reason, note=note, cause=StageMove.Cause.MANUAL
        )
    except StageError as exc:
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": str(exc)}, status=400)
        messages.error(request, str(exc))
        if to_stage == Application.Stage.REJECTED:
            # The card's short form has no reason: the candidate page's form asks for one.
            return redirect(reverse("control:application", args=[application.pk]) + "#move")
        return redirect(_back(request, application))
    label = application.get_stage_display()
    if move is not None and to_stage == Application.Stage.REJECTED and request.POST.get("notify"):
        log = template_send(application, "rejection", user=request.user)
        if log.error:
            messages.warning(request, _("The rejection email could not be sent: %(error)s") % {"error": log.error})
    if _wants_json(request):
        visible = posting_applications(request.user, application.posting, True)
        return JsonResponse(
            {
                "ok": True,
                "moved": move is not None,
                "stage": application.stage,
                "label": label,
                "counts": stage_counts(application.posting, visible),
                "message": _("%(name)s moved to %(stage)s.") % {"name": application.name, "stage": label},
            }
        )
    if move is not None:
        messages.success(request, _("%(name)s moved to %(stage)s.") % {"name": application.name, "stage": label})
    return redirect(_back(request, application))


# Stage settings ----------------------------------------------------------------------------


def _new_key(label: str, taken: set[str]) -> str:
    base = slugify(label).replace("-", "_")[:30].strip("_") or "stage"
    if not base[0].isalpha():
        base = f"stage_{base}"[:30]
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


@login_required
def posting_stage_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename, reorder, add and remove a posting's stages between "applied" and "hired"."""
    posting = get_posting(request, pk, Role.RECRUITER)
    current = posting_stages(posting, closed=False)
    counts = dict(posting.applications.order_by().values_list("stage").annotate(n=Count("pk")))
    errors: list[str] = []
    rows = []
    for index, stage in enumerate(current):
        rows.append(
            {
                "key": stage.key,
                "label": stage.label,
                "position": index + 1,
                "fixed": stage.key in (FIRST, HIRED),
                "count": counts.get(stage.key, 0),
                "remove": False,
            }
        )
    if request.method == "POST":
        for row in rows:
            row["label"] = request.POST.get(f"label-{row['key']}", row["label"]).strip()[:60] or row["label"]
            row["remove"] = not row["fixed"] and request.POST.get(f"remove-{row['key']}") == "on"
            try:
                row["position"] = float(request.POST.get(f"position-{row['key']}", row["position"]))
            except ValueError:
                errors.append(_("A position must be a number."))
        kept = [r for r in rows if not r["remove"]]
        for row in rows:
            if row["remove"] and row["count"]:
                errors.append(
                    ngettext(
                        "“%(stage)s” still holds %(count)s application; move it to another stage first.",
                        "“%(stage)s” still holds %(count)s applications; move them to another stage first.",
                        row["count"],
                    )
                    % {"stage": row["label"], "count": row["count"]}
                )
        new_label = request.POST.get("new_label", "").strip()[:60]
        if new_label:
            try:
                position = float(request.POST.get("new_position") or len(rows) - 0.5)
            except ValueError:
                position = len(rows) - 0.5
                errors.append(_("A position must be a number."))
            taken = {r["key"] for r in rows} | {"rejected", "withdrawn"}
            kept.append({"key": _new_key(new_label, taken), "label": new_label, "position": position, "fixed": False})
        # Applied stays first and hired last whatever positions were typed.
        ends = {FIRST: float("-inf"), HIRED: float("inf")}
        kept.sort(key=lambda r: ends.get(r["key"], r["position"]))
        if not errors:
            names = dict(Application.Stage.choices)
            entries = []
            for row in kept:
                default = str(names.get(row["key"], ""))
                # A default stage keeps no label of its own, so it shows in each reader's language.
                entries.append({"key": row["key"], "label": "" if row["label"] == default else row["label"]})
            try:
                posting.stages = clean_stages(entries)
            except StageError as exc:
                errors.append(str(exc))
            else:
                posting.save(update_fields=["stages"])
                messages.success(request, _("The stages are saved."))
                return redirect("control:stage_settings", pk=posting.pk)
        for error in errors:
            messages.error(request, error)
    return render(request, "control/stage_settings.html", {"posting": posting, "rows": rows})


@login_required
@require_POST
def posting_stages_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """Go back to the default stages, if no application sits in a stage that would disappear."""
    posting = get_posting(request, pk, Role.RECRUITER)
    keep = {s.key for s in posting_stages(Posting(stages=[]))}
    stranded = posting.applications.exclude(stage__in=keep).count()
    if stranded:
        messages.error(
            request,
            ngettext(
                "%(count)s application is in a stage the default does not have; move it first.",
                "%(count)s applications are in stages the default does not have; move them first.",
                stranded,
            )
            % {"count": stranded},
        )
    else:
        posting.stages = []
        posting.save(update_fields=["stages"])
        messages.success(request, _("The posting uses the default stages again."))
    return redirect("control:stage_settings", pk=posting.pk)
