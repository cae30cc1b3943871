"""The candidate's side: job board, posting page, self-check, application and status page."""

from __future__ import annotations

import json
import time
import uuid
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from callhire.base import interviews, ratelimit, services
from callhire.base.i18n import content_language
from callhire.base.models import Application, Employer, Posting, ProfileVersion
from callhire.base.techcheck import techcheck_wanted
from callhire.postings.writer import write_pay
from callhire.presale import cache
from callhire.presale.forms import ApplicationForm, QuestionsForm, read_cv
from callhire.presale.privacy import NOTICE_VERSION, RETENTION_MONTHS
from callhire.presale.questions import initial_from_facts, questions_for
from callhire.screening import catalog, vocab
from callhire.screening.engine import MET, NOT_MET, WAIVED, Screener, describe_value
from callhire.screening.profile import Profile

PER_PAGE = 20
BOARD_PARAMS = (
    "q",
    "arrangement",
    "location",
    "language",
    "employment",
    "hours",
    "pay_min",
    "pay_period",
    "sort",
    "page",
)
APPLY_MAX_BYTES = 6 * 1024 * 1024  # a 5 MB CV and the form around it


def open_postings() -> QuerySet[Posting]:
    """Return the postings candidates may see and apply to today."""
    today = timezone.localdate()
    return (
        Posting.objects.filter(status=Posting.Status.OPEN)
        .filter(Q(closing_date__isnull=True) | Q(closing_date__gte=today))
        .select_related("employer")
    )


def posting_url(posting: Posting, name: str = "posting") -> str:
    slug = slugify(posting.title)[:60] or "job"
    return reverse(f"presale:{name}", args=[posting.employer.slug, posting.pk, slug])


def _pay_text(posting: Posting, lang: str) -> str:
    if posting.pay_min is None or not posting.pay_period:
        return ""
    pay = {
        "min": float(posting.pay_min),
        "max": float(posting.pay_max or posting.pay_min),
        "currency": posting.pay_currency,
        "period": posting.pay_period,
    }
    return write_pay(pay, lang)


def board(request: HttpRequest, employer_slug: str | None = None) -> HttpResponse:
    employer = get_object_or_404(Employer, slug=employer_slug) if employer_slug else None
    params = {name: request.GET[name][:100] for name in BOARD_PARAMS if request.GET.get(name)}
    return cache.cached_page(request, lambda: _render_board(request, employer), params)


def _render_board(request: HttpRequest, employer: Employer | None) -> HttpResponse:
    lang = content_language()
    postings = open_postings()
    if employer is not None:
        postings = postings.filter(employer=employer)
    params = request.GET
    query = params.get("q", "").strip()[:100]
    if query:
        postings = postings.filter(
            Q(title__icontains=query) | Q(employer__name__icontains=query) | Q(location__icontains=query)
        )
    arrangement = params.get("arrangement", "")
    if arrangement in catalog.WORK_ARRANGEMENTS:
        postings = postings.filter(arrangement=arrangement)
    location = params.get("location", "").strip()[:100]
    if location:
        postings = postings.filter(location__icontains=location)
    language = params.get("language", "")
    if language in vocab.LANGUAGES:
        postings = postings.filter(languages__contains=language)
    employment = params.get("employment", "")
    if employment in catalog.EMPLOYMENT_TYPES:
        postings = postings.filter(employment_type=employment)
    hours = params.get("hours", "")
    if hours in catalog.HOURS:
        postings = postings.filter(hours=hours)
    errors = []
    pay_min = _decimal(params.get("pay_min", ""), errors, _("Minimum pay must be a number."))
    if pay_min is not None:
        postings = postings.filter(pay_max__gte=pay_min)
    pay_period = params.get("pay_period", "")
    if pay_period in catalog.PAY_PERIODS:
        postings = postings.filter(pay_period=pay_period)
    sort = params.get("sort", "newest")
    if sort == "pay":
        postings = postings.order_by("pay_period", "-pay_max", "-created")
    else:
        sort = "newest"
        postings = postings.order_by("-created")
    page = Paginator(postings, PER_PAGE).get_page(params.get("page"))
    rows = [
        {
            "posting": p,
            "url": posting_url(p),
            "pay": _pay_text(p, lang),
            "arrangement": vocab.name_of(catalog.WORK_ARRANGEMENTS, p.arrangement, lang),
            "employment": vocab.name_of(catalog.EMPLOYMENT_TYPES, p.employment_type, lang) if p.employment_type else "",
        }
        for p in page.object_list
    ]
    used_languages = sorted(
        {
            code
            for codes in open_postings().values_list("languages", flat=True)
            for code in codes.split(",")
            if code in vocab.LANGUAGES
        }
    )
    context = {
        "employer": employer,
        "rows": rows,
        "page": page,
        "errors": errors,
        "query": query,
        "filters": {
            "arrangement": arrangement,
            "location": location,
            "language": language,
            "employment": employment,
            "hours": hours,
            "pay_min": params.get("pay_min", "")[:20],
            "pay_period": pay_period,
            "sort": sort,
        },
        "arrangements": [(k, v[1] if lang == "ms" else v[0]) for k, v in catalog.WORK_ARRANGEMENTS.items()],
        "employments": [(k, v[1] if lang == "ms" else v[0]) for k, v in catalog.EMPLOYMENT_TYPES.items()],
        "hours_choices": [(k, v[1] if lang == "ms" else v[0]) for k, v in catalog.HOURS.items()],
        "periods": [(k, v[1] if lang == "ms" else v[0]) for k, v in catalog.PAY_PERIODS.items()],
        "languages": [(code, vocab.name_of(vocab.LANGUAGES, code, lang)) for code in used_languages],
        "querystring": _querystring(params),
    }
    return render(request, "presale/board.html", context)


