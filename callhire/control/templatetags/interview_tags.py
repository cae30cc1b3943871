from __future__ import annotations

from django import template

from callhire.base.models import Interview, Membership
from callhire.control.access import has_role

register = template.Library()


@register.simple_tag(takes_context=True)
def interview_rights(context, application) -> dict[str, bool]:
    """Say what the signed-in teammate may do with the application's interviews."""
    user = context["request"].user
    return {
        "recruit": has_role(user, application.posting.employer_id, Membership.Role.RECRUITER),
        "has_open": application.interviews.filter(state__in=Interview.ACTIVE).exists(),
    }
