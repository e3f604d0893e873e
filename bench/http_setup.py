"""Shared by bench/http_load.py and bench/nginx_front.py: a throwaway portal database with
sample exposures and SYNTHETIC reports (built once and cached, because loading a million
reports takes a while), a benchmark instance directory, and gunicorn as a child process.

The SQLite database is cached as a file, the PostgreSQL one as a template database; each run
works on a copy, so the reports the load test posts never reach the cache."""

import hashlib
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import create_engine, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from synthetic_reports import (  # noqa: E402 - beside this script
    load_postgresql,
    load_sqlite,
    log,
    synthetic_reports,
)

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import (  # noqa: E402
    District,
    Enterprise,
    Exposure,
    Industry,
    Penalty,
    RecordState,
    Rectification,
    ReportCategory,
    ReportSequence,
)
from portal.services.plan.content_import import import_content  # noqa: E402

DEFAULT_SERVER_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
DEFAULT_CACHE = Path(os.environ.get("BENCH_CACHE_DIR", Path.home() / ".cache" / "hegang-bench"))
# Only for the benchmark instance: the forms' tokens are issued by the bench with this key.
SECRET_KEY = "http-benchmark-throwaway-secret-not-for-production"  # noqa: S105
# As tests/support/live_server.py: no rate limiter (the load test measures the app, not the limiter)
# and cheap argon2 receipt hashing (the portal's own parameters, RECEIPT_HASH_PARAMETERS in
# portal/config.py, cost ~21 ms of CPU per receipt here; --production-hashing measures them).
INSTANCE_SETTINGS = """# Written by bench/http_setup.py for a throwaway benchmark instance.
RATELIMIT_ENABLED = False
RECEIPT_HASH_PARAMETERS = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
"""
PRODUCTION_HASHING_NOTE = (
    "rate limiting off (`RATELIMIT_ENABLED = False`); receipt codes hashed with the portal's "
    "production argon2id parameters (portal/config.py: 19 MiB, 2 passes, 1 lane); CSRF and "
    "form tokens on"
)
INSTANCE_NOTE = (
    "rate limiting off (`RATELIMIT_ENABLED = False`) and cheap argon2 receipt hashing "
    "(time_cost 1, memory 8 KiB), as in tests/support/live_server.py; CSRF and form tokens stay on"
)


# Bump when populate() or add_exposures() change what they write: cached databases are rebuilt.
DATA_VERSION = 1


def schema_key() -> str:
    """Changes when the migrations, the content or the data generators change."""
    digest = hashlib.sha1()  # noqa: S324 - a cache key, not security
    files = sorted((ROOT / "migrations").rglob("*.py")) + sorted((ROOT / "content").rglob("*"))
    files.append(BENCH / "synthetic_reports.py")
    digest.update(f"data-version-{DATA_VERSION}".encode())
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:10]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------- sample registers


