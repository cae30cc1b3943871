from callhire.base.models import Application
from callhire.base.pipeline import note_add
from callhire.base.search import search_applications
from callhire.control.tests.pipeline_helpers import make_application
from callhire.test import BaseTestCase


class SearchTestCase(BaseTestCase):
    def test_every_word_must_match_a_name_email_cv_or_note(self):
        dee = make_application(self.posting, "Dee Lim", cv_text="Retail banking, night shifts")
        eli = make_application(self.posting, "Eli Tan")
        note_add(eli, self.bob, "Fluent in Tamil and banking terms")
        rows = Application.objects.all()
        self.assertEqual(set(search_applications(rows, "banking")), {dee, eli})
        self.assertEqual(list(search_applications(rows, "banking tamil")), [eli])
        self.assertEqual(list(search_applications(rows, "DEE night")), [dee])
        self.assertEqual(list(search_applications(rows, "eli@example")), [eli])
        self.assertEqual(list(search_applications(rows, "nothing")), [])
