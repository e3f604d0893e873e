"""The same portal on PostgreSQL. The whole suite runs there in CI (.ci/run sets
TEST_DATABASE_URL); this module gives `make test` a PostgreSQL check of its own, and skips
with a reason on a machine that has no PostgreSQL."""

import os

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from portal.extensions import db
from portal.services.plan.content_import import import_content
from tests.support.app import CONTENT_DIR, make_app, postgres_database

SERVER_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def postgres_reachable() -> bool:
    engine = create_engine(SERVER_URL, connect_args={"connect_timeout": 2})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except OperationalError:
        return False
    finally:
        engine.dispose()


pytestmark = pytest.mark.skipif(
    not postgres_reachable(), reason=f"no PostgreSQL server reachable at {SERVER_URL}"
)


def test_migrate_import_and_serve_on_postgresql(tmp_path):
    with postgres_database(SERVER_URL) as url:
        app = make_app(url, tmp_path / "instance")
        with app.app_context():
            upgrade()
            import_content(CONTENT_DIR)
            assert import_content(CONTENT_DIR).changed is False
            assert app.test_client().get("/targets").status_code == 200
            db.session.remove()
            db.engine.dispose()
