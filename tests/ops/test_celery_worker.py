"""A real Celery worker, against the real Redis and the test database, runs the heartbeat."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from ops.models import Heartbeat
from ops.tasks import heartbeat

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker(transactional_db):
    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    env = dict(os.environ)
    host = db["HOST"] or ""
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    if host.startswith("/"):
        env["DATABASE_URL"] = f"postgresql://{auth}@/{db['NAME']}?host={host}"
    else:
        env["DATABASE_URL"] = f"postgresql://{auth}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
    env["REDIS_URL"] = settings.CELERY_BROKER_URL
    env["CELERY_QUEUE"] = queue
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "-Q",
            queue,
        ],
        cwd=ROOT,
        env=env,
    )
    yield queue
    process.terminate()
    process.wait(timeout=20)


@pytest.mark.worker
def test_worker_runs_the_heartbeat(worker):
    result = heartbeat.apply_async(kwargs={"name": "worker-test"}, queue=worker)
    assert result.get(timeout=60)
    row = Heartbeat.objects.get(name="worker-test")
    assert row.runs == 1


def test_beat_schedules_the_heartbeat(settings):
    assert settings.CELERY_BEAT_SCHEDULE["heartbeat"]["task"] == "ops.tasks.heartbeat"
    assert settings.CELERY_BEAT_SCHEDULER.startswith("django_celery_beat")


def test_heartbeat_is_idempotent_per_name(db):
    from ops.services import record_heartbeat

    record_heartbeat(name="x")
    record_heartbeat(name="x")
    assert Heartbeat.objects.filter(name="x").count() == 1
    assert Heartbeat.objects.get(name="x").runs == 2


def test_healthz(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
