"""Tell teammates by email when a note mentions them (staff email, not candidate email)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from callhire.base.models import Membership, Note
from callhire.base.pipeline import shortlist_stages
from callhire.base.tasks import task

log = logging.getLogger(__name__)


@task
def mention_emails_send(note_pk: int) -> int:
    """Email each teammate mentioned in a note who may open the application; return how many were sent."""
    note = Note.objects.select_related("application__posting__employer", "author").filter(pk=note_pk).first()
    if note is None:
        return 0  # the application was erased in the meantime
    application = note.application
    roles = dict(Membership.objects.filter(employer_id=application.posting.employer_id).values_list("user_id", "role"))
    url = settings.SITE_URL.rstrip("/") + reverse("control:application", args=[application.pk])
    author = (note.author.get_full_name() or note.author.get_username()) if note.author else _("A teammate")
    shortlist = shortlist_stages(application.posting)
    sent = 0
    for user in note.mentions.all():
        role = roles.get(user.pk)
        if not user.email or user.pk == note.author_id or role is None:
            continue
        if role == Membership.Role.HIRING_MANAGER and application.stage not in shortlist:
            continue  # they could not open the page
        subject = _("%(author)s mentioned you in a note on %(name)s") % {"author": author, "name": application.name}
        body = _("%(author)s wrote on %(name)s (%(posting)s):\n\n%(text)s\n\nOpen the application: %(url)s\n") % {
            "author": author,
            "name": application.name,
            "posting": application.posting.title,
            "text": note.text,
            "url": url,
        }
        try:
            send_mail(subject, body, None, [user.email])
            sent += 1
        except Exception as exc:  # a mail server's refusal must not lose the note
            log.warning("mention email for note %s to user %s failed: %s", note.pk, user.pk, exc)
    return sent
