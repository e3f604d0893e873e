"""Every opening of a report's page by staff leaves one audit row: who, which report, when."""

from sqlalchemy import select

from portal.models import AuditEntry
from tests.support.reports import report_in


def views(db, number):
    query = select(AuditEntry).where(
        AuditEntry.action == "report_viewed", AuditEntry.target_id == number
    )
    return db.session.scalars(query.order_by(AuditEntry.id)).all()


def test_each_opening_is_one_audit_row(app, db, content, sign_in):
    number = report_in("accepted").report.number
    first = sign_in("moderator", username="viewer1")
    second = sign_in("moderator", username="viewer2", client=app.test_client())
    assert first.get(f"/admin/reports/{number}").status_code == 200
    assert first.get(f"/admin/reports/{number}").status_code == 200
    assert second.get(f"/admin/reports/{number}").status_code == 200
    rows = views(db, number)
    assert [r.actor_name for r in rows] == ["viewer1", "viewer1", "viewer2"]
    assert all(r.target_type == "report" and r.created_at is not None for r in rows)


def test_unknown_numbers_and_the_queue_are_not_audited_as_views(app, db, content, sign_in):
    staff = sign_in("moderator")
    assert staff.get("/admin/reports/HG20990101-000001").status_code == 404
    staff.get("/admin/reports")
    assert (
        db.session.scalars(select(AuditEntry).where(AuditEntry.action == "report_viewed")).all()
        == []
    )
