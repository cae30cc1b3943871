"""The one Celery task: it runs any task registered in callhire.base.tasks by name."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from callhire.base.tasks import run_task


@shared_task(name="callhire.run", acks_late=True)
def run(name: str, args: list[Any]) -> Any:
    # Registered tasks live in modules Django loads with the apps; import them before running.
    import callhire.base.task_modules  # noqa: F401

    return run_task(name, args)
