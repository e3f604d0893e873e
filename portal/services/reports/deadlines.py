"""Time limits on reports: decide acceptance within 15 days of submission, resolve within
60 days of acceptance, and conclude a review (复核) within 15 days of the reporter's appeal
(all configurable). The one place that says what "overdue" means,
for a single report and as a query filter."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select

from ...extensions import db
from ...models import Report, ReportStatus

AWAITING_DECISION = {ReportStatus.SUBMITTED}
IN_HAND = {ReportStatus.ACCEPTED, ReportStatus.ASSIGNED, ReportStatus.INVESTIGATING}
UNDER_REVIEW = {ReportStatus.REVIEW}


@dataclass(frozen=True)
class TimeLimits:
    accept_days: int
    resolve_days: int
    review_days: int = 15  # from the reporter's appeal to the review's conclusion

    def accept_by(self, report: Report) -> datetime:
        return report.submitted_at + timedelta(days=self.accept_days)

    def resolve_by(self, report: Report) -> datetime | None:
        if report.decided_at is None:
            return None
        return report.decided_at + timedelta(days=self.resolve_days)

    def review_by(self, report: Report) -> datetime | None:
        if report.appealed_at is None:
            return None
        return report.appealed_at + timedelta(days=self.review_days)


def overdue_reason(report: Report, now: datetime, limits: TimeLimits) -> str | None:
    """ "受理逾期" / "办结逾期" when the report is past a time limit, else None."""
    if report.status in AWAITING_DECISION and now > limits.accept_by(report):
        return "受理逾期"
    resolve_by = limits.resolve_by(report)
    if report.status in IN_HAND and resolve_by is not None and now > resolve_by:
        return "办结逾期"
    review_by = limits.review_by(report)
    if report.status in UNDER_REVIEW and review_by is not None and now > review_by:
        return "复核逾期"
    return None


def overdue_filter(now: datetime, limits: TimeLimits):
    """The same rule as overdue_reason, as an SQL condition."""
    return or_(*_overdue_branches(now, limits))


def overdue_count(now: datetime, limits: TimeLimits) -> int:
    """How many reports are overdue: one indexed count per branch (they never overlap)."""
    return sum(
        db.session.scalar(select(func.count()).select_from(Report).where(branch))
        for branch in _overdue_branches(now, limits)
    )


def overdue_by_status(now: datetime, limits: TimeLimits) -> list:
    """The overdue rule as one condition per status, each an equality on `status` plus a time
    bound: every one can walk the (status, submitted_at, id) index in queue order."""
    accept_cut = now - timedelta(days=limits.accept_days)
    resolve_cut = now - timedelta(days=limits.resolve_days)
    waiting = [
        and_(Report.status == s, Report.submitted_at < accept_cut) for s in AWAITING_DECISION
    ]
    in_hand = [
        and_(Report.status == s, Report.decided_at < resolve_cut, Report.submitted_at < resolve_cut)
        for s in IN_HAND
    ]
    review_cut = now - timedelta(days=limits.review_days)
    reviewing = [and_(Report.status == s, Report.appealed_at < review_cut) for s in UNDER_REVIEW]
    return [*waiting, *in_hand, *reviewing]


def _overdue_branches(now: datetime, limits: TimeLimits) -> list:
    resolve_cut = now - timedelta(days=limits.resolve_days)
    return [
        and_(
            Report.status.in_(AWAITING_DECISION),
            Report.submitted_at < now - timedelta(days=limits.accept_days),
        ),
        and_(
            Report.status.in_(IN_HAND),
            Report.decided_at < resolve_cut,
            # Implied (a decision comes after submission), but lets the queue index bound it.
            Report.submitted_at < resolve_cut,
        ),
        and_(
            Report.status.in_(UNDER_REVIEW),
            Report.appealed_at < now - timedelta(days=limits.review_days),
        ),
    ]
