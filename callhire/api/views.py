"""The REST API's views: thin, scoped to the token's employer, changes made through the services."""

from __future__ import annotations

from django.db.models import F, Max, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from callhire.api import serializers as s
from callhire.base import services
from callhire.base.models import Application, Posting
from callhire.base.pipeline import StageError, note_add, stage_move
from callhire.base.rescreen import application_findings
from callhire.screening.profile import ProfileError

ID = r"[0-9]{1,15}"  # longer numbers are no row of ours; refusing them in the URL keeps them from the database


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _filters(serializer_class, request) -> dict:
    query = serializer_class(data=request.query_params.dict())  # a plain dict: "?verdict=" is an error, not "any"
    query.is_valid(raise_exception=True)
    return query.validated_data


class TokenScoped:
    # Every row a view reaches comes through these, filtered by the token's employer.

    request: object

    @property
    def token(self):
        return self.request.auth  # type: ignore[attr-defined]

    def postings(self):
        return Posting.objects.filter(employer_id=self.token.employer_id)

    def applications(self):
        return Application.objects.filter(posting__employer_id=self.token.employer_id)

    def application(self, pk) -> Application:
        return get_object_or_404(self.applications().select_related("posting"), pk=pk)


# The API's names for fields kept in an application's Screening row.
API_FIELDS = {"verdict": "screening__verdict", "score": "screening__score"}


