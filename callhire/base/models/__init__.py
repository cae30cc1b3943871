"""The shared domain, one module per subject; import models from here."""

from callhire.base.models.api import ApiToken, Webhook, WebhookDelivery, new_webhook_secret
from callhire.base.models.core import (
    Application,
    Attempt,
    Employer,
    Invitation,
    Membership,
    Posting,
    ProfileVersion,
    new_token,
)
from callhire.base.models.messaging import EmailLog, EmailTemplate
from callhire.base.models.pipeline import Note, StageMove

__all__ = [
    "ApiToken",
    "Application",
    "Attempt",
    "EmailLog",
    "EmailTemplate",
    "Employer",
    "Invitation",
    "Membership",
    "Note",
    "Posting",
    "ProfileVersion",
    "StageMove",
    "Webhook",
    "WebhookDelivery",
    "new_token",
    "new_webhook_secret",
]
