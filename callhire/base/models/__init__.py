"""The shared domain, one module per subject; import models from here."""

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
from callhire.base.models.jobs import Job, VerdictChange
from callhire.base.models.messaging import EmailLog, EmailTemplate
from callhire.base.models.pipeline import Note, StageMove

__all__ = [
    "Application",
    "Attempt",
    "EmailLog",
    "EmailTemplate",
    "Employer",
    "Invitation",
    "Job",
    "Membership",
    "Note",
    "Posting",
    "ProfileVersion",
    "StageMove",
    "VerdictChange",
    "new_token",
]
