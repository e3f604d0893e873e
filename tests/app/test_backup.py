"""`flask backup PATH`: a consistent copy of the live SQLite database that restores every report."""

import os
import sqlite3

import pytest
from sqlalchemy import select

from portal.models import Report
from tests.support.reports import new_report

sqlite_only = pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL")), reason="PostgreSQL is backed up with pg_dump"
)


@sqlite_only
def test_backup_then_restore_brings_back_every_report(runner, db, content, tmp_path):
    numbers = {new_report().report.number for _ in range(3)}
    target = tmp_path / "backup" / "portal.db"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "完整性检查通过" in result.output
    # Disaster: the reports are gone from the live database …
    for report in db.session.scalars(select(Report)):
        db.session.delete(report)
    db.session.commit()
    # … and the backup holds them all.
    restored = sqlite3.connect(target)
    try:
        rows = {row[0] for row in restored.execute("SELECT number FROM reports")}
        events = restored.execute("SELECT count(*) FROM report_events").fetchone()[0]
    finally:
        restored.close()
    assert rows == numbers and events == 3


@sqlite_only
def test_backup_never_overwrites(runner, db, content, tmp_path):
    target = tmp_path / "exists.db"
    target.write_text("keep me")
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code != 0 and "不会覆盖" in result.output
    assert target.read_text() == "keep me"


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="runs on the PostgreSQL run")
def test_postgresql_installations_are_pointed_to_pg_dump(runner, db, tmp_path):
    result = runner.invoke(args=["backup", str(tmp_path / "x.db")])
    assert result.exit_code != 0 and "pg_dump" in result.output
