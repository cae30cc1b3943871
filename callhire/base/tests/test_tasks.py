import socket
import threading

import pytest
from django.test import SimpleTestCase, TestCase

from callhire.base import tasks

seen: list[tuple[str, int]] = []
done = threading.Event()


@tasks.task
def remember(word: str, number: int) -> None:
    seen.append((word, number))
    done.set()


def redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


class EnqueueTestCase(TestCase):
    def setUp(self):
        seen.clear()
        done.clear()

    def test_a_task_runs_only_after_the_transaction_commits(self):
        with self.captureOnCommitCallbacks() as callbacks:
            tasks.enqueue(remember, "inline", 1)
            self.assertEqual(seen, [])
        for callback in callbacks:
            callback()
        self.assertEqual(seen, [("inline", 1)])

    def test_an_unregistered_function_is_refused(self):
        with self.assertRaises(ValueError):
            tasks.enqueue(print, "x")

    def test_the_default_runs_tasks_in_a_thread(self):
        with self.settings(CALLHIRE_TASKS="thread"), self.captureOnCommitCallbacks(execute=True):
            tasks.enqueue(remember, "thread", 2)
        self.assertTrue(done.wait(10))
        self.assertEqual(seen, [("thread", 2)])


@pytest.mark.skipif(not redis_running(), reason="needs Redis on 127.0.0.1:6379 (running on every CI machine)")
class CeleryTestCase(SimpleTestCase):
    def setUp(self):
        seen.clear()
        done.clear()

    def test_with_a_broker_a_celery_worker_runs_the_task(self):
        from celery.contrib.testing.worker import start_worker

        import callhire.base.celery_tasks  # noqa: F401  (registers the one Celery task)
        from callhire.celery import app

        app.conf.broker_url = "redis://127.0.0.1:6379/15"
        app.conf.result_backend = None
        with start_worker(app, perform_ping_check=False, pool="solo"):
            with self.settings(CALLHIRE_TASKS="celery"):
                tasks._submit(remember.task_name, ["celery", 3])
            self.assertTrue(done.wait(20))
        self.assertEqual(seen, [("celery", 3)])
