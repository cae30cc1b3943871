"""Import every module that registers tasks, so a Celery worker knows them all by name."""

# Each app adds its task module here, e.g. ``from callhire.base import speaking``, marked noqa F401.
from callhire.base import bulk, jobs, rescreen  # noqa: F401