def _decimal(text: str, errors: list[str], message: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors.append(message)
        return None
    return value if value.is_finite() and value >= 0 else None


def _querystring(params) -> str:
    kept = params.copy()
    kept.pop("page", None)
    return kept.urlencode()


def _get_posting(employer_slug: str, pk: int) -> tuple[Posting, ProfileVersion]:
    """Return a posting candidates may see, with its current profile version; 404 for drafts."""
    posting = get_object_or_404(Posting.objects.select_related("employer"), pk=pk, employer__slug=employer_slug)
    version = posting.current_version()
    if posting.status == Posting.Status.DRAFT or version is None:
        raise Http404
    return posting, version


def _closed(request: HttpRequest, posting: Posting) -> HttpResponse:
    return render(request, "presale/closed.html", {"posting": posting}, status=410)


def posting_detail(request: HttpRequest, employer_slug: str, pk: int, slug: str) -> HttpResponse:
    posting, version = _get_posting(employer_slug, pk)
    canonical = posting_url(posting)
    if request.path != canonical:
        # One address per posting: any other slug redirects, so no page is cached twice.
        return redirect(canonical, permanent=True)
    return cache.cached_page(request, lambda: _render_posting(request, posting, version))


def _render_posting(request: HttpRequest, posting: Posting, version: ProfileVersion) -> HttpResponse:
    if not posting.is_accepting():
        return _closed(request, posting)
    lang = content_language()
    description = services.describe_posting(posting, lang, "html", version=version)
    context = {
        "posting": posting,
        "description": mark_safe(description),  # the writer escapes
        "json_ld": _json_ld(posting, version.profile(), description),
        "check_url": posting_url(posting, "self_check"),
        "apply_url": posting_url(posting, "apply"),
        "pay": _pay_text(posting, lang),
    }
    return render(request, "presale/posting.html", context)


def _json_ld(posting: Posting, profile: Profile, description: str) -> str:
    """Return the schema.org JobPosting of a posting, safe to put inside a script element."""
    employer = posting.employer
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": description,
        "datePosted": posting.created.date().isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": employer.name},
        "directApply": True,
        "url": settings.SITE_URL.rstrip("/") + posting_url(posting),
    }
    if employer.website:
        data["hiringOrganization"]["sameAs"] = employer.website
    if posting.closing_date:
        data["validThrough"] = f"{posting.closing_date.isoformat()}T23:59:59"
    kinds = []
    if posting.hours:
        kinds.append(posting.hours.upper())
    if posting.employment_type == "contractor":
        kinds.append("CONTRACTOR")
    if profile.job.get("fixed_term"):
        kinds.append("TEMPORARY")
    if kinds:
        data["employmentType"] = kinds
    if posting.location:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": posting.location},
        }
    if posting.arrangement == "remote":
        data["jobLocationType"] = "TELECOMMUTE"
        residency = profile.rule("residency")
        if residency:
            data["applicantLocationRequirements"] = [
                {"@type": "AdministrativeArea", "name": n} for n in residency.value
            ]
    if posting.pay_min is not None:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": posting.pay_currency,
            "value": {
                "@type": "QuantitativeValue",
                "minValue": float(posting.pay_min),
                "maxValue": float(posting.pay_max or posting.pay_min),
                "unitText": posting.pay_period.upper(),
            },
        }
    # As Django's json_script does: inside <script>, no <, > or & may appear raw.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# Self-check -------------------------------------------------------------------------------


