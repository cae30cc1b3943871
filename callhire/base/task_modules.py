"""Import every module that registers tasks, so a Celery worker knows them all by name."""

# Each app that registers tasks adds its module here.
from callhire.base import bulk, interviews, jobs, mentions, rescreen, speaking, webhooks  # noqa: F401
