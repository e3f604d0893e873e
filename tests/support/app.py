"""The app under test and its database: an app made with the test settings, a throwaway
PostgreSQL database, emptying every table. For conftest.py's fixtures and for the modules
that build an app of their own (module-scoped worlds, other settings)."""

import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.extensions import db

ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIR = ROOT / "content"


def make_app(database_url: str, instance: Path, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_PATH": str(instance),
        "HOTLINE_NUMBER": "0468-12369",
        # Cheap hashing keeps the suite fast; production uses argon2-cffi's defaults.
        "RECEIPT_HASH_PARAMETERS": {"time_cost": 1, "memory_cost": 8, "parallelism": 1},
        "REPORT_MIN_FILL_SECONDS": 0,
    }
    return create_app(config | overrides)


@contextmanager
def postgres_database(server_url: str):
    """A uniquely named database on the server of `server_url`, dropped afterwards."""
    server = make_url(server_url)
    name = f"portal_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def empty_all_tables() -> None:
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
