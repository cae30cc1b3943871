"""Email to candidates: render an employer's template (or the built-in wording), send it, log it."""

from __future__ import annotations

import logging
import re
from typing import Any

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from callhire.base.models import Application, EmailLog, EmailTemplate, Employer
from callhire.base.signals import email_sent

log = logging.getLogger(__name__)

# What a template may say in braces, e.g. "Dear {candidate_name}".
PLACEHOLDERS = {
    "candidate_name": gettext_lazy("the candidate's name"),
    "posting": gettext_lazy("the posting's title"),
    "employer": gettext_lazy("your company's name"),
    "link": gettext_lazy("the candidate's private status page"),
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")

# The wording used until an employer writes their own, per kind of email.
DEFAULTS: dict[str, tuple[Any, Any, Any]] = {
    "rejection": (
        gettext_lazy("Rejection"),
        gettext_lazy("Your application for {posting}"),
        gettext_lazy(
            "Dear {candidate_name},\n\nThank you for applying for {posting} at {employer}. After careful review we "
            "will not be taking your application further. We wish you every success.\n\nYour application and its "
            "status: {link}\n\n{employer}"
        ),
    ),
}


def template_kinds() -> dict[str, str]:
    """Return the kinds of email an employer can word, with their names."""
    return {kind: str(name) for kind, (name, _subject, _body) in DEFAULTS.items()}


def placeholders_unknown(text: str) -> list[str]:
    """Return the placeholders in text that no email can fill."""
    return sorted({name for name in _PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


def fill(text: str, values: dict[str, str]) -> str:
    """Replace the known {placeholders}; leave any other braces as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def placeholder_values(application: Application, extra: dict[str, str] | None = None) -> dict[str, str]:
    from callhire.base.services import status_url

    posting = application.posting
    values = {
        "candidate_name": application.name,
        "posting": posting.title,
        "employer": posting.employer.name,
        "link": status_url(application),
    }
    return values | (extra or {})


def template_for(employer: Employer, kind: str, language: str) -> tuple[str, str]:
    """Return the (subject, body) an employer uses for a kind of email in a language, unfilled."""
    own = EmailTemplate.objects.filter(employer=employer, kind=kind, language=language).first()
    if own is not None:
        return own.subject, own.body
    _name, subject, body = DEFAULTS[kind]
    with translation.override(language):
        return str(subject), str(body)


def template_render(application: Application, kind: str, extra: dict[str, str] | None = None) -> tuple[str, str]:
    """Return the filled (subject, body) of a kind of email for this candidate, in their language."""
    subject, body = template_for(application.posting.employer, kind, application.language)
    values = placeholder_values(application, extra)
    # A subject is one line whatever the template says.
    return " ".join(fill(subject, values).split()), fill(body, values)


def email_send(application: Application, subject: str, body: str, *, kind: str, user=None) -> EmailLog:
    """Send an email to the candidate and log it on their application, failed or not."""
    error = ""
    try:
        send_mail(subject, body, None, [application.email])
    except Exception as exc:  # the mail server's refusal must not undo the work that led here
        log.warning("email to application %s failed: %s", application.pk, exc)
        error = str(exc) or exc.__class__.__name__
    entry = EmailLog.objects.create(
        application=application,
        kind=kind,
        to=application.email,
        subject=subject[:300],
        body=body,
        sent_by=user,
        error=error,
    )
    email_sent.send(sender=EmailLog, log=entry)
    return entry


def template_send(application: Application, kind: str, *, user=None, extra: dict[str, str] | None = None) -> EmailLog:
    """Render a kind of email for the candidate from the employer's template and send it."""
    subject, body = template_render(application, kind, extra)
    return email_send(application, subject, body, kind=kind, user=user)


def check_template(subject: str, body: str) -> None:
    """Raise ValueError naming any placeholder a template may not use."""
    unknown = placeholders_unknown(subject + "\n" + body)
    if unknown:
        raise ValueError(
            _("Unknown placeholder: %(names)s. Use %(known)s.")
            % {"names": ", ".join(f"{{{n}}}" for n in unknown), "known": ", ".join(f"{{{n}}}" for n in PLACEHOLDERS)}
        )
