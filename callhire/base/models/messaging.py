"""Email to candidates: the employer's templates and a log of every message sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from callhire.base.models.core import Application, Employer


class EmailTemplate(models.Model):
    """An employer's wording for one kind of email in one language (see callhire.base.emails)."""

    employer = models.ForeignKey(Employer, models.CASCADE, related_name="email_templates")
    kind = models.CharField(_("kind"), max_length=40)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    updated = models.DateTimeField(_("updated"), default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("email template")
        verbose_name_plural = _("email templates")
        ordering = ["employer", "kind", "language"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "kind", "language"], name="one_template_per_kind_language")
        ]

    def __str__(self) -> str:
        return f"{self.employer}: {self.kind} ({self.language})"


class EmailLog(models.Model):
    """One email sent to a candidate, kept so the team sees what the candidate was told."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="emails")
    kind = models.CharField(_("kind"), max_length=40)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(_("sent"), default=timezone.now)
    error = models.TextField(_("error"), blank=True)  # blank when the mail server took it
    # The names of the files sent with it, e.g. ["interview.ics"]; the content is not kept.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)

    class Meta:
        verbose_name = _("email sent")
        verbose_name_plural = _("emails sent")
        ordering = ["application", "-created"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
