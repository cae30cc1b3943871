"""The shared domain: employers (the tenants), their people, postings and profile versions."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Coalesce, Lower, Replace, Right
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from callhire.base.models.search import PostgresGinIndex
from callhire.screening.engine import Screener
from callhire.screening.profile import Profile, parse_profile


class Employer(models.Model):
    """A contact center or BPO: the tenant every other row belongs to."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    about = models.TextField(_("about"), blank=True)
    website = models.URLField(_("website"), blank=True)
    apply_email = models.EmailField(_("application email"), blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role at one employer."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        RECRUITER = "recruiter", _("Recruiter")
        HIRING_MANAGER = "hiring_manager", _("Hiring manager")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    employer = models.ForeignKey(Employer, models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.RECRUITER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "employer"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.employer} ({self.get_role_display()})"


class Posting(models.Model):
    """One open position at one employer, described by its latest profile version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Arrangement(models.TextChoices):
        ONSITE = "onsite", _("On site")
        REMOTE = "remote", _("From home")
        HYBRID = "hybrid", _("Hybrid")

    employer = models.ForeignKey(Employer, models.CASCADE, related_name="postings")
    title = models.CharField(_("title"), max_length=200)
    location = models.CharField(_("location"), max_length=200, blank=True)
    arrangement = models.CharField(
        _("work arrangement"), max_length=10, choices=Arrangement.choices, default=Arrangement.ONSITE
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    closing_date = models.DateField(_("closing date"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    created = models.DateTimeField(_("created"), default=timezone.now)
    updated = models.DateTimeField(_("updated"), default=timezone.now)
    # Copied from the current profile so the job board can filter and sort in the database.
    employment_type = models.CharField(_("employment type"), max_length=20, blank=True)
    hours = models.CharField(_("hours"), max_length=20, blank=True)
    pay_min = models.DecimalField(_("pay from"), max_digits=12, decimal_places=2, null=True, blank=True)
    pay_max = models.DecimalField(_("pay up to"), max_digits=12, decimal_places=2, null=True, blank=True)
    pay_currency = models.CharField(_("currency"), max_length=3, blank=True)
    pay_period = models.CharField(_("pay period"), max_length=10, blank=True)
    languages = models.CharField(
        _("languages"), max_length=100, blank=True, help_text=_("ISO 639-1 codes, comma-separated")
    )
    # Which assessment sections the posting uses and their pass marks; see callhire.base.assessing.
    assessment_config = models.JSONField(_("assessment settings"), default=dict, blank=True)
    # The pipeline's stages in order, [{"key": ..., "label": ...}]; empty means the default.
    stages = models.JSONField(_("stages"), default=list, blank=True)

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.title

    def current_version(self) -> ProfileVersion | None:
        return self.profile_versions.order_by("-number").first()

    def copy_terms(self, profile: Profile) -> None:
        """Copy the profile's job terms onto the fields the job board filters and sorts by."""
        job = profile.job
        pay = job.get("pay") or {}
        self.arrangement = job.get("work_arrangement", self.arrangement)
        self.employment_type = job.get("employment_type", "")
        self.hours = job.get("hours", "")
        self.pay_min = pay.get("min", pay.get("max"))
        self.pay_max = pay.get("max", pay.get("min"))
        self.pay_currency = pay.get("currency", "")
        self.pay_period = pay.get("period", "")
        rule = profile.rule("languages")
        codes = [self.language] + (list(rule.value) if rule else [])
        self.languages = ",".join(dict.fromkeys(codes))

    def is_accepting(self) -> bool:
        """Say whether candidates may apply today."""
        if self.status != self.Status.OPEN:
            return False
        return self.closing_date is None or self.closing_date >= timezone.localdate()


class ProfileVersion(models.Model):
    """One version of a posting's job profile; a version that screened anyone is never edited."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Written by hand")
        IMPORTED = "imported", _("Imported from a file")
        EXTRACTED = "extracted", _("Read from a posting")

    posting = models.ForeignKey(Posting, models.CASCADE, related_name="profile_versions")
    number = models.PositiveIntegerField(_("version"))
    document = models.JSONField(_("profile"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    created = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("profile version")
        verbose_name_plural = _("profile versions")
        ordering = ["posting", "-number"]
        constraints = [models.UniqueConstraint(fields=["posting", "number"], name="unique_profile_version")]

    def __str__(self) -> str:
        return f"{self.posting} v{self.number}"

    def profile(self) -> Profile:
        # Parsed once per instance: a request passes the same version to every step that needs it.
        cached = self.__dict__.get("_profile")
        if cached is None or cached[0] is not self.document:
            cached = (self.document, parse_profile(self.document))
            self.__dict__["_profile"] = cached
        return cached[1]

    def screener(self) -> Screener:
        # Compiled once per instance too: it also keeps the sentences it has written for answers.
        cached = self.__dict__.get("_screener")
        profile = self.profile()
        if cached is None or cached.profile is not profile:
            cached = self.__dict__["_screener"] = Screener(profile)
        return cached

    def is_in_use(self) -> bool:
        return self.applications.exists() or self.screenings.exists()


def new_token() -> str:
    return secrets.token_urlsafe(24)


def score_rank(field: str = "score") -> models.Func:
    """Return the preference score with "no score" as -1, so unscored applications sort last everywhere.

    On an Application query the field is "screening__score".
    """
    return Coalesce(field, -1)


@deconstructible(path="callhire.base.models.core.Unmeasured")
class Unmeasured(models.Value):
    """-1 where a fact is missing: JSON on PostgreSQL (to compare with jsonb), a number on SQLite."""

    def __init__(self, value=-1, output_field=None):
        super().__init__(value, output_field=models.JSONField())

    def as_sqlite(self, compiler, connection, **extra_context):
        return "-1", []  # SQLite's JSON_EXTRACT gives numbers, and any text sorts above a number


def fact_rank(fact: str) -> models.Func:
    """Return a measured fact's JSON value, or -1 when the candidate has none, so the unmeasured sort last."""
    return Coalesce(KeyTransform(fact, "facts"), Unmeasured(), output_field=models.JSONField())


VERDICT_ORDER = ("qualified", "needs_review", "not_qualified")


def verdict_rank(field: str = "verdict") -> models.Case:
    """Return a verdict's place in VERDICT_ORDER, and 3 for no verdict yet (on Application: "screening__verdict")."""
    whens = (models.When(**{field: v}, then=models.Value(i)) for i, v in enumerate(VERDICT_ORDER))
    return models.Case(*whens, default=3)


# Enough digits to tell people apart, few enough to ignore country and trunk prefixes.
PHONE_KEY_DIGITS = 9


def phone_key_expression() -> models.Func:
    """Return the last nine digits of the phone number: what duplicate detection matches on."""
    expression: models.Func | models.F = models.F("phone")
    for char in " -().+/":
        expression = Replace(expression, models.Value(char), models.Value(""))
    return Right(expression, PHONE_KEY_DIGITS)


class Application(models.Model):
    """A candidate's application to a posting, with the facts screened and the verdict reached."""

    class Verdict(models.TextChoices):
        QUALIFIED = "qualified", _("Qualified")
        NOT_QUALIFIED = "not_qualified", _("Not qualified")
        NEEDS_REVIEW = "needs_review", _("Needs review")

    class Stage(models.TextChoices):
        """The default pipeline; a posting may rename, drop or add the stages between the ends."""

        APPLIED = "applied", _("Applied")
        SCREENED = "screened", _("Screened")
        ASSESSMENT = "assessment", _("Assessment")
        INTERVIEW = "interview", _("Interview")
        BACKGROUND_CHECK = "background_check", _("Background check")
        OFFER = "offer", _("Offer")
        HIRED = "hired", _("Hired")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Every index below starts with the posting (one_application_per_person too), so the foreign
    # key needs none of its own: each index is one more write when a re-screen changes a row.
    posting = models.ForeignKey(Posting, models.CASCADE, related_name="applications", db_index=False)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    # One of the posting's stages (see callhire.base.pipeline); changed only by stage_move.
    stage = models.CharField(_("stage"), max_length=40, default=Stage.APPLIED)  # indexed with the posting
    stage_changed = models.DateTimeField(_("in this stage since"), default=timezone.now)
    rejection_reason = models.CharField(_("rejection reason"), max_length=40, blank=True)
    # Where the candidate came from: the job board, a careers page, the API, a referral...
    source = models.CharField(_("source"), max_length=40, blank=True, default="board")
    # The private link to the status page; whoever holds it is the candidate.
    token = models.CharField(max_length=64, default=new_token, editable=False)  # unique: see Meta
    # One per form shown: a double-clicked or retried submit finds the application it made.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    cv = models.FileField(_("CV"), upload_to="cv/%Y/%m/", blank=True)
    cv_text = models.TextField(_("CV text"), blank=True)
    consent_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    updated = models.DateTimeField(_("updated"), default=timezone.now)
    facts = models.JSONField(_("facts"), default=dict)
    # Which assessment established each measured fact, so a finding can say where it came from.
    fact_origins = models.JSONField(_("fact origins"), default=dict, blank=True)
    # Extra attempts a recruiter granted, per assessment section.
    attempts_granted = models.JSONField(_("extra attempts"), default=dict, blank=True)
    fact_sources = models.JSONField(_("fact sources"), default=dict)
    # The version the findings explain; the verdict's own is Screening.profile_version, which a
    # re-screen moves on first (the findings follow, see callhire.base.rescreen).
    profile_version = models.ForeignKey(
        ProfileVersion, models.PROTECT, null=True, blank=True, related_name="applications"
    )
    findings = models.JSONField(_("findings"), default=list)
    created = models.DateTimeField(_("created"), default=timezone.now)
    # Names, email, notes and CV text for full-text search on PostgreSQL; kept by callhire.base.search.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["posting", "email"], name="one_application_per_person"),
            # A constraint, not unique=True: that would add a second index for LIKE, never used.
            models.UniqueConstraint(fields=["token"], name="application_token"),
        ]
        # The recruiter's list and board read one posting's applications in these orders (by
        # verdict and score: Screening's indexes).
        indexes = [
            models.Index(fields=["posting", "-created", "-id"], name="application_by_date"),
            models.Index(fields=["posting", "stage", "stage_changed"], name="application_in_stage"),
            models.Index(
                models.F("posting"), fact_rank("typing_wpm").desc(), models.F("id").desc(), name="application_by_typing"
            ),
            models.Index(
                models.F("posting"),
                fact_rank("service_judgement_score").desc(),
                models.F("id").desc(),
                name="application_by_judgement",
            ),
            # The same person across postings (callhire.base.candidates).
            models.Index(Lower("email"), name="application_email"),
            models.Index(phone_key_expression(), name="application_phone_key"),
            # Searches over many postings walk this to rank only the newest matches (callhire.base.search).
            models.Index(fields=["-created"], name="application_created"),
            PostgresGinIndex(fields=["search_vector"], name="application_search"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.posting}"

    def save(self, *args, **kwargs) -> None:
        adding = self._state.adding
        fields = kwargs.get("update_fields")
        if fields is not None:
            fields = set(fields)
            verdict_fields = fields & SCREENING_FIELDS
            kwargs["update_fields"] = fields - SCREENING_FIELDS
            if verdict_fields:
                self._verdict_set = True
        if fields is None or kwargs["update_fields"]:
            super().save(*args, **kwargs)
        # Every application has its row: the list's sorts read the posting's rows from its indexes.
        if adding or getattr(self, "_verdict_set", False):
            screening = self.screening_row()
            screening.application, screening.posting_id = self, self.posting_id
            screening.save(force_insert=adding)
            self._verdict_set = False

    # The verdict lives in the application's Screening row (see there why). These read it and
    # set it, so an application is made, screened and saved as one object: save() writes both.

    def screening_row(self) -> Screening:
        """Return the application's Screening row, a new unsaved one if it has none yet."""
        try:
            return self.screening
        except Screening.DoesNotExist:
            self.screening = Screening(application=self, posting_id=self.posting_id)
            return self.screening

    @property
    def verdict(self) -> str:
        return self.screening_row().verdict

    @verdict.setter
    def verdict(self, value: str) -> None:
        self.screening_row().verdict = value
        self._verdict_set = True

    @property
    def score(self) -> int | None:
        return self.screening_row().score

    @score.setter
    def score(self, value: int | None) -> None:
        self.screening_row().score = value
        self._verdict_set = True

    @property
    def previous_verdict(self) -> str:
        return self.screening_row().previous_verdict

    @previous_verdict.setter
    def previous_verdict(self, value: str) -> None:
        self.screening_row().previous_verdict = value
        self._verdict_set = True

    def get_verdict_display(self) -> str:
        return self.screening_row().get_verdict_display()

    def get_previous_verdict_display(self) -> str:
        return self.screening_row().get_previous_verdict_display()

    def get_stage_display(self) -> str:
        """Return the stage's name as this posting calls it."""
        from callhire.base.pipeline import stage_label

        return stage_label(self.posting, self.stage)


# The Application attributes that live in its Screening row.
SCREENING_FIELDS = frozenset({"verdict", "score", "previous_verdict"})
# What a screening sets: Application.save(update_fields=VERDICT_FIELDS) stores both rows.
VERDICT_FIELDS = ["profile_version", "findings", "verdict", "score"]


class Screening(models.Model):
    """An application's verdict and preference score, and each requirement's status behind them.

    A table of its own, narrow and with only the list's sort indexes, because a profile change
    re-screens every application of a posting: a changed row then costs a short tuple and three
    index entries, not a copy of the whole application and an entry in each of its indexes.
    """

    application = models.OneToOneField(
        Application, models.CASCADE, primary_key=True, related_name="screening", verbose_name=_("application")
    )
    # The application's posting, copied here so the sort indexes can start with it.
    posting = models.ForeignKey(Posting, models.CASCADE, related_name="+", db_index=False)
    # The version the verdict stands on (the findings may still explain an older one). Without a
    # database-level check, like VerdictChange's references: a re-screen changes it on every row
    # it writes. Django's delete collector still protects a version in use.
    profile_version = models.ForeignKey(
        ProfileVersion,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="screenings",
        db_index=False,
        db_constraint=False,
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Application.Verdict.choices, blank=True)
    score = models.PositiveSmallIntegerField(_("preference score"), null=True, blank=True)
    # The verdict before a re-screen after a profile change changed it (blank: never changed so).
    previous_verdict = models.CharField(
        _("previous verdict"), max_length=20, choices=Application.Verdict.choices, blank=True, default=""
    )
    # One letter per rule of profile_version (engine.statuses_code): a re-screen carries the
    # statuses of unchanged rules over and reads only the facts the changed ones ask about.
    statuses = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        indexes = [
            models.Index(
                models.F("posting"), score_rank().desc(), models.F("application").desc(), name="screening_by_score"
            ),
            models.Index(
                models.F("posting"),
                verdict_rank(),
                score_rank().desc(),
                models.F("application").desc(),
                name="screening_by_verdict",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.verdict}"


class Invitation(models.Model):
    """A single-use, expiring link to take a posting's assessments."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sections = models.JSONField(_("sections"), default=list)
    created = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    # A hash of the secret kept by the first browser that opened the link; no other browser may use it.
    claimed_by = models.CharField(max_length=64, blank=True, editable=False)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("assessment invitation")
        verbose_name_plural = _("assessment invitations")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.application} ({', '.join(self.sections)})"

    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class Attempt(models.Model):
    """One timed attempt at one assessment section."""

    class State(models.TextChoices):
        STARTED = "started", _("In progress")
        FINISHED = "finished", _("Finished")

    invitation = models.ForeignKey(Invitation, models.CASCADE, related_name="attempts")
    application = models.ForeignKey(Application, models.CASCADE, related_name="attempts")
    section = models.CharField(_("section"), max_length=20)
    number = models.PositiveSmallIntegerField(_("attempt"), default=1)
    language = models.CharField(_("language"), max_length=5, default="en")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.STARTED)
    item_ids = models.JSONField(default=list)  # in the order shown to this candidate
    limit_seconds = models.PositiveIntegerField()
    used_seconds = models.FloatField(default=0)
    last_seen = models.DateTimeField(default=timezone.now)
    disconnects = models.PositiveIntegerField(default=0)
    answers = models.JSONField(default=dict)
    item_seconds = models.JSONField(default=dict)
    keystrokes = models.JSONField(default=list)
    tab_leaves = models.PositiveIntegerField(default=0)
    paste_attempts = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict)
    score = models.FloatField(null=True, blank=True)
    # A recruiter's own score for the written reply replaces the automatic one.
    reviewed_score = models.PositiveSmallIntegerField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("assessment attempt")
        verbose_name_plural = _("assessment attempts")
        ordering = ["application", "section", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "section", "number"], name="one_attempt_number"),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.section} #{self.number}"

    def remaining_seconds(self) -> float:
        return max(0.0, self.limit_seconds - self.used_seconds)
