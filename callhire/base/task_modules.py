"""Import every module that registers tasks, so a Celery worker knows them all by name."""

# Each app adds its task module here.
from callhire.base import (
    interviews,  # noqa: F401, E402
    speaking,  # noqa: E402,F401
)
