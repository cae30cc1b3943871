"""Bulk actions on a selection of applications, and the pages that follow a background job."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from callhire.base import assessing
from callhire.base.bulk import INLINE_LIMIT, export_filename
from callhire.base.i18n import content_language
from callhire.base.jobs import JobKeyTaken, job_start, job_status
from callhire.base.models import Job
from callhire.base.pipeline import REJECTION_REASONS, posting_stages
from callhire.control.access import Role, employers_for, get_posting, has_role
from callhire.screening.engine import VERDICT_NAMES

ACTIONS = {
    Job.Kind.MOVE: gettext_lazy("Move to a stage"),
    Job.Kind.REJECT: gettext_lazy("Reject"),
    Job.Kind.INVITE: gettext_lazy("Invite to the assessments"),
    Job.Kind.EXPORT: gettext_lazy("Export as CSV"),
}


class IdsField(forms.Field):
    """The ticked rows' ids; anything that is not a whole number is dropped."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return list(dict.fromkeys(int(v) for v in value or [] if str(v).isdigit()))


class BulkForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("Action"), choices=list(ACTIONS.items()))
    selected = IdsField(required=False)
    all_matching = forms.BooleanField(required=False)
    stage = forms.ChoiceField(label=gettext_lazy("Stage"), required=False)
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"), required=False, choices=[("", "—"), *REJECTION_REASONS.items()]
    )
    email = forms.BooleanField(label=gettext_lazy("Email the rejection"), required=False, initial=True)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=2000)
    key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, posting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", "—")] + [
            (s.key, s.label) for s in posting_stages(posting, closed=False)
        ]  # rejecting has its own action, with a reason and an email

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == Job.Kind.MOVE and not data.get("stage"):
            self.add_error("stage", _("Choose the stage to move them to."))
        if action == Job.Kind.REJECT and not data.get("reason"):
            self.add_error("reason", _("Say why the candidates are rejected."))
        if not data.get("selected") and not data.get("all_matching"):
            raise forms.ValidationError(_("Select the applications first."))
        return data


def bulk_form(posting) -> BulkForm:
    """Return an empty bulk form; each one shown carries a new key, so sending it twice runs once."""
    return BulkForm(posting=posting, initial={"key": uuid.uuid4(), "email": True})


@login_required
@require_POST
def applications_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    posting = get_posting(request, pk, Role.RECRUITER)
    query = request.GET.urlencode()  # back to the list as it was sorted and filtered
    back = reverse("control:applications", args=[posting.pk]) + (f"?{query}" if query else "")
    form = BulkForm(request.POST, posting=posting)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    action = data["action"]
    from callhire.control.applications import listed_applications

    rows, _chosen, _sort = listed_applications(posting.applications.all(), request.GET, posting)
    if data["all_matching"]:
        ids = list(rows.values_list("pk", flat=True))
    else:  # in the list's order, and only this posting's applications
        ids = list(rows.filter(pk__in=data["selected"]).values_list("pk", flat=True))
    if not ids:
        messages.error(request, _("None of the selected applications is in this list any more."))
        return redirect(back)
    if action == Job.Kind.INVITE and not assessing.assessment_config(posting)["sections"]:
        messages.error(request, _("This posting uses no assessments. Choose its sections first."))
        return redirect(back)
    params = {"ids": ids, "back": back, "language": content_language()}
    if action == Job.Kind.MOVE:
        params |= {"stage": data["stage"], "note": data["note"]}
    elif action == Job.Kind.REJECT:
        params |= {"reason": data["reason"], "note": data["note"], "email": data["email"]}
    try:
        job, started = job_start(
            action,
            employer=posting.employer,
            posting=posting,
            user=request.user,
            params=params,
            total=len(ids),
            key=data["key"],
            inline=len(ids) <= INLINE_LIMIT,
        )
    except JobKeyTaken:
        raise Http404 from None
    if not started:
        messages.info(request, _("This form was already sent; here is the work it started."))
    return redirect("control:job", pk=job.pk)


def get_job(request: HttpRequest, pk: int) -> Job:
    """Return a job of the user's employers (404 for anyone else) if they recruit there (403)."""
    job = get_object_or_404(
        Job.objects.select_related("posting", "employer"), pk=pk, employer__in=employers_for(request.user)
    )
    if not has_role(request.user, job.employer_id, Role.RECRUITER):
        raise PermissionDenied
    return job


def _labels(job: Job) -> dict[str, str]:
    return {
        "moved": _("Moved"),
        "rejected": _("Rejected and emailed") if job.params.get("email") else _("Rejected"),
        "rejected_email_failed": _("Rejected, but the email could not be sent"),
        "invited": _("Invited"),
        "skipped": _("Left as they were"),
        "gone": _("No longer there"),
        "failed": _("Failed"),
    }


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job(request, pk)
    lang = content_language()
    labels = _labels(job)
    counts = [(labels.get(k, k), n) for k, n in job.result.get("counts", {}).items()]
    context = {"job": job, "status": job_status(job), "counts": counts, "back": job.params.get("back", "")}
    if job.kind == Job.Kind.RESCREEN:
        names = {code: pair[1 if lang == "ms" else 0] for code, pair in VERDICT_NAMES.items()}
        names[""] = _("Not screened")
        before, after = job.result.get("before", {}), job.result.get("after", {})
        context["verdicts"] = [
            (names.get(code, code), before.get(code, 0), after.get(code, 0))
            for code in ["qualified", "needs_review", "not_qualified", ""]
            if before.get(code) or after.get(code)
        ]
        changes = job.verdict_changes.select_related("application").order_by("pk")
        page = Paginator(changes, 100).get_page(request.GET.get("page"))
        context["changes"] = [(c, names.get(c.before, c.before), names.get(c.after, c.after)) for c in page]
        context["page"] = page
    if not context["back"] and job.posting_id:
        context["back"] = reverse("control:applications", args=[job.posting_id])
    return render(request, "control/job.html", context)


@login_required
def job_progress(request: HttpRequest, pk: int) -> JsonResponse:
    job = get_job(request, pk)
    return JsonResponse(job_status(job))


@login_required
def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job(request, pk)
    name = job.result.get("file")
    if job.kind != Job.Kind.EXPORT or job.state != Job.State.DONE or not name or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"), as_attachment=True, filename=export_filename(job))
    response["Content-Type"] = "text/csv; charset=utf-8"
    return response
