"""The schema is only ever created by migrations, and the migrations match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from portal.extensions import db
from portal.models.search import FTS_TABLE, is_described_by_models


def table_names() -> set[str]:
    names = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
    return {name for name in names if not name.startswith(FTS_TABLE)}


def test_upgrade_from_empty_to_head_creates_every_table_and_downgrade_removes_them(app):
    with app.app_context():
        downgrade(revision="base")
        assert table_names() == set()
        upgrade()
        assert table_names() == set(db.metadata.tables)


def test_models_and_migrations_agree(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": is_described_by_models}
        )
        assert compare_metadata(context, db.metadata) == []


def test_upgrading_keeps_existing_reports_and_their_history(app, content):
    """SQLite rebuilds tables to alter them; that must not cascade-delete child rows."""
    from tests.support.reports import new_report

    with app.app_context():
        number = new_report().report.number
        db.session.remove()  # release the session's locks before the schema changes
        downgrade(revision="0002")
        upgrade()
        db.session.remove()
        events = db.session.execute(
            text(
                "SELECT count(*) FROM report_events JOIN reports ON reports.id = report_id"
                " WHERE reports.number = :n"
            ),
            {"n": number},
        ).scalar_one()
    assert events == 1
