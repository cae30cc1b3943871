"""An employer's email wording, per kind and language, and the log of what each candidate was sent."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from callhire.base import emails
from callhire.base.models import EmailTemplate, Membership
from callhire.control.access import get_application, get_employer

LANGUAGES = dict(settings.LANGUAGES)


class TemplateForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    body = forms.CharField(label=gettext_lazy("Message"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean(self):
        data = super().clean()
        if "subject" in data and "body" in data:
            try:
                emails.check_template(data["subject"], data["body"], self.kind)
            except ValueError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return data


@login_required
def email_templates(request: HttpRequest, slug: str) -> HttpResponse:
    """List every kind of email in every language, saying whose wording is used."""
    employer = get_employer(request, slug, Membership.Role.ADMIN)
    own = {(t.kind, t.language): t for t in employer.email_templates.select_related("updated_by")}
    rows = [
        {
            "kind": kind,
            "name": name,
            "languages": [{"code": code, "name": LANGUAGES[code], "own": own.get((kind, code))} for code in LANGUAGES],
        }
        for kind, name in emails.template_kinds().items()
    ]
    return render(request, "control/mail/templates.html", {"employer": employer, "rows": rows})


@login_required
def email_template_edit(request: HttpRequest, slug: str, kind: str, language: str) -> HttpResponse:
    """Edit one template: preview it for a made-up candidate, save it, or go back to the default wording."""
    employer = get_employer(request, slug, Membership.Role.ADMIN)
    if kind not in emails.DEFAULTS or language not in LANGUAGES:
        raise Http404
    own = EmailTemplate.objects.filter(employer=employer, kind=kind, language=language).first()
    subject, body = emails.template_for(employer, kind, language)
    form = TemplateForm(request.POST or None, kind=kind, initial={"subject": subject, "body": body})
    preview = None
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "reset":
        if own is not None:
            own.delete()
        messages.success(request, _("The default wording is used again."))
        return redirect("control:email_templates", slug=employer.slug)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if action == "save":
            EmailTemplate.objects.update_or_create(
                employer=employer,
                kind=kind,
                language=language,
                defaults={
                    "subject": data["subject"],
                    "body": data["body"],
                    "updated": timezone.now(),
                    "updated_by": request.user,
                },
            )
            messages.success(request, _("Your wording is saved; new emails use it."))
            return redirect("control:email_templates", slug=employer.slug)
        preview = emails.template_preview(employer, kind, language, data["subject"], data["body"])
    elif request.method == "GET":
        preview = emails.template_preview(employer, kind, language, subject, body)
    context = {
        "employer": employer,
        "kind": kind,
        "kind_name": emails.template_kinds()[kind],
        "language": language,
        "language_name": LANGUAGES[language],
        "form": form,
        "own": own,
        "preview": preview,
        "placeholders": emails.placeholders_for(kind),
    }
    return render(request, "control/mail/template_edit.html", context, status=400 if form.errors else 200)


@login_required
def email_detail(request: HttpRequest, pk: int, email_pk: int) -> HttpResponse:
    """Show one email exactly as the candidate was sent it."""
    application = get_application(request, pk)
    entry = get_object_or_404(application.emails.select_related("sent_by"), pk=email_pk)
    return render(request, "control/mail/email_detail.html", {"application": application, "entry": entry})
