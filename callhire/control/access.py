"""Who on an employer's team may see and do what; every recruiter-side query starts here.

Roles nest: an admin can do all a recruiter can, a recruiter all a hiring manager can. A hiring
manager sees postings and only the shortlisted candidates (interview onwards, in each posting's
own stage order). Somebody from another employer gets 404 for every object, so the existence of
other employers' data never leaks; a teammate whose role is too low gets 403.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from callhire.base.models import Application, Employer, Membership, Posting
from callhire.base.pipeline import shortlist_stages

Role = Membership.Role
RANK = {Role.HIRING_MANAGER: 1, Role.RECRUITER: 2, Role.ADMIN: 3}


def roles_at_least(role: str) -> list[str]:
    return [r for r, rank in RANK.items() if rank >= RANK[Role(role)]]


def employers_for(user, role: str = Role.HIRING_MANAGER) -> QuerySet[Employer]:
    """Return the employers where the user has at least the role."""
    if not user.is_authenticated:
        return Employer.objects.none()
    return Employer.objects.filter(memberships__user=user, memberships__role__in=roles_at_least(role)).distinct()


def role_at(user, employer_id: int) -> str | None:
    """Return the user's role at an employer, or None for an outsider."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, employer_id=employer_id).values_list("role", flat=True).first()


def has_role(user, employer_id: int, role: str) -> bool:
    held = role_at(user, employer_id)
    return held is not None and RANK[Role(held)] >= RANK[Role(role)]


def postings_for(user, role: str = Role.HIRING_MANAGER) -> QuerySet[Posting]:
    """Return the postings of the employers where the user has at least the role, and no others."""
    return Posting.objects.filter(employer__in=employers_for(user, role)).select_related("employer")


def applications_for(user, role: str = Role.HIRING_MANAGER) -> QuerySet[Application]:
    """Return the applications the user may see with at least the role.

    With the hiring-manager role, that is every application at employers where the user
    recruits, and the shortlisted ones where they only manage hiring.
    """
    if not user.is_authenticated:
        return Application.objects.none()
    full = employers_for(user, Role.RECRUITER if role == Role.HIRING_MANAGER else role)
    visible = Q(posting__employer__in=full)
    if role == Role.HIRING_MANAGER:
        visible |= _shortlisted(user)
    return Application.objects.filter(visible).select_related("posting__employer")


def _shortlisted(user) -> Q:
    """The applications of the postings where the user manages hiring that are on its shortlist."""
    managed = Posting.objects.filter(employer__memberships__user=user, employer__memberships__role=Role.HIRING_MANAGER)
    by_stages: dict[tuple[str, ...], list[int]] = {}
    for posting in managed.only("pk", "stages"):
        by_stages.setdefault(tuple(shortlist_stages(posting)), []).append(posting.pk)
    shortlisted = Q(pk__in=[])
    for stages, postings in by_stages.items():  # postings with the same stages share one condition
        shortlisted |= Q(posting_id__in=postings, stage__in=stages)
    return shortlisted


def _check(user, employer_id: int, role: str) -> None:
    if not has_role(user, employer_id, role):
        raise PermissionDenied


def get_posting(request: HttpRequest, pk: int, role: str = Role.HIRING_MANAGER) -> Posting:
    """Return a posting of the user's employers (404 for anyone else), if their role allows the action (403)."""
    posting = get_object_or_404(postings_for(request.user), pk=pk)
    _check(request.user, posting.employer_id, role)
    return posting


def get_application(request: HttpRequest, pk: int, role: str = Role.HIRING_MANAGER) -> Application:
    """Return an application the user may see (404 otherwise), if their role allows the action (403)."""
    application = get_object_or_404(applications_for(request.user), pk=pk)
    _check(request.user, application.posting.employer_id, role)
    return application


def get_employer(request: HttpRequest, slug: str, role: str = Role.HIRING_MANAGER) -> Employer:
    employer = get_object_or_404(employers_for(request.user), slug=slug)
    _check(request.user, employer.pk, role)
    return employer


def member_required(view):
    """Let in signed-in members of at least one employer; everyone else is sent to log in or gets 404."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not Membership.objects.filter(user=request.user).exists():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
