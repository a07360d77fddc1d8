"""The Celery app. Worker and beat run as their own processes (see Makefile, docker-compose)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("spr")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
