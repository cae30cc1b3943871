"""The recruiter side: postings, their job profiles, and reading an existing posting into one."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from callhire.base import services
from callhire.base.i18n import content_language
from callhire.base.models import ProfileVersion
from callhire.control.access import Role, employers_for, get_posting, has_role, postings_for
from callhire.control.forms import ExtractForm, ProfileTextForm, ProfileUploadForm
from callhire.postings.reader import ReaderError, assumed_values, extract_text, read_posting, to_profile
from callhire.screening.catalog import CATALOG, JOB_TERMS
from callhire.screening.engine import describe_value
from callhire.screening.profile import ProfileError, dump_profile, load_profile, parse_profile


@dataclass
class RuleRow:
    key: str
    label: str
    level: str
    value: str


def _rule_rows(version: ProfileVersion | None, lang: str) -> list[RuleRow]:
    if version is None:
        return []
    rows = []
    for rule in version.profile().rules:
        req = rule.requirement
        level = _("required") if rule.level == "required" else _("preferred")
        if rule.waived:
            level = _("waived")
        rows.append(RuleRow(rule.key, req.label_in(lang), level, describe_value(req, rule.value, lang)))
    return rows


def _profile_errors(exc: ProfileError, lang: str) -> list[str]:
    return [f"{e.path}: {e.ms if lang == 'ms' else e.en}" for e in exc.errors]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    postings = postings_for(request.user).order_by("employer__name", "-created")
    admin_of = employers_for(request.user, Role.ADMIN)
    can_recruit = employers_for(request.user, Role.RECRUITER).exists()
    context = {"postings": postings, "admin_of": admin_of, "can_recruit": can_recruit}
    return render(request, "control/index.html", context)


@login_required
def posting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    posting = get_posting(request, pk)
    lang = content_language()
    version = posting.current_version()
    preview_lang = request.GET.get("preview", lang if lang in ("en", "ms") else "en")
    if preview_lang not in ("en", "ms"):
        preview_lang = "en"
    description = mark_safe(services.describe_posting(posting, preview_lang, "html"))  # the writer escapes
    context = {
        "posting": posting,
        "version": version,
        "versions": posting.profile_versions.all(),
        "rows": _rule_rows(version, lang),
        "description": description,
        "preview_lang": preview_lang,
        "upload_form": ProfileUploadForm(),
        # A hiring manager sees the posting and its shortlist; the rest is the recruiters' work.
        "can_recruit": has_role(request.user, posting.employer_id, Role.RECRUITER),
    }
    return render(request, "control/posting_detail.html", context)


@login_required
def profile_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("yaml", "json"):
        raise Http404
    posting = get_posting(request, pk)
    version = posting.current_version()
    if version is None:
        messages.error(request, _("This posting has no job profile yet."))
        return redirect("control:posting", pk=posting.pk)
    body = dump_profile(version.profile(), fmt)
    content_type = "application/json" if fmt == "json" else "application/yaml"
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="posting-{posting.pk}-v{version.number}.{fmt}"'
    return response


@login_required
@require_POST
def profile_upload(request: HttpRequest, pk: int) -> HttpResponse:
    posting = get_posting(request, pk, Role.RECRUITER)
    form = ProfileUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a profile file to upload."))
        return redirect("control:posting", pk=posting.pk)
    upload = form.cleaned_data["file"]
    if upload.size > 1_000_000:
        messages.error(request, _("A profile file may be at most 1 MB."))
        return redirect("control:posting", pk=posting.pk)
    try:
        text = upload.read().decode("utf-8")
        profile = load_profile(text, upload.name)
    except UnicodeDecodeError:
        messages.error(request, _("The file is not UTF-8 text."))
    except ProfileError as exc:
        for line in _profile_errors(exc, content_language()):
            messages.error(request, line)
    else:
        version = services.profile_save(posting, profile.to_document(), user=request.user, source="imported")
        messages.success(request, _("Profile saved as version %(number)s.") % {"number": version.number})
    return redirect("control:posting", pk=posting.pk)


def _highlight(text: str, extraction) -> SafeString:
    """Return the posting text as HTML with every evidence span marked."""
    spans: dict[tuple[int, int], list[str]] = {}
    for item in extraction.items:
        ev = item.evidence
        spans.setdefault((ev.start, ev.end), []).append(item.key)
    out, pos = [], 0
    for (start, end), keys in sorted(spans.items()):
        if start < pos:  # overlapping evidence: mark only the part not yet marked
            start = pos
        if end <= start:
            continue
        labels = ", ".join(CATALOG[k].label_in(content_language()) if k in CATALOG else k for k in keys)
        out.append(escape(text[pos:start]))
        out.append(f'<mark id="ev-{start}" title="{escape(labels)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def _job_term_text(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


@login_required
def posting_extract(request: HttpRequest, pk: int) -> HttpResponse:
    posting = get_posting(request, pk, Role.RECRUITER)
    limit = settings.CALLHIRE_MAX_UPLOAD_BYTES
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > limit:
        # Refuse before Django reads the body, so a huge upload costs nothing.
        error = _("The upload is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
        context = {"posting": posting, "form": ExtractForm(), "upload_error": error}
        return render(request, "control/extract.html", context, status=413)
    form = ExtractForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "control/extract.html", {"posting": posting, "form": form})
    try:
        upload = form.cleaned_data.get("file")
        text = extract_text(upload.read(), upload.name) if upload else form.cleaned_data["text"]
        extraction = read_posting(text, form.cleaned_data.get("language") or None)
    except ReaderError as exc:
        form.add_error(None, str(exc))
        return render(request, "control/extract.html", {"posting": posting, "form": form})
    lang = content_language()
    proposal = to_profile(extraction, title=posting.title)
    items = []
    for item in extraction.items:
        req = CATALOG.get(item.key)
        if req is not None:
            label = req.label_in(lang)
        else:
            names = JOB_TERMS.get(item.key.removesuffix("_flexibility"), (item.key, item.key))
            label = names[1] if lang == "ms" else names[0]
        if item.value is None:
            value = "—"
        elif req is not None:
            value = describe_value(req, item.value, lang)
        else:  # a job term such as pay or schedule
            value = _job_term_text(item.value)
        items.append({"label": label, "level": item.level, "value": value, "evidence": item.evidence})
    flags = [flag.message_ms if lang == "ms" else flag.message_en for flag in extraction.flags]
    for key in assumed_values(extraction):
        req = CATALOG[key]
        flags.append(
            _("%(label)s: the posting gives no number, so the profile proposes %(value)s. Check it.")
            % {"label": req.label_in(lang), "value": describe_value(req, req.default_value, lang)}
        )
    text_form = ProfileTextForm(initial={"profile": dump_profile(parse_profile(proposal))})
    context = {
        "posting": posting,
        "highlighted": _highlight(text, extraction),
        "items": items,
        "flags": flags,
        "text_form": text_form,
        "language": extraction.language,
    }
    return render(request, "control/extract_review.html", context)


@login_required
@require_POST
def posting_extract_save(request: HttpRequest, pk: int) -> HttpResponse:
    posting = get_posting(request, pk, Role.RECRUITER)
    form = ProfileTextForm(request.POST)
    if form.is_valid():
        try:
            profile = load_profile(form.cleaned_data["profile"])
        except ProfileError as exc:
            for line in _profile_errors(exc, content_language()):
                form.add_error("profile", line)
        else:
            version = services.profile_save(posting, profile.to_document(), user=request.user, source="extracted")
            messages.success(request, _("Profile saved as version %(number)s.") % {"number": version.number})
            return redirect("control:posting", pk=posting.pk)
    # Show the recruiter's text back with the errors; nothing was saved.
    return render(request, "control/extract_save.html", {"posting": posting, "text_form": form}, status=400)
