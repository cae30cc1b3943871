import uuid
from unittest import mock

from callhire.base import services
from callhire.base.jobs import HANDLERS, JobKeyTaken, job_run, job_start
from callhire.base.models import Application, Job, StageMove
from callhire.test import BaseTestCase


class JobRunnerTestCase(BaseTestCase):
    def setUp(self):
        self.apps = []
        for n in range(4):
            app = Application.objects.create(posting=self.posting, name=f"P{n}", email=f"p{n}@example.com")
            self.apps.append(services.application_screen(app))
        self.ids = [a.pk for a in self.apps]

    def start(self, **kwargs):
        params = {"ids": self.ids, "stage": "screened"}
        defaults = {"employer": self.acme, "posting": self.posting, "user": self.bob, "params": params}
        return job_start("move", **(defaults | kwargs))

    def test_a_background_job_runs_after_commit(self):
        with self.captureOnCommitCallbacks(execute=True):
            job, started = self.start()
            self.assertEqual(Job.objects.get(pk=job.pk).state, "queued")
        job.refresh_from_db()
        self.assertTrue(started)
        self.assertEqual((job.state, job.done, job.total), ("done", 4, 4))
        self.assertIsNotNone(job.finished)

    def test_a_crash_fails_the_job_with_its_message_and_keeps_the_rows_done(self):
        real = HANDLERS["move"]

        def crash(job):
            job.params["ids"] = self.ids[:2]
            real(job)
            raise RuntimeError("disk full")

        with mock.patch.dict(HANDLERS, {"move": crash}):
            job, _ = self.start(inline=True)
        self.assertEqual((job.state, job.error, job.done), ("failed", "disk full", 2))
        self.assertEqual(Application.objects.filter(stage="screened").count(), 2)

    def test_a_job_run_again_does_only_the_rows_not_done(self):
        job, _ = self.start()  # queued, never run: as if the worker died after two rows
        for app in self.apps[:2]:
            Application.objects.filter(pk=app.pk).update(stage="offer")
        Job.objects.filter(pk=job.pk).update(state="running", done=2)
        job_run(job.pk)
        job.refresh_from_db()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.result["counts"], {"moved": 2})
        self.assertEqual(
            list(Application.objects.order_by("pk").values_list("stage", flat=True)), ["offer"] * 2 + ["screened"] * 2
        )

    def test_a_finished_job_is_never_run_again(self):
        job, _ = self.start(inline=True)
        moves = StageMove.objects.count()
        Application.objects.update(stage="applied")
        job_run(job.pk)
        self.assertEqual(StageMove.objects.count(), moves)

    def test_a_key_used_before_returns_that_job(self):
        key = uuid.uuid4()
        first, started = self.start(key=key, inline=True)
        again, started_again = self.start(key=key, inline=True)
        self.assertEqual((first.pk, started, started_again), (again.pk, True, False))
        with self.assertRaises(JobKeyTaken):
            self.start(key=key, employer=self.other)
