"""An employer admin's integrations: API tokens, webhooks and the webhooks' delivery log."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from callhire.base import webhooks
from callhire.base.models import ApiToken, Employer, Membership, Webhook, WebhookDelivery, new_webhook_secret
from callhire.control.access import get_employer

ADMIN = Membership.Role.ADMIN


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What uses the token, e.g. “HR system sync”."),
    )
    can_write = forms.BooleanField(
        label=gettext_lazy("May make changes"),
        required=False,
        help_text=gettext_lazy("Create and edit postings, save profiles, move candidates and add notes."),
    )


class WebhookForm(forms.ModelForm):
    url = forms.URLField(
        label=gettext_lazy("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("An https:// address of your own system that accepts POST requests."),
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"), choices=Webhook.Event.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Webhook
        fields = ["url", "events", "active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            webhooks.resolve_url(url)
        except webhooks.WebhookURLError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return url


def _admin_employer(request: HttpRequest, slug: str) -> Employer:
    return get_employer(request, slug, ADMIN)


@login_required
def api_settings(request: HttpRequest, slug: str) -> HttpResponse:
    employer = _admin_employer(request, slug)
    context = {
        "employer": employer,
        "tokens": employer.api_tokens.select_related("created_by"),
        "webhooks": employer.webhooks.all(),
        "form": TokenForm(),
    }
    return render(request, "control/api_settings.html", context)


@login_required
@require_POST
def token_create(request: HttpRequest, slug: str) -> HttpResponse:
    employer = _admin_employer(request, slug)
    form = TokenForm(request.POST)
    if not form.is_valid():
        context = {
            "employer": employer,
            "tokens": employer.api_tokens.select_related("created_by"),
            "webhooks": employer.webhooks.all(),
            "form": form,
        }
        return render(request, "control/api_settings.html", context, status=400)
    token, secret = ApiToken.issue(
        employer, form.cleaned_data["name"], user=request.user, can_write=form.cleaned_data["can_write"]
    )
    # Shown in this response only; it is not stored anywhere a later page could read it from.
    response = render(
        request, "control/api_token_created.html", {"employer": employer, "token": token, "secret": secret}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    employer = _admin_employer(request, slug)
    token = get_object_or_404(ApiToken, employer=employer, pk=pk)
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("control:api_settings", slug=employer.slug)


@login_required
def webhook_create(request: HttpRequest, slug: str) -> HttpResponse:
    employer = _admin_employer(request, slug)
    form = WebhookForm(request.POST or None, initial={"events": list(Webhook.Event.values), "active": True})
    if request.method == "POST" and form.is_valid():
        webhook = form.save(commit=False)
        webhook.employer, webhook.created_by = employer, request.user
        webhook.save()
        messages.success(request, _("The webhook was added. Check its signing secret below."))
        return redirect("control:webhook", slug=employer.slug, pk=webhook.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "control/webhook_form.html", {"employer": employer, "form": form}, status=status)


@login_required
def webhook_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    employer = _admin_employer(request, slug)
    webhook = get_object_or_404(Webhook, employer=employer, pk=pk)
    form = WebhookForm(request.POST or None, instance=webhook)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The webhook was saved."))
        return redirect("control:webhook", slug=employer.slug, pk=webhook.pk)
    page = Paginator(webhook.deliveries.all(), 50).get_page(request.GET.get("page"))
    context = {"employer": employer, "webhook": webhook, "form": form, "page": page}
    return render(request, "control/webhook_detail.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def webhook_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    employer = _admin_employer(request, slug)
    webhook = get_object_or_404(Webhook, employer=employer, pk=pk)
    webhook.delete()
    messages.success(request, _("The webhook %(url)s was deleted.") % {"url": webhook.url})
    return redirect("control:api_settings", slug=employer.slug)


@login_required
@require_POST
def webhook_ping(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    employer = _admin_employer(request, slug)
    webhook = get_object_or_404(Webhook, employer=employer, pk=pk)
    webhooks.webhook_ping(webhook)
    messages.success(request, _("A test event is on its way; reload to see how it went."))
    return redirect("control:webhook", slug=employer.slug, pk=webhook.pk)


@login_required
@require_POST
def webhook_secret(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    employer = _admin_employer(request, slug)
    webhook = get_object_or_404(Webhook, employer=employer, pk=pk)
    webhook.secret = new_webhook_secret()
    webhook.save(update_fields=["secret"])
    messages.success(request, _("The webhook has a new signing secret; give it to the receiver."))
    return redirect("control:webhook", slug=employer.slug, pk=webhook.pk)


@login_required
@require_POST
def delivery_redeliver(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    employer = _admin_employer(request, slug)
    delivery = get_object_or_404(WebhookDelivery.objects.select_related("webhook"), webhook__employer=employer, pk=pk)
    webhooks.delivery_redeliver(delivery)
    messages.success(request, _("The event is sent again, as a new delivery."))
    return redirect("control:webhook", slug=employer.slug, pk=delivery.webhook_id)
