"""Email to candidates: render an employer's template (or the built-in wording), send it, log it."""

from __future__ import annotations

import logging
import re
from typing import Any

from django.core.mail import EmailMessage
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
# Placeholders only some kinds of email can fill, on top of the ones above.
INTERVIEW_PLACEHOLDERS = {
    "interview_time": gettext_lazy("the interview's date and time, in the candidate's time zone"),
    "interview_place": gettext_lazy("where the interview is: the address, phone number or video link"),
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
    "interview_invitation": (
        gettext_lazy("Invitation to pick an interview time"),
        gettext_lazy("Choose a time for your interview for {posting}"),
        gettext_lazy(
            "Dear {candidate_name},\n\nWe would like to interview you for {posting} at {employer}. Please choose "
            "one of the times we offer on your application's page:\n\n{link}\n\nYou will get a calendar "
            "invitation as soon as you have chosen.\n\n{employer}"
        ),
    ),
    "interview_confirmed": (
        gettext_lazy("Interview booked"),
        gettext_lazy("Your interview for {posting}: {interview_time}"),
        gettext_lazy(
            "Dear {candidate_name},\n\nYour interview for {posting} at {employer} is booked.\n\nWhen: "
            "{interview_time}\nWhere: {interview_place}\n\nThe calendar invitation is attached. To choose "
            "another time or to cancel, use your application's page:\n\n{link}\n\n{employer}"
        ),
    ),
    "interview_rescheduled": (
        gettext_lazy("Interview moved"),
        gettext_lazy("Your interview for {posting} has moved to {interview_time}"),
        gettext_lazy(
            "Dear {candidate_name},\n\nYour interview for {posting} at {employer} has a new time.\n\nWhen: "
            "{interview_time}\nWhere: {interview_place}\n\nThe updated calendar invitation is attached. Your "
            "application's page:\n\n{link}\n\n{employer}"
        ),
    ),
    "interview_cancelled": (
        gettext_lazy("Interview cancelled"),
        gettext_lazy("Your interview for {posting} is cancelled"),
        gettext_lazy(
            "Dear {candidate_name},\n\nYour interview for {posting} at {employer} on {interview_time} is "
            "cancelled. The attached calendar update removes it from your calendar.\n\nYour application and "
            "its status: {link}\n\n{employer}"
        ),
    ),
    "interview_reminder": (
        gettext_lazy("Interview reminder"),
        gettext_lazy("Reminder: your interview for {posting}, {interview_time}"),
        gettext_lazy(
            "Dear {candidate_name},\n\nThis is a reminder of your interview for {posting} at {employer}.\n\n"
            "When: {interview_time}\nWhere: {interview_place}\n\nIf you can no longer make it, choose another "
            "time or cancel on your application's page:\n\n{link}\n\n{employer}"
        ),
    ),
}
# Which extra placeholders each kind of email can fill.
KIND_PLACEHOLDERS: dict[str, dict[str, Any]] = {
    "interview_confirmed": INTERVIEW_PLACEHOLDERS,
    "interview_rescheduled": INTERVIEW_PLACEHOLDERS,
    "interview_cancelled": {"interview_time": INTERVIEW_PLACEHOLDERS["interview_time"]},
    "interview_reminder": INTERVIEW_PLACEHOLDERS,
}


def template_kinds() -> dict[str, str]:
    """Return the kinds of email an employer can word, with their names."""
    return {kind: str(name) for kind, (name, _subject, _body) in DEFAULTS.items()}


def placeholders_for(kind: str | None = None) -> dict[str, Any]:
    """Return the placeholders a kind of email can fill, with what each stands for."""
    return PLACEHOLDERS | KIND_PLACEHOLDERS.get(kind or "", {})


def placeholders_unknown(text: str, kind: str | None = None) -> list[str]:
    """Return the placeholders in text that this kind of email (or, without a kind, every email) cannot fill."""
    known = placeholders_for(kind)
    return sorted({name for name in _PLACEHOLDER.findall(text) if name not in known})


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


def email_send(
    application: Application,
    subject: str,
    body: str,
    *,
    kind: str,
    user=None,
    attachments: list[tuple[str, str | bytes, str]] | None = None,
) -> EmailLog:
    """Send an email to the candidate and log it on their application, failed or not.

    attachments are (file name, content, MIME type) triples, e.g. an interview's .ics invitation;
    the log keeps their names.
    """
    error = ""
    try:
        message = EmailMessage(subject, body, None, [application.email])
        for name, content, mimetype in attachments or []:
            message.attach(name, content, mimetype)
        message.send()
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
        attachments=[name for name, _content, _mimetype in attachments or []],
    )
    email_sent.send(sender=EmailLog, log=entry)
    return entry


def template_send(
    application: Application,
    kind: str,
    *,
    user=None,
    extra: dict[str, str] | None = None,
    attachments: list[tuple[str, str | bytes, str]] | None = None,
) -> EmailLog:
    """Render a kind of email for the candidate from the employer's template and send it."""
    subject, body = template_render(application, kind, extra)
    return email_send(application, subject, body, kind=kind, user=user, attachments=attachments)


def check_template(subject: str, body: str, kind: str | None = None) -> None:
    """Raise ValueError naming any placeholder a template (of this kind, if given) may not use."""
    unknown = placeholders_unknown(subject + "\n" + body, kind)
    if unknown:
        known = placeholders_for(kind)
        raise ValueError(
            _("Unknown placeholder: %(names)s. Use %(known)s.")
            % {"names": ", ".join(f"{{{n}}}" for n in unknown), "known": ", ".join(f"{{{n}}}" for n in known)}
        )


def sample_values(employer: Employer, kind: str, language: str) -> dict[str, str]:
    """Return the placeholder values of a made-up candidate, for previewing a template."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.utils import formats, timezone

    posting = employer.postings.order_by("-created").first()
    when = timezone.localtime(timezone.now() + timedelta(days=7), ZoneInfo(settings.TIME_ZONE))
    start = datetime(when.year, when.month, when.day, 10, 0, tzinfo=when.tzinfo)
    with translation.override(language):
        day = formats.date_format(start, "l, j F Y")
        values = {
            "candidate_name": "Nur Aisyah" if language == "ms" else "Dee Lim",  # a name, not a word to translate
            "posting": posting.title if posting else _("Customer Service Agent"),
            "employer": employer.name,
            "link": settings.SITE_URL.rstrip("/") + f"/{language}/status/…/",
            "interview_time": f"{day}, 10:00–10:30 ({settings.TIME_ZONE})",
            "interview_place": _("Level 3, Menara Example, Kuala Lumpur"),
        }
    return {name: values[name] for name in placeholders_for(kind)}


def template_preview(employer: Employer, kind: str, language: str, subject: str, body: str) -> tuple[str, str]:
    """Return a template's (subject, body) filled in for a made-up candidate."""
    values = sample_values(employer, kind, language)
    return " ".join(fill(subject, values).split()), fill(body, values)
