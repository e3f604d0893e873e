"""Fixtures: a migrated database per session (SQLite, or PostgreSQL when TEST_DATABASE_URL is
set), emptied after every test; an app per test; a client that checks every page it fetches."""

import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.extensions import db as _db
from portal.services.plan.content_import import import_content
from tests.pages import CheckedClient

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "content"
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    if not POSTGRES_URL:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.db'}"
        return
    with postgres_database(POSTGRES_URL) as url:
        yield url


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


@pytest.fixture(scope="session")
def _migrated(database_url, tmp_path_factory):
    app = make_app(database_url, tmp_path_factory.mktemp("instance"))
    with app.app_context():
        upgrade()
        _db.engine.dispose()


@pytest.fixture
def app(database_url, _migrated, tmp_path):
    app = make_app(database_url, tmp_path / "instance")
    app.test_client_class = CheckedClient
    yield app
    with app.app_context():
        _db.session.remove()
        empty_all_tables()
        _db.engine.dispose()


def empty_all_tables() -> None:
    with _db.engine.begin() as connection:
        for table in reversed(_db.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def db(app):
    with app.app_context():
        yield _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def content(app):
    """The real plan content, imported as `flask content import` does."""
    with app.app_context():
        return import_content(CONTENT_DIR)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of content/, for tests that change the files."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target
