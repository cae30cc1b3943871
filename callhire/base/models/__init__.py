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
from callhire.base.models.techcheck import TechCheck

__all__ = [
    "Application",
    "Attempt",
    "Employer",
    "Invitation",
    "Membership",
    "Posting",
    "ProfileVersion",
    "TechCheck",
    "new_token",
]
