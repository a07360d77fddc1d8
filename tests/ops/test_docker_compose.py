"""docker-compose.yml is accepted by `docker compose config` and has the five services."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def compose_command() -> list[str] | None:
    docker = shutil.which("docker")
    if (
        docker
        and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0
    ):
        return [docker, "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_compose_file_is_valid():
    command = compose_command()
    if command is None:
        pytest.skip("Neither `docker compose` nor `docker-compose` is installed here.")
    env = dict(
        os.environ, SECRET_KEY="x" * 50, ALLOWED_HOSTS="spr.example.org", POSTGRES_PASSWORD="secret"
    )
    result = subprocess.run(
        [*command, "config", "--services"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(result.stdout.split())


def test_compose_refuses_to_start_without_secrets():
    command = compose_command()
    if command is None:
        pytest.skip("Neither `docker compose` nor `docker-compose` is installed here.")
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "POSTGRES_PASSWORD"}}
    result = subprocess.run([*command, "config"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
