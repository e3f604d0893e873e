"""Fixtures: a migrated database per session (SQLite, or PostgreSQL when TEST_DATABASE_URL is
set), emptied after every test; an app per test; a client that checks every page it fetches;
`sign_in`, a member of staff signed in through the real form; `make_report`, a report made
for a statistics scenario. The helpers behind them live in tests/support/."""

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from flask_migrate import upgrade

from portal.extensions import db as _db
from portal.services.plan.content_import import import_content
from tests.support import reports
from tests.support.app import CONTENT_DIR, empty_all_tables, make_app, postgres_database
from tests.support.pages import CheckedClient
from tests.support.staff import PASSWORD, create_staff, log_in

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    if not POSTGRES_URL:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.db'}"
        return
    with postgres_database(POSTGRES_URL) as url:
        yield url


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
def sign_in(client, db):
    """Sign in as a new member of staff, through the real /admin/login form:
    `sign_in("editor")` returns the test client signed in as `editor1` with that role;
    `sign_in("admin", "editor", username="boss")` names the account; `password=` sets its
    password; `client=app.test_client()` signs in a second person beside the first; a
    handler acts for `department=` (a code), or for a test department."""
    made = Counter()

    def sign_in(
        *roles: str, username: str | None = None, password: str = PASSWORD, client=client,
        department: str = "",
    ):  # fmt: skip
        roles = roles or ("moderator",)
        made[roles[0]] += 1
        username = username or f"{roles[0]}{made[roles[0]]}"
        create_staff(username, *roles, password=password, department=department)
        response = log_in(client, username, password)
        assert response.status_code == 303, f"{username} could not sign in"
        return client

    return sign_in


@pytest.fixture
def make_report(db):
    """`make_report(submitted_at, status=..., resolved_after=...)`: a report submitted at that
    time, its row then set as the workflow would have left it (tests/support/reports.py)."""
    return reports.make_report


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
