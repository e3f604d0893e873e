"""The worker is killed (SIGKILL) while the SMTP server holds its mail at DATA; started
again once the lease is over, it delivers the 已受理 mail: at least once, at most twice.
The worker runs as its own process against the test database (a file SQLite database, or
PostgreSQL when TEST_DATABASE_URL is set), as `flask --app wsgi outbox work` runs in production."""

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

from sqlalchemy import select

from portal.models import OutboxMessage, OutboxState
from tests.support.app import ROOT
from tests.support.notifications import smtp_server
from tests.support.reports import report_in

EMAIL = "sun@example.com"
LEASE_SECONDS = 20  # long enough for a second worker to start and find the row leased


def worker_env(app, database_url: str, smtp_port: int, tmp_path) -> dict:
    return os.environ | {
        "DATABASE_URL": database_url,
        "SECRET_KEY": app.config["SECRET_KEY"],
        "CONTACT_ENCRYPTION_KEYS": ",".join(app.config["CONTACT_ENCRYPTION_KEYS"]),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "BULLETIN_FILES_DIR": str(tmp_path / "bulletin-files"),
        "NOTIFY_EMAIL_BACKEND": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "SMTP_TLS": "none",
        "MAIL_FROM": "noreply@hbjb.example.cn",
        "OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
    }


def flask(*args: str) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", "wsgi", *args]


def the_row(db) -> OutboxMessage:
    db.session.rollback()  # a new snapshot: the worker process committed
    return db.session.scalars(select(OutboxMessage)).one()


def test_a_worker_killed_mid_delivery_leaves_the_mail_to_the_next_run(
    app, db, database_url, content, tmp_path
):
    number = report_in(
        "accepted", identity="named", name="孙八", email=EMAIL, notify_email=True
    ).report.number
    db.session.remove()  # no lock of ours in the worker's way
    with smtp_server(stall_first=True) as (mail, port):
        env = worker_env(app, database_url, port, tmp_path)
        worker = subprocess.Popen(  # noqa: S603 - our own command
            flask("outbox", "work"), cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            assert mail.data_arrived.wait(60), "the worker never reached DATA"
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
        assert worker.returncode == -signal.SIGKILL

        row = the_row(db)
        leased_until = row.locked_until
        assert row.state == OutboxState.PENDING and leased_until > datetime.now(UTC)

        # While the lease runs, a new worker leaves the row alone.
        early = subprocess.run(  # noqa: S603
            flask("outbox", "work", "--once"), cwd=ROOT, env=env,
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert early.returncode == 0, early.stderr
        if datetime.now(UTC) < leased_until:  # (a machine this slow proves nothing here)
            assert "已处理 0 条" in early.stdout
            assert the_row(db).state == OutboxState.PENDING and len(mail.messages) == 1

        while (lease := the_row(db).locked_until) is not None and datetime.now(UTC) <= lease:
            time.sleep(0.2)
        again = subprocess.run(  # noqa: S603
            flask("outbox", "work", "--once"), cwd=ROOT, env=env,
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert again.returncode == 0, again.stderr
        received = list(mail.messages)

    row = the_row(db)
    assert row.state == OutboxState.SENT and row.attempts == 2
    assert 1 <= len(received) <= 2
    for message in received:
        assert message["To"] == EMAIL
        assert number in message["Subject"] and "已受理" in message["Subject"]


def test_sigterm_stops_the_worker_cleanly(app, database_url, tmp_path):
    env = worker_env(app, database_url, 9, tmp_path) | {"NOTIFY_EMAIL_BACKEND": "log"}
    worker = subprocess.Popen(  # noqa: S603 - our own command
        flask("outbox", "work"), cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    assert "已启动" in worker.stdout.readline()  # its SIGTERM handler is in place
    worker.send_signal(signal.SIGTERM)
    output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0
    assert "已处理 0 条通知" in output