def _emphasis(key: str) -> str:
    # Listed here so makemessages finds every sentence.
    texts = {
        "customer_service_experience_months": _(
            "Retail, hospitality and other work serving people count as customer-service experience: describe it "
            "in your application."
        ),
        "call_center_experience_months": _("Name the call centers you worked at, the kind of calls and for how long."),
        "sales_experience_months": _("Mention any sales targets you met, in a shop or on the phone."),
        "languages": _("Say which languages you speak, how well, and which you could serve customers in."),
        "computer_skills": _(
            "List the software you use: office programs, email, chat tools, CRM or ticketing systems."
        ),
        "licenses": _("Give the number and expiry date of each licence or certificate."),
        "industry_knowledge": _("Describe what you know of the industry, from work, study or as a customer."),
        "education": _("Give your highest qualification with its local name, for example SPM or Diploma."),
        "typing_wpm": _("Practise typing: the typing test measures your speed and accuracy."),
        "speaking_score": _("Speak clearly and at a steady pace in the voice test; your accent is not scored."),
    }
    return texts.get(key, "")


def _check_rows(profile: Profile, facts: dict[str, Any], asked: set[str], lang: str) -> list[dict[str, Any]]:
    result = Screener(profile).screen(facts)
    rows = []
    for finding in result.findings():
        req = catalog.CATALOG[finding.key]
        rule = profile.rule(finding.key)
        assert rule is not None
        if finding.status == WAIVED:
            outcome, text = "waived", _("Not needed for this position.")
        elif finding.status == MET:
            outcome, text = "met", _("You meet this.")
        elif finding.status == NOT_MET:
            outcome, text = "not_met", _("You do not meet this yet.")
        elif req.fact not in asked and "measured" in req.sources:
            outcome, text = "assessment", _("To be measured by an assessment after you apply.")
        elif req.fact not in asked and "verified" in req.sources:
            outcome, text = "assessment", _("Checked by the employer later in the process.")
        else:
            outcome, text = "unanswered", _("You did not answer this question.")
        required = rule.level == "required"
        level = _("Required") if required else _("Preferred")
        rows.append(
            {
                "label": req.label_in(lang),
                "threshold": describe_value(req, rule.value, lang),
                "level": level,
                "required": required,
                "outcome": outcome,
                "text": text,
                "reason": finding.reason(lang),
            }
        )
    return rows


def self_check(request: HttpRequest, employer_slug: str, pk: int, slug: str) -> HttpResponse:
    posting, version = _get_posting(employer_slug, pk)
    if not posting.is_accepting():
        return _closed(request, posting)
    lang = content_language()
    profile = version.profile()
    questions = questions_for(profile, lang, for_application=False)
    form = QuestionsForm(questions, request.POST or None)
    context: dict[str, Any] = {
        "posting": posting,
        "form": form,
        "apply_url": posting_url(posting, "apply"),
        "posting_url": posting_url(posting),
    }
    if request.method == "POST" and form.is_valid():
        facts = form.facts()
        rows = _check_rows(profile, facts, {q.fact for q in questions}, lang)
        tips = [tip for tip in (_emphasis(rule.key) for rule in profile.rules) if tip]
        context.update(
            {
                "rows": rows,
                "tips": tips,
                "any_not_met": any(r["outcome"] == "not_met" and r["required"] for r in rows),
                "answers": json.dumps(facts, ensure_ascii=False),
            }
        )
        return render(request, "presale/self_check_result.html", context)
    return render(request, "presale/self_check.html", context)


# Application ------------------------------------------------------------------------------


PENDING_DAYS = 1


def _pending_path(key: Any) -> Path:
    # Only a UUID names a pending CV, so the path can never leave its folder.
    return Path(settings.MEDIA_ROOT) / "cv-pending" / str(uuid.UUID(str(key)))


def _load_pending_cv(key: Any):
    """Return a CV kept from an earlier, invalid submit of the same form, if there is one."""
    if not key:
        return None
    try:
        path = _pending_path(key)
        meta = json.loads(path.with_suffix(".json").read_text())
        return read_cv(path.with_suffix(".bin").read_bytes(), meta["filename"])
    except (OSError, ValueError, KeyError):
        return None


def _keep_pending_cv(key: Any, cv) -> None:
    path = _pending_path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    # CVs of forms never sent again are not kept beyond a day.
    cutoff = time.time() - PENDING_DAYS * 86400
    for old in path.parent.iterdir():
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    path.with_suffix(".bin").write_bytes(cv.data)
    path.with_suffix(".json").write_text(json.dumps({"filename": cv.filename}))


def _drop_pending_cv(key: Any) -> None:
    for suffix in (".bin", ".json"):
        _pending_path(key).with_suffix(suffix).unlink(missing_ok=True)


