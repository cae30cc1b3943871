"""The recruiter's view of applications: verdicts, findings, CVs and assessment results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from callhire.assessments import load_bank
from callhire.base import assessing
from callhire.base.i18n import content_language
from callhire.base.models import Attempt, Job
from callhire.base.rescreen import application_findings
from callhire.control.access import get_application, get_posting
from callhire.control.forms import AssessmentSettingsForm, ReviewForm
from callhire.screening import vocab
from callhire.screening.catalog import CATALOG
from callhire.screening.engine import VERDICT_NAMES, describe_value

SORTS = {"date": "-created", "score": "-score", "verdict": "verdict", "name": "name"}


@login_required
def application_list(request: HttpRequest, pk: int) -> HttpResponse:
    from callhire.control.jobs import bulk_form, matching

    posting = get_posting(request, pk)
    rows, sort, verdict = matching(posting, request.GET)
    context = {
        "posting": posting,
        "rows": rows,
        "sort": sort,
        "verdict": verdict,
        "bulk": bulk_form(posting),
        "rescreen": posting.jobs.filter(kind=Job.Kind.RESCREEN).first(),
    }
    return render(request, "control/application_list.html", context)


def _percentile(attempt: Attempt) -> int | None:
    """Return the share of finished attempts at the same section that scored lower (ties count half)."""
    if attempt.score is None:
        return None
    others = Attempt.objects.filter(section=attempt.section, state=Attempt.State.FINISHED, score__isnull=False)
    total = others.count()
    if total < 2:
        return None
    lower = others.filter(score__lt=attempt.score).count()
    same = others.filter(score=attempt.score).count()
    return round(100 * (lower + (same - 1) / 2) / (total - 1))


def _flags(attempt: Attempt) -> list[str]:
    fast = len(attempt.result.get("fast_answers") or [])
    counts = [
        (attempt.tab_leaves, ngettext("Left the page once.", "Left the page %(count)s times.", attempt.tab_leaves)),
        (
            attempt.paste_attempts,
            ngettext("Tried to paste once.", "Tried to paste %(count)s times.", attempt.paste_attempts),
        ),
        (fast, ngettext("Answered one item unusually fast.", "Answered %(count)s items unusually fast.", fast)),
        (
            attempt.disconnects,
            ngettext("Lost the connection once.", "Lost the connection %(count)s times.", attempt.disconnects),
        ),
    ]
    flags = [text % {"count": count} for count, text in counts if count]
    if attempt.result.get("off_the_clock"):
        flags.append(_("More text arrived than the clock allows for: timed by the wall clock, not used as a fact."))
    return flags


def _attempt_view(attempt: Attempt, lang: str) -> dict[str, Any]:
    bank = load_bank(attempt.section)
    by_id = {item.id: item for item in bank.items}
    view: dict[str, Any] = {
        "attempt": attempt,
        "flags": _flags(attempt),
        "percentile": _percentile(attempt),
        "allowed": assessing.attempts_allowed(attempt.application, attempt.section),
    }
    if attempt.section == "typing" and attempt.item_ids:
        passage = by_id.get(attempt.item_ids[0])
        view["passage"] = passage.data.get("text", "") if passage else ""
        view["typed"] = attempt.answers.get("text", "")
    result_data = assessing.skills_result(attempt) if attempt.section == "skills" else attempt.result
    view["result"] = result_data
    items = []
    for result in result_data.get("items", []):
        item = by_id.get(result.get("item_id"))
        public = bank.public_item(item, lang) if item else {}
        items.append(
            {"result": result, "prompt": public.get("prompt") or public.get("text", ""), "kind": public.get("kind", "")}
        )
    view["items"] = items
    view["reply"] = next((i for i in items if i["kind"] == "text_reply"), None)
    return view


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk)
    lang = content_language()
    facts = []
    for fact, value in application.facts.items():
        req = next((r for r in CATALOG.values() if r.fact == fact), None)
        if req is None:
            continue
        source = application.fact_sources.get(fact, "declared")
        facts.append(
            {
                "label": req.label_in(lang),
                "value": describe_value(req, value, lang),
                "source": vocab.name_of(vocab.FACT_SOURCES, source, lang),
                "origin": application.fact_origins.get(fact, ""),
            }
        )
    findings = [
        {
            **f,
            "label": CATALOG[f["key"]].label_in(lang) if f["key"] in CATALOG else f["key"],
            "reason": f["reason_ms"] if lang == "ms" else f["reason_en"],
        }
        for f in application_findings(application)  # worked out here if a re-screen left them out
    ]
    attempts = [_attempt_view(a, lang) for a in application.attempts.filter(state=Attempt.State.FINISHED)]
    in_progress = application.attempts.filter(state=Attempt.State.STARTED)
    context = {
        "application": application,
        "posting": application.posting,
        "facts": facts,
        "findings": findings,
        "attempts": attempts,
        "in_progress": in_progress,
        "invitations": application.invitations.all(),
        "review_form": ReviewForm(),
        "verdict_name": VERDICT_NAMES.get(application.verdict, ("", ""))[1 if lang == "ms" else 0],
    }
    return render(request, "control/application_detail.html", context)


@login_required
def application_cv(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk)
    if not application.cv:
        raise Http404
    name = f"cv-{application.pk}.{application.cv.name.rsplit('.', 1)[-1]}"
    return FileResponse(application.cv.open("rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def application_invite(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk)
    if assessing.invitation_send(application, user=request.user) is None:
        messages.error(request, _("This posting uses no assessments. Choose its sections first."))
    else:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": application.email})
    return redirect("control:application", pk=application.pk)


@login_required
@require_POST
def application_grant(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    application = get_application(request, pk)
    if section not in assessing.SECTIONS:
        raise Http404
    assessing.attempt_grant(application, section, user=request.user)
    messages.success(request, _("The candidate may take this section once more."))
    return redirect("control:application", pk=application.pk)


@login_required
@require_POST
def attempt_review(request: HttpRequest, pk: int, attempt_pk: int) -> HttpResponse:
    application = get_application(request, pk)
    attempt = get_object_or_404(application.attempts, pk=attempt_pk, section="skills", state=Attempt.State.FINISHED)
    form = ReviewForm(request.POST)
    if form.is_valid():
        assessing.attempt_review(attempt, form.cleaned_data["score"], user=request.user)
        messages.success(request, _("Your score is saved and the application was screened again."))
    else:
        messages.error(request, _("Give a whole number from 0 to 100."))
    return redirect("control:application", pk=application.pk)


@login_required
def posting_assessments(request: HttpRequest, pk: int) -> HttpResponse:
    posting = get_posting(request, pk)
    config = assessing.assessment_config(posting)
    initial = {
        "sections": config["sections"],
        "typing_minutes": config["typing_minutes"],
        "auto_invite": config["auto_invite"],
        **config["pass_marks"],
    }
    form = AssessmentSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        posting.assessment_config = {
            "sections": data["sections"],
            "typing_minutes": data["typing_minutes"],
            "pass_marks": {name: data[name] for name in ("math", "writing", "computer")},
            "auto_invite": data["auto_invite"],
        }
        posting.save(update_fields=["assessment_config"])
        messages.success(request, _("Assessment settings saved."))
        return redirect("control:posting", pk=posting.pk)
    return render(request, "control/assessment_settings.html", {"posting": posting, "form": form})
