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

__all__ = [
    "Application",
    "Attempt",
    "Employer",
    "Invitation",
    "Membership",
    "Posting",
    "ProfileVersion",
    "new_token",
]
