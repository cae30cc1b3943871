"""Run slow work away from the request: in a thread by default, on Celery workers when a broker is set.

A task is a plain function that takes primary keys and other JSON values, registered with
@task. ``enqueue(fn, *args)`` runs it after the current transaction commits, so the worker sees
the rows the request wrote. CALLHIRE_TASKS picks how:

- ``thread`` (the embedded default): a small pool of threads in the web process;
- ``inline``: at once, in the caller (tests, management commands);
- ``celery``: sent to the broker named by CELERY_BROKER_URL and run by ``celery -A callhire worker``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.db import close_old_connections, transaction

log = logging.getLogger(__name__)

_registry: dict[str, Callable[..., Any]] = {}
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def task(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Register fn as a task; it must accept only JSON-serialisable arguments."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    _registry[name] = fn
    fn.task_name = name  # type: ignore[attr-defined]
    return fn


def run_task(name: str, args: list[Any]) -> Any:
    """Run a registered task by name (the Celery worker's entry point)."""
    return _registry[name](*args)


def _threaded(name: str, args: list[Any]) -> None:
    close_old_connections()
    try:
        run_task(name, args)
    except Exception:
        log.exception("task %s failed", name)
    finally:
        close_old_connections()


def _submit(name: str, args: list[Any]) -> None:
    mode = settings.CALLHIRE_TASKS
    if mode == "inline":
        run_task(name, args)
    elif mode == "celery":
        from callhire.base.celery_tasks import run

        run.delay(name, args)
    else:
        global _pool
        with _pool_lock:
            if _pool is None:
                _pool = ThreadPoolExecutor(settings.CALLHIRE_TASK_THREADS, thread_name_prefix="callhire-task")
        _pool.submit(_threaded, name, args)


def enqueue(fn: Callable[..., Any], *args: Any) -> None:
    """Run the task fn(*args) once the current transaction has committed."""
    name = getattr(fn, "task_name", None)
    if name is None or name not in _registry:
        raise ValueError(f"{fn!r} is not a registered task")
    arguments = list(args)
    transaction.on_commit(lambda: _submit(name, arguments))
