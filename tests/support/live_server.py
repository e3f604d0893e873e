"""A real portal served by gunicorn in a child process, for tests that need true concurrency
or a real crash."""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

from tests.support.app import ROOT

TEST_SETTINGS = """
RECEIPT_HASH_PARAMETERS = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
REPORT_MIN_FILL_SECONDS = 0
RATELIMIT_ENABLED = False
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, database_url: str, instance: Path, secret_key: str, workers: int = 4):
        instance.mkdir(parents=True, exist_ok=True)
        (instance / "config.py").write_text(TEST_SETTINGS)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.env = os.environ | {
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(instance),
            "SECRET_KEY": secret_key,
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> str:
        command = [
            sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--bind",
            f"127.0.0.1:{self.port}", "--timeout", "60", "--log-level", "warning", "wsgi:app",
        ]  # fmt: skip
        # A session of its own, so that kill() can take down the master and every worker.
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)  # noqa: S603
        self._wait_until_up()
        return self.base

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def kill(self) -> None:
        """kill -9 the whole server: no worker gets to finish or clean up anything."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def _wait_until_up(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}")
            try:
                if requests.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.2)
        raise RuntimeError("server did not start")


@contextmanager
def live_server(database_url: str, instance: Path, secret_key: str, workers: int = 4):
    server = LiveServer(database_url, instance, secret_key, workers)
    try:
        yield server.start()
    finally:
        server.stop()