@extend_schema_view(
    list=extend_schema(summary="List postings", parameters=[s.PostingFilter]),
    retrieve=extend_schema(summary="Get a posting"),
    create=extend_schema(summary="Create a posting", description="A new posting starts as a draft without a profile."),
    update=extend_schema(summary="Replace a posting's basic fields"),
    partial_update=extend_schema(summary="Change some of a posting's basic fields"),
)
class PostingViewSet(
    TokenScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The employer's postings: basic fields, pipeline stages and current profile version."""

    serializer_class = s.PostingSerializer
    lookup_value_regex = ID
    queryset = Posting.objects.none()  # for the schema; get_queryset scopes the real one

    def get_queryset(self):
        # The current profile's number in the same query, not one query per posting.
        rows = self.postings().annotate(current_profile=Max("profile_versions__number"))
        if self.action != "list":
            return rows
        f = _filters(s.PostingFilter, self.request)
        if "status" in f:
            rows = rows.filter(status=f["status"])
        if "q" in f:
            rows = rows.filter(Q(title__icontains=f["q"]) | Q(location__icontains=f["q"]))
        if "created_after" in f:
            rows = rows.filter(created__gte=f["created_after"])
        if "updated_after" in f:
            rows = rows.filter(updated__gte=f["updated_after"])
        return rows.order_by(f["ordering"], "-pk")

    def perform_create(self, serializer):
        serializer.save(employer_id=self.token.employer_id)

    def perform_update(self, serializer):
        serializer.save(updated=timezone.now())


class ProfileView(TokenScoped, APIView):
    """A posting's job profile: the document the screening engine reads."""

    @extend_schema(
        summary="Get a posting's profile",
        parameters=[s.ProfileQuery],
        responses={200: s.ProfileVersionSerializer},
    )
    def get(self, request, pk):
        posting = get_object_or_404(self.postings(), pk=pk)
        number = _filters(s.ProfileQuery, request).get("version")
        versions = posting.profile_versions.order_by("-number")
        version = (versions.filter(number=number) if number else versions).first()
        if version is None:
            raise NotFound(
                _("This posting has no such profile version.") if number else _("This posting has no profile yet.")
            )
        return Response(s.ProfileVersionSerializer(version).data)

    @extend_schema(
        summary="Save a posting's profile",
        description=(
            "Send the profile document as the body. It is validated as a whole; a 400 lists every fault in "
            "`errors` as {path, message, message_ms} and saves nothing. While the posting is not open and nobody "
            "was screened against its current profile, that version is replaced; otherwise a new version is made."
        ),
        request=OpenApiTypes.OBJECT,
        responses={200: s.ProfileVersionSerializer, 400: OpenApiResponse(description="The profile is not valid.")},
    )
    def put(self, request, pk):
        posting = get_object_or_404(self.postings(), pk=pk)
        try:
            version = services.profile_save(posting, request.data, user=self.token.created_by, source="imported")
        except ProfileError as exc:
            errors = [{"path": e.path, "message": e.en, "message_ms": e.ms} for e in exc.errors]
            raise ValidationError(errors) from exc
        return Response(s.ProfileVersionSerializer(version).data)


@extend_schema_view(
    list=extend_schema(summary="List applications", parameters=[s.ApplicationFilter]),
    retrieve=extend_schema(summary="Get an application, with its facts, findings and CV text"),
)
class ApplicationViewSet(TokenScoped, viewsets.ReadOnlyModelViewSet):
    """Applications to the employer's postings, with the verdict the screening engine gave."""

    lookup_value_regex = ID
    queryset = Application.objects.none()

    def get_serializer_class(self):
        return s.ApplicationDetailSerializer if self.action == "retrieve" else s.ApplicationSerializer

    def get_queryset(self):
        rows = self.applications().select_related("posting", "screening")
        if self.action != "list":
            # The detail names the profile version; its document stays in the database.
            return rows.select_related("profile_version", "screening__profile_version").defer(
                "profile_version__document", "screening__profile_version__document"
            )
        f = _filters(s.ApplicationFilter, self.request)
        for field in ("stage", "verdict", "source"):
            if field in f:
                rows = rows.filter(**{API_FIELDS.get(field, field): f[field]})
        if "posting" in f:
            rows = rows.filter(posting_id=f["posting"])
        if "created_after" in f:
            rows = rows.filter(created__gte=f["created_after"])
        if "created_before" in f:
            rows = rows.filter(created__lt=f["created_before"])
        if "q" in f:
            rows = rows.filter(Q(name__icontains=f["q"]) | Q(email__icontains=f["q"]))
        key = f["ordering"].lstrip("-")
        key = API_FIELDS.get(key, key)
        order = F(key).desc(nulls_last=True) if f["ordering"].startswith("-") else F(key).asc(nulls_last=True)
        # The list shows none of the big fields; leave them in the database.
        rows = rows.defer("cv_text", "facts", "fact_sources", "fact_origins", "findings", "posting__assessment_config")
        return rows.order_by(order, "-pk")

    def get_object(self):
        application = super().get_object()
        application_findings(application)  # a re-screen leaves them to be worked out when read
        return application


class MoveList(TokenScoped, generics.ListCreateAPIView):
    """An application's stage moves: who, when, from where, to where and why."""

    serializer_class = s.StageMoveSerializer

    def get_queryset(self):
        return self.application(self.kwargs["pk"]).stage_moves.select_related("user").order_by("created", "pk")

    @extend_schema(summary="List an application's stage moves, oldest first")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Move an application to another stage",
        description="Recorded with cause `api`. A rejection needs a `reason`. 409 when it already is in that stage.",
        responses={201: s.StageMoveSerializer, 409: OpenApiResponse(description="Already in that stage.")},
    )
    def post(self, request, pk):
        application = self.application(pk)
        serializer = s.StageMoveSerializer(data=request.data, context={"application": application})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            move = stage_move(
                application,
                data["to_stage"],
                user=self.token.created_by,
                reason=data.get("reason", ""),
                note=data.get("note", ""),
                cause="api",
            )
        except StageError as exc:
            raise ValidationError({"to_stage": [str(exc)]}) from exc
        if move is None:
            raise Conflict(_("The application already is in that stage."))
        return Response(s.StageMoveSerializer(move).data, status=status.HTTP_201_CREATED)


class NoteList(TokenScoped, generics.ListCreateAPIView):
    """The team's notes on an application; @-mentioned teammates are told."""

    serializer_class = s.NoteSerializer

    def get_queryset(self):
        notes = self.application(self.kwargs["pk"]).notes.select_related("author").prefetch_related("mentions")
        return notes.order_by("created", "pk")

    @extend_schema(summary="List an application's notes, oldest first")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(summary="Add a note to an application", responses={201: s.NoteSerializer})
    def post(self, request, pk):
        application = self.application(pk)
        serializer = s.NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            note = note_add(application, self.token.created_by, serializer.validated_data["text"])
        except ValueError as exc:
            raise ValidationError({"text": [str(exc)]}) from exc
        return Response(s.NoteSerializer(note).data, status=status.HTTP_201_CREATED)
