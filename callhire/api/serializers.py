"""What the API reads and writes; every queryset behind it is already scoped to the token's employer."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from callhire.base.models import Application, Note, Posting, ProfileVersion, StageMove
from callhire.base.pipeline import REJECTION_REASONS, posting_stages, stage_label

MAX_ID = 2**53  # larger numbers are no row of ours, and some databases cannot even compare them


class TextField(serializers.CharField):
    """A text field that takes only JSON strings: 0 or false is a mistake to report, not text to store."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: TextField,
        models.TextField: TextField,
    }


class StageSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    closed = serializers.BooleanField(help_text="Rejected and withdrawn: the application left the pipeline.")


class PostingSerializer(ModelSerializer):
    stages = serializers.SerializerMethodField(help_text="The posting's pipeline, in order.")
    languages = serializers.SerializerMethodField(help_text="ISO 639-1 codes of the languages the job needs.")
    profile_version = serializers.SerializerMethodField(help_text="The current profile's version, if any.")

    class Meta:
        model = Posting
        fields = [
            "id",
            "title",
            "location",
            "arrangement",
            "status",
            "closing_date",
            "language",
            "created",
            "updated",
            "employment_type",
            "hours",
            "pay_min",
            "pay_max",
            "pay_currency",
            "pay_period",
            "languages",
            "stages",
            "profile_version",
        ]
        # The job terms are copied from the profile: change them by saving a profile.
        read_only_fields = [
            "created",
            "updated",
            "employment_type",
            "hours",
            "pay_min",
            "pay_max",
            "pay_currency",
            "pay_period",
        ]

    @extend_schema_field(StageSerializer(many=True))
    def get_stages(self, posting: Posting) -> list[dict]:
        return [{"key": s.key, "label": s.label, "closed": s.closed} for s in posting_stages(posting)]

    def get_languages(self, posting: Posting) -> list[str]:
        return [code for code in posting.languages.split(",") if code]

    def get_profile_version(self, posting: Posting) -> int | None:
        if hasattr(posting, "current_profile"):
            return posting.current_profile
        version = posting.current_version()
        return version.number if version else None

    def validate(self, attrs):
        status = attrs.get("status", self.instance.status if self.instance else Posting.Status.DRAFT)
        if status == Posting.Status.OPEN and (self.instance is None or self.instance.current_version() is None):
            raise serializers.ValidationError({"status": _("Save a profile for the posting before opening it.")})
        return attrs


class ProfileVersionSerializer(ModelSerializer):
    version = serializers.IntegerField(source="number")
    document = serializers.JSONField(help_text="The profile document (schema callhire/profile), as validated.")

    class Meta:
        model = ProfileVersion
        fields = ["posting", "version", "source", "created", "document"]


class ProfileErrorSerializer(serializers.Serializer):
    path = serializers.CharField(help_text="Where in the document, e.g. requirements.typing_wpm.value.")
    message = serializers.CharField()
    message_ms = serializers.CharField()


class ApplicationSerializer(ModelSerializer):
    stage_label = serializers.SerializerMethodField()
    has_cv = serializers.SerializerMethodField()
    # Kept in the application's Screening row; blank and null until it is screened.
    verdict = serializers.ChoiceField(choices=Application.Verdict.choices, allow_blank=True, read_only=True)
    score = serializers.IntegerField(allow_null=True, read_only=True, min_value=0, max_value=100)

    class Meta:
        model = Application
        fields = [
            "id",
            "posting",
            "name",
            "email",
            "phone",
            "language",
            "stage",
            "stage_label",
            "stage_changed",
            "rejection_reason",
            "source",
            "verdict",
            "score",
            "created",
            "updated",
            "withdrawn_at",
            "has_cv",
        ]
        read_only_fields = fields

    def get_stage_label(self, application: Application) -> str:
        return stage_label(application.posting, application.stage)

    def get_has_cv(self, application: Application) -> bool:
        return bool(application.cv)


