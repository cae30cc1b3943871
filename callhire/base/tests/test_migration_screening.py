"""Migration 0012 moves each application's verdict into its Screening row, and back."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase

BEFORE = [("base", "0011_application_fewer_indexes")]
AFTER = [("base", "0012_screening")]


class ScreeningMigrationTestCase(TransactionTestCase):
    def migrate(self, targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def tearDown(self):
        self.migrate(executor_leaf())
        super().tearDown()

    def test_every_verdict_moves_with_its_score_previous_verdict_and_version(self):
        apps = self.migrate(BEFORE)
        employer = apps.get_model("base", "Employer").objects.create(name="Acme", slug="acme")
        posting = apps.get_model("base", "Posting").objects.create(employer=employer, title="Agent")
        version = apps.get_model("base", "ProfileVersion").objects.create(posting=posting, number=1, document={})
        Application = apps.get_model("base", "Application")
        screened = Application.objects.create(
            posting=posting,
            name="Ana",
            email="ana@example.com",
            token="a",
            profile_version=version,
            verdict="not_qualified",
            score=40,
            previous_verdict="qualified",
        )
        unscreened = Application.objects.create(posting=posting, name="Ben", email="ben@example.com", token="b")

        apps = self.migrate(AFTER)
        rows = {s.application_id: s for s in apps.get_model("base", "Screening").objects.all()}
        row = rows[screened.pk]
        self.assertEqual(
            (row.posting_id, row.profile_version_id, row.verdict, row.score, row.previous_verdict, row.statuses),
            (posting.pk, version.pk, "not_qualified", 40, "qualified", ""),
        )
        self.assertEqual((rows[unscreened.pk].verdict, rows[unscreened.pk].score), ("", None))

        apps = self.migrate(BEFORE)
        back = apps.get_model("base", "Application").objects.get(pk=screened.pk)
        self.assertEqual((back.verdict, back.score, back.previous_verdict), ("not_qualified", 40, "qualified"))


def executor_leaf():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
