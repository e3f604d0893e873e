"""What every benchmark script needs around its measurements: a throwaway database (SQLite
file or uniquely named PostgreSQL database), the machine it ran on, and writing its section
into docs/benchmarks.md (replacing only that section)."""

import os
import platform
import sqlite3
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from synthetic_reports import log

from portal.extensions import db

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
DEFAULT_SERVER_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def load_average() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} (1 / 5 min)"


def machine_info(engine_version: str) -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()} {platform.machine()}, {cpu or 'unknown CPU'}, "
        f"{os.cpu_count()} CPUs, {memory} RAM; Python {platform.python_version()}; {engine_version}"
    )


INTRO = (
    "# Benchmarks\n\nMeasured by the scripts in `bench/` on synthetic data in throwaway "
    "databases; rerun them to update a section.\n"
)


def write_docs(title: str, text_: str) -> None:
    """Write a section (`text_` starts with "## title") into docs/benchmarks.md."""
    replace_section(DOCS, text_, INTRO)


def replace_section(path: Path, text_: str, intro: str, refresh_intro: bool = False) -> None:
    """Replace the section `text_` starts with (its "## " heading) or append it, keeping the
    rest of the file; `intro` starts a new file, and replaces the old one if `refresh_intro`."""
    heading = text_.splitlines()[0].rstrip()
    existing = path.read_text(encoding="utf-8") if path.exists() else intro
    lines = existing.splitlines(keepends=True)
    if refresh_intro:
        first = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
        lines = [*intro.splitlines(keepends=True), "\n", *lines[first:]]
    start = next((i for i, line in enumerate(lines) if line.rstrip() == heading), None)
    if start is None:
        updated = "".join(lines).rstrip("\n") + "\n\n" + text_
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        tail = "".join(lines[end:])
        updated = "".join(lines[:start]) + text_ + ("\n" + tail if tail else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated, encoding="utf-8")


@contextmanager
def sqlite_database(keep: bool):
    directory = Path(tempfile.mkdtemp(prefix="queue_bench_"))
    try:
        yield f"sqlite:///{directory / 'bench.db'}", directory
    finally:
        if keep:
            log(f"kept {directory}")
        else:
            for path in sorted(directory.rglob("*"), reverse=True):
                path.rmdir() if path.is_dir() else path.unlink()
            directory.rmdir()


@contextmanager
def postgresql_database(server_url: str, keep: bool):
    server = make_url(server_url)
    name = f"portal_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    directory = Path(tempfile.mkdtemp(prefix="queue_bench_"))
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        log(f"created database {name}")
        yield server.set(database=name).render_as_string(hide_password=False), directory
    finally:
        if keep:
            log(f"kept database {name}")
        else:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            log(f"dropped database {name}")
        admin.dispose()
        for path in sorted(directory.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        directory.rmdir()


def database_size(directory: Path) -> str:
    if db.engine.dialect.name == "sqlite":
        size = sum(p.stat().st_size for p in directory.glob("bench.db*"))
    else:
        size = db.session.scalar(text("SELECT pg_database_size(current_database())"))
        db.session.remove()
    return f"{size / 1024 / 1024:,.0f} MiB"


def engine_version() -> str:
    if db.engine.dialect.name == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    version = db.session.scalar(text("SHOW server_version"))
    db.session.remove()
    return f"PostgreSQL {version}"
