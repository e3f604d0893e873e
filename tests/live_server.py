"""A real portal served by gunicorn in a child process, for tests that need true concurrency."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent

TEST_SETTINGS = """
RECEIPT_HASH_PARAMETERS = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
REPORT_MIN_FILL_SECONDS = 0
RATELIMIT_ENABLED = False
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(database_url: str, instance: Path, secret_key: str, workers: int = 4):
    instance.mkdir(parents=True, exist_ok=True)
    (instance / "config.py").write_text(TEST_SETTINGS)
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": secret_key,
    }
    command = [
        sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind",
        f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning", "wsgi:app",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own server
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(base: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if requests.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not start")