def apply(request: HttpRequest, employer_slug: str, pk: int, slug: str) -> HttpResponse:
    posting, version = _get_posting(employer_slug, pk)
    if not posting.is_accepting():
        return _closed(request, posting)
    lang = content_language()
    profile = version.profile()
    questions = questions_for(profile, lang, for_application=True)
    context: dict[str, Any] = {
        "posting": posting,
        "posting_url": posting_url(posting),
        "retention_months": RETENTION_MONTHS,
        "notice_version": NOTICE_VERSION,
    }
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > APPLY_MAX_BYTES:
        # Refused before the body is read: a CV may be 5 MB, and the form is small.
        return render(request, "presale/too_large.html", context, status=413)
    if request.method == "POST" and request.POST.get("from_check"):
        # Answers carried over from the self-check: show them, ask nothing twice.
        try:
            carried = json.loads(request.POST.get("answers", "{}"))
        except ValueError:
            carried = {}
        initial = initial_from_facts(questions, carried if isinstance(carried, dict) else {})
        context["form"] = ApplicationForm(questions, initial=initial)
        return render(request, "presale/apply.html", context)
    if request.method != "POST":
        context["form"] = _update_form(request, posting, questions) or ApplicationForm(questions)
        return render(request, "presale/apply.html", context)

    limit, window = settings.CALLHIRE_APPLY_RATE
    if not ratelimit.allow("apply", ratelimit.client_ip(request), limit, window):
        context["form"] = ApplicationForm(questions, request.POST)
        context["rate_limited"] = True
        return render(request, "presale/apply.html", context, status=429)
    key = request.POST.get("submission_key", "")
    form = ApplicationForm(questions, request.POST, request.FILES, pending_cv=_load_pending_cv(key))
    if not form.is_valid():
        cv = form.cleaned_data.get("cv")
        if cv is not None and form.cleaned_data.get("submission_key"):
            _keep_pending_cv(form.cleaned_data["submission_key"], cv)
        context["form"] = form
        context["kept_cv"] = cv.filename if cv is not None else ""
        return render(request, "presale/apply.html", context, status=400)
    data = form.cleaned_data
    application, outcome = services.application_submit(
        posting,
        name=data["name"],
        email=data["email"],
        phone=data.get("phone", ""),
        language=lang,
        facts=form.facts(),
        cv=data.get("cv"),
        consent_version=NOTICE_VERSION,
        submission_key=data["submission_key"],
        version=version,
        owner_token=data.get("update_token", ""),
    )
    _drop_pending_cv(data["submission_key"])
    if outcome == "exists":
        # Someone used an email that already applied; only its owner, by the emailed link, may change it.
        return render(request, "presale/already_applied.html", context)
    return redirect(reverse("presale:status", args=[application.token]) + "?submitted=1")


def _update_form(request: HttpRequest, posting: Posting, questions) -> ApplicationForm | None:
    """Return the form filled with an application's answers, when its status link asks to update it."""
    token = request.GET.get("update", "")
    application = Application.objects.filter(posting=posting, token=token).first() if token else None
    if application is None:
        return None
    initial = initial_from_facts(questions, application.facts)
    initial.update(name=application.name, email=application.email, phone=application.phone, update_token=token)
    return ApplicationForm(questions, initial=initial)


# Status -----------------------------------------------------------------------------------


def _get_application(token: str) -> Application:
    return get_object_or_404(Application.objects.select_related("posting__employer"), token=token)


def status(request: HttpRequest, token: str) -> HttpResponse:
    application = _get_application(token)
    profile = application.profile_version.profile() if application.profile_version else None
    assessments = []
    if profile is not None:
        rule = profile.rule("assessments")
        if rule is not None:
            assessments = [vocab.name_of(vocab.ASSESSMENTS, code, content_language()) for code in rule.value]
    invitations = application.invitations.filter(expires_at__gt=timezone.now()).order_by("-created")
    context = {
        "application": application,
        "posting": application.posting,
        "submitted": request.GET.get("submitted") == "1",
        "assessments": assessments,
        "invitation": invitations.first(),
        "techcheck": application.stage not in ("hired", "rejected", "withdrawn")
        and techcheck_wanted(application.posting, profile),
        "interview": interviews.interview_open(application),
        "update_url": (
            posting_url(application.posting, "apply") + f"?update={application.token}"
            if application.posting.is_accepting()
            else ""
        ),
    }
    response = render(request, "presale/status.html", context)
    response["Referrer-Policy"] = "same-origin"  # the URL is the candidate's key: keep it on this site
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def status_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    application = _get_application(token)
    if application.stage != Application.Stage.WITHDRAWN:
        services.application_withdraw(application)
    return redirect("presale:status", token=token)


@require_POST
def status_erase(request: HttpRequest, token: str) -> HttpResponse:
    application = _get_application(token)
    if request.POST.get("confirm") != "yes":
        return redirect(reverse("presale:status", args=[token]) + "?confirm_erase=1#erase")
    title = application.posting.title
    services.application_erase(application)
    return render(request, "presale/erased.html", {"title": escape(title)})
