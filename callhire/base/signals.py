"""Signals sent after a service has changed state; receivers must not change it back."""

from django.dispatch import Signal

# Sent with sender=Posting, posting=..., version=..., created=bool after a profile is saved.
profile_saved = Signal()

# Sent with sender=Application, application=... after the engine has given its verdict.
application_screened = Signal()

# Sent with sender=Application, application=..., created=bool after a candidate submitted.
application_submitted = Signal()

# Sent with sender=Application, application=... after a candidate withdrew.
application_withdrawn = Signal()

# Sent with sender=Application, pk=... after a candidate's application was erased.
application_erased = Signal()

# Sent with sender=Attempt, attempt=... after an assessment section was scored.
assessment_finished = Signal()

# Sent with sender=Application, application=..., move=StageMove after a stage move.
application_stage_changed = Signal()

# Sent with sender=Note, note=... after a note was added (mentions already set).
note_added = Signal()

# Sent with sender=EmailLog, log=... after an email to a candidate was sent (or failed).
email_sent = Signal()

# Sent with sender=TechCheck, techcheck=... after a tech-check run was saved and its facts set.
techcheck_completed = Signal()

# Sent with sender=Interview, interview=..., rescheduled=bool after a candidate booked or an interview moved.
interview_booked = Signal()

# Sent with sender=Interview, interview=... after an interview was cancelled.
interview_cancelled = Signal()

# Sent with sender=Application, application=the one kept, merged_pk=..., user=... after a merge.
applications_merged = Signal()
