"""Erasing contact details and evidence of long-closed reports, keeping the statistics."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from portal.models import AuditEntry, Evidence, Report
from portal.services.reports.queue import dashboard
from portal.settings import settings
from tests.support.reports import report_in
from tests.support.samples import jpeg_bytes


def close_days_ago(db, number: str, days: int) -> None:
    report = db.session.scalars(select(Report).where(Report.number == number)).one()
    report.closed_at = datetime.now(UTC) - timedelta(days=days)
    db.session.commit()


def named_resolved_report(db, days_closed: int):
    result = report_in(
        "resolved", identity="named", name="孙八", phone="13500002222",
        evidence=[(jpeg_bytes(), "a.jpg")],
    )  # fmt: skip
    close_days_ago(db, result.report.number, days_closed)
    return result.report.number


def test_purge_erases_old_contacts_and_evidence_but_keeps_the_record(app, runner, db, content):
    old = named_resolved_report(db, 400)
    recent = named_resolved_report(db, 10)
    stats_before = dashboard(datetime.now(UTC), settings().time_limits)
    result = runner.invoke(args=["reports", "purge-contacts", "--older-than", "365"])
    assert result.exit_code == 0, result.output
    assert "已清除 1 件" in result.output
    db.session.expire_all()
    purged = db.session.scalars(select(Report).where(Report.number == old)).one()
    kept = db.session.scalars(select(Report).where(Report.number == recent)).one()
    assert purged.contact_name is None and purged.contact_phone is None
    assert purged.contacts_purged_at is not None and purged.evidence == []
    assert kept.contact_name is not None and len(kept.evidence) == 1
    files = [p for p in Path(app.config["UPLOAD_DIR"]).rglob("*") if p.is_file()]
    assert sorted(p.name.endswith(".thumb.jpg") for p in files) == [False, True]  # kept + thumb
    assert dashboard(datetime.now(UTC), settings().time_limits) == stats_before
    assert db.session.scalar(select(func.count()).select_from(Evidence)) == 1
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "contacts_purged")
    ).one()
    assert entry.details["reports"] == 1


def test_purge_is_idempotent(runner, db, content):
    named_resolved_report(db, 400)
    runner.invoke(args=["reports", "purge-contacts", "--older-than", "365"])
    again = runner.invoke(args=["reports", "purge-contacts", "--older-than", "365"])
    assert again.exit_code == 0 and "已清除 0 件" in again.output


def test_open_reports_are_never_purged(runner, db, content):
    result = report_in("investigating", identity="named", name="周九", phone="13500003333")
    runner.invoke(args=["reports", "purge-contacts", "--older-than", "0"])
    db.session.expire_all()
    report = db.session.scalars(select(Report).where(Report.number == result.report.number)).one()
    assert report.contact_name is not None