def add_exposures(count: int, seed: int) -> None:
    """COUNT fictional exposures over COUNT/10 fictional enterprises, flagged is_sample and
    labelled 示例…（虚构） like `flask demo load`'s records."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    codes = list(db.session.scalars(select(ReportCategory.code)))
    now = datetime.now(UTC)
    enterprises = max(count // 10, 1)
    db.session.execute(
        insert(Enterprise),
        [
            {
                "name": f"示例：基准测试企业{i:05d}（虚构）",
                "district": rng.choice(list(District)),
                "industry": rng.choice(list(Industry)),
                "is_sample": True,
                "created_at": now,
            }
            for i in range(1, enterprises + 1)
        ],
    )
    ids = list(db.session.scalars(select(Enterprise.id).where(Enterprise.is_sample.is_(True))))
    rows = []
    for i in range(1, count + 1):
        decided = date(2008, 1, 1) + timedelta(days=rng.randint(0, 3 * 365))
        fine = rng.random() < 0.6
        rows.append(
            {
                "enterprise_id": rng.choice(ids),
                "violation_type": rng.choice(codes),
                "facts": f"示例：基准测试合成的曝光记录第{i}条（虚构情节）。",
                "legal_basis": "示例引用：《中华人民共和国大气污染防治法》（虚构）",
                "penalties": [Penalty.FINE.value] if fine else [Penalty.LIMIT_PRODUCTION.value],
                "fine_yuan": Decimal(rng.randint(1, 200) * 1000) if fine else None,
                "penalty_text": "示例：处罚决定（虚构）。",
                "decision_number": f"示例基准〔{decided.year}〕第{i:05d}号",
                "decision_date": decided,
                "published_on": decided + timedelta(days=rng.randint(1, 14)),
                "rectification": rng.choice(list(Rectification)),
                "rectification_note": None,
                "state": RecordState.PUBLISHED,
                "revision": 1,
                "is_sample": True,
                "updated_at": now,
            }
        )
    db.session.execute(insert(Exposure), rows)
    db.session.commit()  # the search index picks the bulk inserts up at commit


def tracking_sequences(rows, last: dict):
    """Pass the rows through, remembering each day's highest report number, so that
    report_sequences can be filled in and new reports get numbers that are free."""
    for row in rows:
        number = row["number"]  # HGyyyymmdd-nnnnnn
        day = date(int(number[2:6]), int(number[6:8]), int(number[8:10]))
        last[day] = max(last.get(day, 0), int(number[11:]))
        yield row


def populate(engine: str, url: str, work: Path, reports: int, exposures: int, seed: int) -> None:
    app = create_app(bench_config(url, work / "build-instance"))
    with app.app_context():
        log("migrating …")
        upgrade()
        log("importing content/ …")
        import_content(ROOT / "content")
        log(f"adding {exposures:,} sample exposures …")
        add_exposures(exposures, seed)
        categories = dict(
            db.session.execute(
                select(ReportCategory.id, ReportCategory.default_department_id)
            ).all()
        )
        departments = sorted(db.session.scalars(text("SELECT id FROM departments")).all())
        db.session.remove()
        log(f"loading {reports:,} synthetic reports …")
        last: dict[date, int] = {}
        rows = tracking_sequences(
            synthetic_reports(reports, datetime.now(UTC), categories, departments, seed), last
        )
        if engine == "sqlite":
            load_sqlite(rows, reports, analyze=False)
        else:
            load_postgresql(rows, reports)
        db.session.execute(
            insert(ReportSequence), [{"day": d, "last": n} for d, n in sorted(last.items())]
        )
        db.session.commit()
        db.session.remove()
        if engine == "postgresql":
            # load_postgresql analysed only reports; autovacuum would get to the registers
            # within a minute, but a template database copied right away would carry no
            # statistics for them, and the planner would misjudge every register query.
            analyze_everything()
        db.engine.dispose()


def analyze_everything() -> None:
    log("  VACUUM ANALYZE (all tables) …")
    connection = db.engine.raw_connection()
    try:
        connection.driver_connection.autocommit = True
        connection.driver_connection.execute("VACUUM ANALYZE")
    finally:
        connection.close()


def bench_config(url: str, instance: Path) -> dict:
    return {
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": SECRET_KEY,
        "INSTANCE_PATH": str(instance),
        "UPLOAD_DIR": str(instance / "uploads"),
    }


def write_instance(instance: Path, production_hashing: bool = False) -> Path:
    instance.mkdir(parents=True, exist_ok=True)
    settings = INSTANCE_SETTINGS
    if production_hashing:  # the portal's own RECEIPT_HASH_PARAMETERS
        settings = "\n".join(s for s in settings.splitlines() if "RECEIPT_HASH" not in s)
    (instance / "config.py").write_text(settings + "\n")
    return instance


# --------------------------------------------------------------------------- databases


class Database:
    """A working copy of the cached database: .url to use, .close() to throw it away."""

    def __init__(self, engine: str, reports: int, exposures: int, seed: int, work: Path,
                 cache_dir: Path = DEFAULT_CACHE, server_url: str | None = None,
                 rebuild: bool = False):  # fmt: skip
        self.engine, self.work = engine, work
        self.key = f"r{reports}_x{exposures}_s{seed}_{schema_key()}"
        self.sizes = (reports, exposures, seed)
        self.server = make_url(server_url or DEFAULT_SERVER_URL)
        self.cache_dir = cache_dir
        self.run_name: str | None = None
        self.build_seconds: float | None = None  # None: taken from the cache
        self.url = self._sqlite(rebuild) if engine == "sqlite" else self._postgresql(rebuild)

    def _sqlite(self, rebuild: bool) -> str:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        cached = self.cache_dir / f"portal-sqlite-{self.key}.db"
        if rebuild or not cached.exists():
            partial = cached.with_suffix(".partial")
            for stale in self.cache_dir.glob(partial.name + "*"):
                stale.unlink()
            started = time.perf_counter()
            populate("sqlite", f"sqlite:///{partial}", self.work, *self.sizes)
            self.build_seconds = time.perf_counter() - started
            with closing(sqlite3.connect(partial)) as connection:  # everything into one file
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            partial.replace(cached)
            log(f"cached {cached}")
        else:
            log(f"using cached {cached}")
        working = self.work / "bench.db"
        shutil.copyfile(cached, working)
        return f"sqlite:///{working}"

    def _admin(self):
        return create_engine(self.server, isolation_level="AUTOCOMMIT")

    def _postgresql(self, rebuild: bool) -> str:
        template = f"hegang_httpbench_{self.key}"[:63]
        admin = self._admin()
        try:
            with admin.connect() as connection:
                exists = connection.scalar(
                    text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": template}
                )
                if rebuild and exists:
                    connection.execute(text(f'DROP DATABASE "{template}" WITH (FORCE)'))
                    exists = False
                if not exists:
                    partial = f"{template[:55]}_partial"
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{partial}" WITH (FORCE)'))
                    connection.execute(text(f'CREATE DATABASE "{partial}"'))
                    started = time.perf_counter()
                    url = self.server.set(database=partial).render_as_string(hide_password=False)
                    populate("postgresql", url, self.work, *self.sizes)
                    self.build_seconds = time.perf_counter() - started
                    connection.execute(text(f'ALTER DATABASE "{partial}" RENAME TO "{template}"'))
                    log(f"cached as template database {template}")
                else:
                    log(f"using cached template database {template}")
                self.run_name = f"hegang_httpbench_run_{uuid.uuid4().hex[:10]}"
                connection.execute(text(f'CREATE DATABASE "{self.run_name}" TEMPLATE "{template}"'))
        finally:
            admin.dispose()
        return self.server.set(database=self.run_name).render_as_string(hide_password=False)

    def count_reports(self) -> int:
        engine = create_engine(self.url)
        try:
            with engine.connect() as connection:
                return connection.scalar(text("SELECT count(*) FROM reports"))
        finally:
            engine.dispose()

    def version(self) -> str:
        if self.engine == "sqlite":
            return f"SQLite {sqlite3.sqlite_version}"
        engine = create_engine(self.url)
        try:
            with engine.connect() as connection:
                return f"PostgreSQL {connection.scalar(text('SHOW server_version'))}"
        finally:
            engine.dispose()

    def close(self) -> None:
        if self.run_name:
            admin = self._admin()
            try:
                with admin.connect() as connection:
                    connection.execute(
                        text(f'DROP DATABASE IF EXISTS "{self.run_name}" WITH (FORCE)')
                    )
            finally:
                admin.dispose()
            self.run_name = None


# --------------------------------------------------------------------------- gunicorn


class Gunicorn:
    """gunicorn with deploy/gunicorn.conf.py (as operators run it), bound to loopback, in a
    session of its own so that stop() takes down the master and every worker."""

    def __init__(self, module: str, database_url: str, instance: Path, workers: int,
                 log_path: Path, extra_env: dict | None = None):  # fmt: skip
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.command = [
            sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--pythonpath", str(BENCH), module,
        ]  # fmt: skip
        self.env = os.environ | {
            "PORTAL_BIND": f"127.0.0.1:{self.port}",
            "PORTAL_WORKERS": str(workers),
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(instance),
            "SECRET_KEY": SECRET_KEY,
        } | (extra_env or {})  # fmt: skip
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> str:
        with open(self.log_path, "ab") as log_file:
            self.process = subprocess.Popen(  # noqa: S603 - our own command line
                self.command, cwd=ROOT, env=self.env, stdout=log_file, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.process.returncode}; see {self.log_path}"
                )
            try:
                if requests.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return self.base
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start; see {self.log_path}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=35)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def exit_on_sigterm() -> None:
    """Turn SIGTERM/SIGHUP into SystemExit, so that `finally` blocks stop the children."""

    def handler(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGHUP, handler)
