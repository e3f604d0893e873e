"""What a department's handler (承办单位) sees: only the reports forwarded (转办) to that
department, never the reporter's contact details. Any other report is answered as missing,
so that a handler cannot even learn which numbers exist elsewhere."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ...extensions import db
from ...models import Report
from .moderation import ReportNotFound

QUEUE_LIMIT = 200


def department_queue(department_id: int) -> list[Report]:
    """The department's reports, newest first."""
    return list(
        db.session.scalars(
            select(Report)
            .where(Report.department_id == department_id)
            .options(joinedload(Report.category))
            .order_by(Report.submitted_at.desc(), Report.id.desc())
            .limit(QUEUE_LIMIT)
        )
    )


def department_report(department_id: int, number: str) -> Report:
    report = db.session.scalars(
        select(Report)
        .where(Report.number == number, Report.department_id == department_id)
        .options(joinedload(Report.category))
    ).first()
    if report is None:
        raise ReportNotFound(number)
    return report
