import threading
import unittest
from datetime import timedelta

from django.db import close_old_connections, connection
from django.test import TransactionTestCase
from django.utils import timezone

from callhire.base import interviews
from callhire.base.models import Application, Employer, Interview, Posting


@unittest.skipUnless(connection.vendor == "postgresql", "real concurrent transactions need PostgreSQL")
class BookingRaceTestCase(TransactionTestCase):
    def test_two_candidates_clicking_at_once_get_one_booking(self):
        employer = Employer.objects.create(name="Acme", slug="acme")
        posting = Posting.objects.create(employer=employer, title="Agent", status="open")
        (slot,) = interviews.slots_offer(posting, [timezone.now() + timedelta(days=2)], 30, time_zone="UTC")
        people = [
            Application.objects.create(posting=posting, name=f"C{i}", email=f"c{i}@example.com") for i in range(6)
        ]
        for application in people:
            interviews.interview_invite(application)
        start = threading.Barrier(len(people))
        outcomes: list[str] = []

        def book(application):
            close_old_connections()
            try:
                start.wait()
                interviews.interview_book(application, slot)
                outcomes.append("booked")
            except interviews.SlotTaken:
                outcomes.append("taken")
            finally:
                connection.close()

        threads = [threading.Thread(target=book, args=(a,)) for a in people]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(outcomes), ["booked"] + ["taken"] * (len(people) - 1))
        self.assertEqual(Interview.objects.filter(slot=slot).exclude(state="cancelled").count(), 1)
