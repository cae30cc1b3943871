"""The shared domain, one module per subject; import models from here."""

from callhire.base.models.accounts import TwoFactor
from callhire.base.models.api import ApiToken, Webhook, WebhookDelivery, new_webhook_secret
from callhire.base.models.core import (
    Application,
    Attempt,
    Employer,
    Invitation,
    Membership,
    Posting,
    ProfileVersion,
    Screening,
    new_token,
)
from callhire.base.models.interviews import Interview, InterviewSlot
from callhire.base.models.jobs import Job, VerdictChange
from callhire.base.models.messaging import EmailLog, EmailTemplate
from callhire.base.models.pipeline import Note, StageMove
from callhire.base.models.speaking import CallAudio, Recording
from callhire.base.models.techcheck import TechCheck

__all__ = [
    "ApiToken",
    "Application",
    "Attempt",
    "EmailLog",
    "EmailTemplate",
    "CallAudio",
    "Employer",
    "Interview",
    "InterviewSlot",
    "Invitation",
    "Job",
    "Membership",
    "Note",
    "Posting",
    "ProfileVersion",
    "Screening",
    "StageMove",
    "TwoFactor",
    "TechCheck",
    "Recording",
    "Webhook",
    "WebhookDelivery",
    "VerdictChange",
    "new_token",
    "new_webhook_secret",
]
