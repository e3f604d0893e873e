"""When each open report is due, stored on the report (`due_at`) so that the queue can sort by
days left on an index and page by (due_at, id) like any other key.

A report is due at its next time limit (deadlines.TimeLimits: 15 days to accept, 60 to
resolve, 15 for a 复核) or at the end of its 督办 deadline, whichever comes first; a closed
report is not due. `due_at` is recomputed on every flush of a changed report, so no service
can forget it; `refresh_all` recomputes every open report after the limits are configured
differently (`flask reports refresh-due`).
"""

from datetime import date, datetime, time, timedelta

from flask import has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ...clock import CITY_TZ
from ...extensions import db
from ...models import Report
from ...settings import settings
from .deadlines import AWAITING_DECISION, IN_HAND, UNDER_REVIEW, TimeLimits


def due_at(report: Report, limits: TimeLimits) -> datetime | None:
    if report.status in AWAITING_DECISION and report.submitted_at is not None:
        limit = limits.accept_by(report)
    elif report.status in IN_HAND:
        limit = limits.resolve_by(report)
    elif report.status in UNDER_REVIEW:
        limit = limits.review_by(report)
    else:
        return None  # closed (or not yet submitted): nothing is due
    if report.supervised and report.supervise_deadline is not None:
        supervised_by = end_of_local_day(report.supervise_deadline)
        limit = supervised_by if limit is None else min(limit, supervised_by)
    return limit


def end_of_local_day(day: date) -> datetime:
    """A deadline given as a date holds until the end of that day in 鹤岗."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=CITY_TZ)


def days_left(report: Report, now: datetime) -> int | None:
    """Whole local days until the report is due: 0 = due today, negative = overdue."""
    if report.due_at is None:
        return None
    last_day = (report.due_at - timedelta(microseconds=1)).astimezone(CITY_TZ).date()
    return (last_day - now.astimezone(CITY_TZ).date()).days


def refresh_all(batch: int = 1000) -> int:
    """Recompute `due_at` of every open report (a closed one is never due, and closing
    clears it); returns how many changed. Cheap enough to run at every start."""
    open_statuses = (*AWAITING_DECISION, *IN_HAND, *UNDER_REVIEW)
    limits = settings().time_limits  # the flush hook's limits too
    changed, last_id = 0, 0
    while True:
        reports = db.session.scalars(
            select(Report)
            .where(Report.status.in_(open_statuses), Report.id > last_id)
            .order_by(Report.id)
            .limit(batch)
        ).all()
        if not reports:
            return changed
        for report in reports:
            value = due_at(report, limits)
            if report.due_at != value:
                report.due_at, changed = value, changed + 1
        last_id = reports[-1].id
        db.session.commit()


@event.listens_for(Session, "before_flush")
def _keep_due_at(session: Session, _context, _instances) -> None:
    if not has_app_context():
        return
    reports = [r for r in (*session.new, *session.dirty) if isinstance(r, Report)]
    if not reports:
        return
    limits = settings().time_limits
    for report in reports:
        report.due_at = due_at(report, limits)
