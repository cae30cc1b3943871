"""Signing in (rate-limited, with an optional second factor), the user's account, and team management."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from callhire.base import accounts
from callhire.base.models import Membership, TwoFactor
from callhire.base.ratelimit import allow, client_ip
from callhire.control.access import get_employer

PENDING = "callhire_2fa_user"
PENDING_BACKEND = "callhire_2fa_backend"
PENDING_NEXT = "callhire_2fa_next"


def _limited(request: HttpRequest, username: str = "") -> bool:
    """Count a sign-in attempt; say whether this address or this account has had too many."""
    count, window = settings.CALLHIRE_LOGIN_RATE
    by_address = allow("login-ip", client_ip(request), count * 3, window)
    by_account = allow("login-user", username.strip().lower(), count, window) if username else True
    return not (by_address and by_account)


class LoginView(auth_views.LoginView):
    """Password sign-in; staff with a second factor then enter a code."""

    template_name = "control/login.html"

    def post(self, request, *args, **kwargs):
        if _limited(request, request.POST.get("username", "")):
            return self._too_many(request)
        return super().post(request, *args, **kwargs)

    def _too_many(self, request: HttpRequest) -> HttpResponse:
        form = self.get_form()
        form.add_error(None, _("Too many sign-in attempts. Wait a few minutes and try again."))
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 429
        return response

    def form_valid(self, form):
        user = form.get_user()
        if accounts.two_factor_enabled(user):
            self.request.session.cycle_key()
            self.request.session[PENDING] = user.pk
            self.request.session[PENDING_BACKEND] = user.backend
            self.request.session[PENDING_NEXT] = self.get_redirect_url()
            return redirect("control:login_code")
        return super().form_valid(form)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the current code from the user's authenticator app."""
    pk = request.session.get(PENDING)
    user = User.objects.filter(pk=pk, is_active=True).first() if pk else None
    factor = TwoFactor.objects.filter(user=user, confirmed=True).first() if user else None
    if factor is None:
        return redirect("control:login")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _limited(request, user.get_username()):
            form.add_error(None, _("Too many sign-in attempts. Wait a few minutes and try again."))
            status = 429
        elif form.is_valid() and accounts.two_factor_verify(factor, form.cleaned_data["code"]):
            user.backend = request.session[PENDING_BACKEND]
            target = request.session.get(PENDING_NEXT) or ""
            for key in (PENDING, PENDING_BACKEND, PENDING_NEXT):
                request.session.pop(key, None)
            login(request, user)
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
                target = reverse("control:index")
            return redirect(target)
        elif form.is_valid():
            form.add_error("code", _("That code is not right. Check your phone's clock and try the newest code."))
    return render(request, "control/login_code.html", {"form": form}, status=status)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own settings: password and second factor."""
    factor = TwoFactor.objects.filter(user=request.user).first()
    return render(
        request,
        "control/account.html",
        {
            "factor_on": bool(factor and factor.confirmed),
            "memberships": request.user.memberships.select_related("employer"),
        },
    )


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Turn on the second factor: show the key, then check a code from the app."""
    factor = TwoFactor.objects.filter(user=request.user).first()
    if factor is not None and factor.confirmed:
        return redirect("control:account")
    if factor is None or request.method == "GET":
        factor = accounts.two_factor_begin(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if accounts.two_factor_confirm(factor, form.cleaned_data["code"]):
            messages.success(
                request, _("Two-factor sign-in is on. You will be asked for a code each time you sign in.")
            )
            return redirect("control:account")
        form.add_error("code", _("That code is not right. Check your phone's clock and try the newest code."))
    key = " ".join(factor.secret[i : i + 4] for i in range(0, len(factor.secret), 4))
    context = {"form": form, "key": key, "uri": accounts.provisioning_uri(factor)}
    return render(request, "control/two_factor_setup.html", context)


class DisableForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("Your password"), widget=forms.PasswordInput)


@login_required
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    form = DisableForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.check_password(form.cleaned_data["password"]):
            accounts.two_factor_disable(request.user)
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("control:account")
        form.add_error("password", _("That password is not right."))
    return render(request, "control/two_factor_disable.html", {"form": form})


class MemberForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email"))
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Membership.Role.choices)


def _send_welcome(request: HttpRequest, user: User) -> None:
    """Email a new teammate the link to choose their password.

    Django's reset form skips users without a usable password, which is every new teammate,
    so the same kind of one-time link is made here.
    """
    context = {
        "email": user.email,
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = render_to_string("control/email/welcome_subject.txt", context).strip()
    send_mail(subject, render_to_string("control/email/welcome.txt", context), None, [user.email])


@login_required
def team(request: HttpRequest, slug: str) -> HttpResponse:
    """An employer's team: who has which role. Admins add, change and remove people."""
    employer = get_employer(request, slug, Membership.Role.ADMIN)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, created = accounts.member_add(employer, form.cleaned_data["email"], form.cleaned_data["role"])
        except accounts.TeamError as exc:
            form.add_error("email", str(exc))
        else:
            if created:
                _send_welcome(request, membership.user)
                messages.success(request, _("Added. We emailed them a link to choose a password."))
            else:
                messages.success(request, _("Added. They can sign in with their existing account."))
            return redirect("control:team", slug)
    members = employer.memberships.select_related("user").order_by("user__username")
    return render(
        request, "control/team.html", {"employer": employer, "form": form, "members": members, "roles": Membership.Role}
    )


@login_required
@require_POST
def team_member(request: HttpRequest, slug: str, member: int) -> HttpResponse:
    """Change a teammate's role, or remove them."""
    employer = get_employer(request, slug, Membership.Role.ADMIN)
    membership = get_object_or_404(employer.memberships, pk=member)
    try:
        if request.POST.get("action") == "remove":
            accounts.member_remove(membership)
            messages.success(request, _("Removed from the team."))
        elif request.POST.get("role") in Membership.Role.values:
            accounts.member_role_set(membership, request.POST["role"])
            messages.success(request, _("Role changed."))
    except accounts.TeamError as exc:
        messages.error(request, str(exc))
    return redirect("control:team", slug)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "control/password_change.html"
    success_url = reverse_lazy("control:account")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is changed."))
        return super().form_valid(form)


password_change = login_required(PasswordChangeView.as_view())
password_reset = auth_views.PasswordResetView.as_view(
    template_name="control/password_reset.html",
    email_template_name="control/email/password_reset.txt",
    subject_template_name="control/email/password_reset_subject.txt",
    success_url=reverse_lazy("control:password_reset_sent"),
)
password_reset_sent = auth_views.PasswordResetDoneView.as_view(template_name="control/password_reset_sent.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="control/password_reset_confirm.html", success_url=reverse_lazy("control:password_reset_complete")
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="control/password_reset_complete.html"
)
