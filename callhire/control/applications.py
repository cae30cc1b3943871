"""The recruiter's view of applications: verdicts, findings, CVs and assessment results."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from callhire.assessments import load_bank
from callhire.base import assessing, speaking
from callhire.base.i18n import content_language
from callhire.base.models import Application, Attempt, Job
from callhire.base.models.core import VERDICT_ORDER, fact_rank, score_rank, verdict_rank
from callhire.base.pipeline import posting_stages
from callhire.base.rescreen import application_findings
from callhire.base.search import search_applications
from callhire.base.techcheck import result_cards
from callhire.control.access import Role, applications_for, get_application, get_posting, has_role
from callhire.control.candidates import candidate_context
from callhire.control.forms import AssessmentSettingsForm, ReviewForm
from callhire.control.speaking import recording_views
from callhire.screening import vocab
from callhire.screening.catalog import CATALOG
from callhire.screening.engine import VERDICT_NAMES, describe_value

# Each sort puts the best first; an application without the value goes last.
SORTS = {
    "date": [F("created").desc()],
    "score": [score_rank("screening__score").desc()],
    # Within a verdict, the best score first.
    "verdict": [verdict_rank("screening__verdict"), score_rank("screening__score").desc()],
    "name": [F("name").asc()],
    "typing": [fact_rank("typing_wpm").desc()],
    "judgement": [fact_rank("service_judgement_score").desc()],
    "stage_date": [F("stage_changed").asc()],
}
PAGE_SIZE = 50
COUNT_CAP = 2_000


class CappedPaginator(Paginator):
    """Count at most COUNT_CAP + 1 rows: an exact count of a big posting costs more than the page."""

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: COUNT_CAP + 1].count()  # no order: any index will do

    def is_capped(self) -> bool:
        return self.count > COUNT_CAP


def filter_applications(rows: QuerySet[Application], params) -> tuple[QuerySet[Application], dict[str, str]]:
    """Apply the list's filters from the query string; return the rows and the filters in use.

    Language is one the candidate speaks: the language they applied in, or one of the
    languages they declared (the "languages" fact). Location is matched in the residence they
    gave (the "residence" fact: country, region, city or postcode), not the posting's place.
    """
    chosen = {
        name: params.get(name, "").strip()[:100] for name in ("verdict", "stage", "source", "language", "location", "q")
    }
    if chosen["verdict"] in VERDICT_ORDER:
        # Filtered by its rank, the expression of the index screening_by_verdict, so that index serves.
        rank = VERDICT_ORDER.index(chosen["verdict"])
        rows = rows.alias(verdict_rank=verdict_rank("screening__verdict")).filter(verdict_rank=rank)
    if chosen["stage"]:
        rows = rows.filter(stage=chosen["stage"])
    if chosen["source"]:
        rows = rows.filter(source=chosen["source"])
    if re.fullmatch(r"[a-z]{2}", chosen["language"]):
        code = chosen["language"]
        rows = rows.filter(Q(language=code) | Q(facts__languages__icontains=f'"{code}"'))
    if chosen["location"]:
        rows = rows.filter(facts__residence__icontains=chosen["location"])
    if chosen["q"]:
        rows = search_applications(rows, chosen["q"])
    return rows, chosen


def listed_applications(rows, params, posting) -> tuple:
    """Filter and sort one posting's applications as the list does; return (rows, the filters chosen, the sort)."""
    # A row needs neither the CV's text, the findings nor the facts' provenance, which can be long.
    rows = rows.select_related("screening").defer(
        "cv_text", "findings", "fact_sources", "fact_origins", "attempts_granted"
    )
    rows, chosen = filter_applications(rows, params)
    sort = params.get("sort") or ("relevance" if chosen["q"] else "date")
    if not (sort == "relevance" and chosen["q"]):  # a search keeps the order search_applications ranked
        sort = sort if sort in SORTS else "date"
        rows = rows.order_by(*SORTS[sort], "-pk")
    if sort in ("score", "verdict") or chosen["verdict"]:
        # The screening's posting too, so the database reads the rows in order from its indexes.
        rows = rows.filter(screening__posting=posting)
    return rows, chosen, sort


def posting_sources(posting) -> list[str]:
    """Return the sources a posting's applications came from, for the filter's choices."""
    # Reading them takes a pass over the posting's applications; they change rarely, so keep them a while.
    key = f"callhire:posting-sources:{posting.pk}"
    sources = cache.get(key)
    if sources is None:
        rows = posting.applications.exclude(source="").order_by("source").values_list("source", flat=True)
        sources = list(rows.distinct()[:100])
        cache.set(key, sources, 300)
    return sources


@login_required
def application_list(request: HttpRequest, pk: int) -> HttpResponse:
    from callhire.control.jobs import bulk_form

    posting = get_posting(request, pk)
    recruiter = has_role(request.user, posting.employer_id, Role.RECRUITER)
    # A recruiter sees all of the posting's applications, a hiring manager the shortlist; the
    # plain query lets the database count and sort a recruiter's list from its indexes alone.
    rows = posting.applications.all() if recruiter else applications_for(request.user).filter(posting=posting)
    rows, chosen, sort = listed_applications(rows, request.GET, posting)
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    stages = posting_stages(posting)
    labels = {stage.key: stage.label for stage in stages}
    for row in page.object_list:
        row.stage_label = labels.get(row.stage) or row.get_stage_display()
    sources = posting_sources(posting)
    keep = request.GET.copy()
    keep.pop("page", None)
    context = {
        "posting": posting,
        "page": page,
        "rows": page.object_list,
        "sort": sort,
        "verdict": chosen["verdict"],
        "chosen": chosen,
        "stages": stages,
        "sources": sources,
        "count_cap": f"{COUNT_CAP:,}",
        "languages": settings.LANGUAGES,
        "query": keep.urlencode(),
        "can_act": recruiter,
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
    if attempt.section in speaking.VOICE_SECTIONS:
        view["recordings"] = recording_views(attempt)
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
        "techchecks": [{"run": run, "cards": result_cards(run, lang)} for run in application.techchecks.all()],
        "review_form": ReviewForm(),
        "verdict_name": VERDICT_NAMES.get(application.verdict, ("", ""))[1 if lang == "ms" else 0],
        **candidate_context(request, application),
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
    application = get_application(request, pk, Role.RECRUITER)
    if assessing.invitation_send(application, user=request.user) is None:
        messages.error(request, _("This posting uses no assessments. Choose its sections first."))
    else:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": application.email})
    return redirect("control:application", pk=application.pk)


@login_required
@require_POST
def application_grant(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    application = get_application(request, pk, Role.RECRUITER)
    if section not in assessing.SECTIONS:
        raise Http404
    assessing.attempt_grant(application, section, user=request.user)
    messages.success(request, _("The candidate may take this section once more."))
    return redirect("control:application", pk=application.pk)


@login_required
@require_POST
def attempt_review(request: HttpRequest, pk: int, attempt_pk: int) -> HttpResponse:
    application = get_application(request, pk, Role.RECRUITER)
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
    posting = get_posting(request, pk, Role.RECRUITER)
    config = assessing.assessment_config(posting)
    initial = {
        "sections": config["sections"],
        "typing_minutes": config["typing_minutes"],
        "auto_invite": config["auto_invite"],
        "techcheck": bool((posting.assessment_config or {}).get("techcheck")),
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
            "techcheck": data["techcheck"],
        }
        posting.save(update_fields=["assessment_config"])
        messages.success(request, _("Assessment settings saved."))
        return redirect("control:posting", pk=posting.pk)
    return render(request, "control/assessment_settings.html", {"posting": posting, "form": form})