class ApplicationDetailSerializer(ApplicationSerializer):
    profile_version = serializers.SerializerMethodField(help_text="The profile version the verdict used.")
    facts = serializers.JSONField(help_text="Fact key → value.")
    fact_sources = serializers.JSONField(help_text="Fact key → declared, measured, document or verified.")
    fact_origins = serializers.JSONField(help_text="Fact key → the assessment that measured it.")
    findings = serializers.JSONField(help_text="The verdict explained, requirement by requirement.")

    class Meta(ApplicationSerializer.Meta):
        fields = [
            *ApplicationSerializer.Meta.fields,
            "profile_version",
            "facts",
            "fact_sources",
            "fact_origins",
            "findings",
            "cv_text",
        ]
        read_only_fields = fields

    def get_profile_version(self, application: Application) -> int | None:
        return application.profile_version.number if application.profile_version else None


class StageMoveSerializer(ModelSerializer):
    user = serializers.SerializerMethodField(help_text="The email of who made the move, if a person did.")
    to_stage = TextField(max_length=40, help_text="A key from the posting's `stages`.")
    reason = TextField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="Required when moving to rejected: " + ", ".join(REJECTION_REASONS) + ".",
    )
    note = TextField(max_length=5000, required=False, allow_blank=True)

    class Meta:
        model = StageMove
        fields = ["id", "from_stage", "to_stage", "reason", "note", "cause", "user", "created"]
        read_only_fields = ["from_stage", "cause", "created"]

    def get_user(self, move: StageMove) -> str | None:
        return move.user.email if move.user else None

    def validate(self, attrs):
        application: Application = self.context["application"]
        keys = [s.key for s in posting_stages(application.posting)]
        if attrs["to_stage"] not in keys:
            message = _("“%(stage)s” is not a stage of this posting; use one of: %(keys)s.")
            raise serializers.ValidationError(
                {"to_stage": message % {"stage": attrs["to_stage"], "keys": ", ".join(keys)}}
            )
        if attrs["to_stage"] == Application.Stage.REJECTED and attrs.get("reason") not in REJECTION_REASONS:
            message = _("Say why the candidate is rejected, with one of: %(reasons)s.")
            raise serializers.ValidationError({"reason": message % {"reasons": ", ".join(REJECTION_REASONS)}})
        return attrs


class NoteSerializer(ModelSerializer):
    author = serializers.SerializerMethodField(help_text="The email of the note's author.")
    mentions = serializers.SerializerMethodField(help_text="The emails of the teammates @-mentioned.")
    text = TextField(max_length=10000, help_text="Mention a teammate with @ and their email.")

    class Meta:
        model = Note
        fields = ["id", "author", "text", "mentions", "created"]
        read_only_fields = ["created"]

    def get_author(self, note: Note) -> str | None:
        return note.author.email if note.author else None

    @extend_schema_field(serializers.ListField(child=serializers.EmailField()))
    def get_mentions(self, note: Note) -> list[str]:
        return [user.email for user in note.mentions.all()]


def _ordering(*names: str) -> list[str]:
    return [n for name in names for n in (name, f"-{name}")]


class PostingFilter(serializers.Serializer):
    status = serializers.ChoiceField(choices=Posting.Status.choices, required=False)
    q = serializers.CharField(required=False, max_length=200, help_text="Words in the title or location.")
    created_after = serializers.DateTimeField(required=False)
    updated_after = serializers.DateTimeField(required=False)
    ordering = serializers.ChoiceField(choices=_ordering("created", "updated", "title"), default="-created")


class ApplicationFilter(serializers.Serializer):
    posting = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    stage = serializers.CharField(required=False, max_length=40)
    verdict = serializers.ChoiceField(choices=Application.Verdict.choices, required=False)
    source = serializers.CharField(required=False, max_length=40)
    created_after = serializers.DateTimeField(required=False)
    created_before = serializers.DateTimeField(required=False)
    q = serializers.CharField(required=False, max_length=200, help_text="Text in the candidate's name or email.")
    ordering = serializers.ChoiceField(
        choices=_ordering("created", "updated", "score", "name", "stage_changed"), default="-created"
    )


class ProfileQuery(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, min_value=1, max_value=32767, help_text="An earlier version; the current one by default."
    )
