"""Staff accounts: membership of an employer's team, and the optional TOTP second factor."""

from __future__ import annotations

from datetime import datetime

import pyotp
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from callhire.base.models import Employer, Membership, TwoFactor

ISSUER = "callhire"


class TeamError(ValueError):
    """A team change that would leave the employer in a bad state; the message says why."""


def member_add(employer: Employer, email: str, role: str) -> tuple[Membership, bool]:
    """Add a person to an employer's team by email; return (membership, whether the user is new).

    A new user gets no usable password: they set one from the link they are sent.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    with transaction.atomic():
        user = User.objects.filter(username__iexact=email).first()
        created = user is None
        if user is None:
            user = User(username=email, email=email)
            user.set_unusable_password()
            user.save()
        membership, added = Membership.objects.get_or_create(user=user, employer=employer, defaults={"role": role})
        if not added:
            raise TeamError(_("%(email)s is already on the team.") % {"email": email})
    return membership, created


def _admins_left(employer: Employer, without: Membership) -> int:
    return employer.memberships.filter(role=Membership.Role.ADMIN).exclude(pk=without.pk).count()


def member_role_set(membership: Membership, role: str) -> None:
    """Change a teammate's role; an employer always keeps at least one admin."""
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.role == Membership.Role.ADMIN and role != locked.role and not _admins_left(locked.employer, locked):
            raise TeamError(_("The team needs at least one admin."))
        locked.role = role
        locked.save(update_fields=["role"])
    membership.role = role


def member_remove(membership: Membership) -> None:
    """Take a person off an employer's team (their account stays for their other teams)."""
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.role == Membership.Role.ADMIN and not _admins_left(locked.employer, locked):
            raise TeamError(_("The team needs at least one admin."))
        locked.delete()


def two_factor_begin(user: User) -> TwoFactor:
    """Start turning on the second factor: a new secret, not yet confirmed."""
    factor, _created = TwoFactor.objects.update_or_create(
        user=user, defaults={"secret": pyotp.random_base32(), "confirmed": False, "last_step": 0}
    )
    return factor


def provisioning_uri(factor: TwoFactor) -> str:
    return pyotp.TOTP(factor.secret).provisioning_uri(name=factor.user.get_username(), issuer_name=ISSUER)


def two_factor_verify(factor: TwoFactor, code: str) -> bool:
    """Say whether a code is right now (one step of clock drift either way) and not used before."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return False
    totp = pyotp.TOTP(factor.secret)
    now_step = totp.timecode(datetime.now())
    for step in (now_step - 1, now_step, now_step + 1):
        if step > factor.last_step and pyotp.utils.strings_equal(totp.generate_otp(step), code):
            # Accept each step once, even under concurrent logins.
            updated = TwoFactor.objects.filter(pk=factor.pk, last_step__lt=step).update(last_step=step)
            if updated:
                factor.last_step = step
                return True
    return False


def two_factor_confirm(factor: TwoFactor, code: str) -> bool:
    """Turn the second factor on once the user proves their app shows the right code."""
    if not two_factor_verify(factor, code):
        return False
    factor.confirmed = True
    factor.save(update_fields=["confirmed"])
    return True


def two_factor_enabled(user: User) -> bool:
    return TwoFactor.objects.filter(user=user, confirmed=True).exists()


def two_factor_disable(user: User) -> None:
    TwoFactor.objects.filter(user=user).delete()
