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
from callhire.base.models.speaking import CallAudio, Recording

__all__ = [
    "Application",
    "Attempt",
    "CallAudio",
    "Employer",
    "Invitation",
    "Membership",
    "Posting",
    "ProfileVersion",
    "Recording",
    "new_token",
]
