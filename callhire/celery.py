"""The Celery application, used only when CELERY_BROKER_URL is set (see callhire.base.tasks)."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "callhire.settings")

app = Celery("callhire")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["callhire.base"], related_name="celery_tasks")
