"""An application's verdict lives in its Screening row, read and written through the application."""

from callhire.base import services
from callhire.base.models import Application, Screening
from callhire.screening.engine import statuses_code
from callhire.test import BaseTestCase


class ScreeningRowTestCase(BaseTestCase):
    def test_every_new_application_gets_a_row_on_its_posting(self):
        app = Application.objects.create(posting=self.posting, name="Ana", email="ana@example.com")
        row = Screening.objects.get(application=app)
        self.assertEqual((row.posting, row.verdict, row.score, row.statuses), (self.posting, "", None, ""))

    def test_a_verdict_given_when_made_is_stored_in_the_row(self):
        app = Application.objects.create(
            posting=self.posting, name="Ana", email="ana@example.com", verdict="qualified", score=70
        )
        self.assertEqual(Screening.objects.filter(verdict="qualified", score=70).get().application, app)
        fresh = Application.objects.get(pk=app.pk)
        self.assertEqual((fresh.verdict, fresh.score, fresh.get_verdict_display()), ("qualified", 70, "Qualified"))

    def test_saving_only_the_verdict_writes_only_the_row(self):
        app = Application.objects.create(posting=self.posting, name="Ana", email="ana@example.com")
        app.name, app.verdict, app.previous_verdict = "Changed", "not_qualified", "qualified"
        app.save(update_fields=["verdict", "previous_verdict"])
        fresh = Application.objects.get(pk=app.pk)
        self.assertEqual(fresh.name, "Ana")
        self.assertEqual((fresh.verdict, fresh.previous_verdict), ("not_qualified", "qualified"))

    def test_screening_stores_the_verdict_its_version_and_each_rules_status(self):
        version = self.posting.current_version()
        app = Application.objects.create(
            posting=self.posting, name="Ana", email="ana@example.com", facts={"age_years": 30}
        )
        services.application_screen(app, version)
        row = Screening.objects.get(application=app)
        result = version.screener().screen(app.facts, app.fact_sources)
        self.assertEqual((row.verdict, row.score, row.profile_version), (result.verdict, result.score, version))
        self.assertEqual(row.statuses, statuses_code(result.statuses))
        self.assertEqual(Application.objects.get(pk=app.pk).profile_version, version)

    def test_deleting_the_application_deletes_its_row(self):
        app = Application.objects.create(posting=self.posting, name="Ana", email="ana@example.com", verdict="qualified")
        app.delete()
        self.assertFalse(Screening.objects.exists())
