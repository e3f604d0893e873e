"""Public report statistics: counts by month, category, district, channel and status, time
to acceptance and to resolution, the share handled within the time limits, and the reporters'
ratings (satisfaction) and appeals (复核申请) of these reports.

Aggregates only — nothing here reads a report's text, place or contact details.

Months are local (Asia/Shanghai) calendar months (report_periods). Their boundaries are
computed in Python with zoneinfo and handed to the database as timestamps, so every engine
buckets rows with the same portable CASE expression over an index range scan on submitted_at
(no strftime or date_trunc, and no time-zone arithmetic in SQL).

Medians: PostgreSQL computes them with percentile_cont. SQLite has no percentile function,
so it counts the rows, then sorts the one duration column and reads the middle one or two
values with LIMIT/OFFSET: the sort stays in the database and at most two values travel.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Float, and_, case, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from ...extensions import db
from ...models import (
    Channel,
    District,
    Report,
    ReportCategory,
    ReportRating,
    ReportStatus,
    Satisfaction,
)
from ...models.ratings import CONTENT
from .deadlines import AWAITING_DECISION, IN_HAND, TimeLimits, overdue_filter
from .periods import Month, StatsPeriod

# The acceptance decision was "accepted" (a report under review was accepted, then resolved).
ACCEPTED = IN_HAND | {ReportStatus.RESOLVED, ReportStatus.REVIEW}
NOT_ACCEPTED = {ReportStatus.REJECTED, ReportStatus.DUPLICATE}


def years_with_reports(now: datetime) -> list[int]:
    """Every year from the first report's to this one, newest first."""
    first = db.session.scalar(select(func.min(Report.submitted_at)))
    newest = Month.of(now).year
    oldest = Month.of(first).year if first is not None else newest
    return list(range(newest, min(oldest, newest) - 1, -1))


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int
    percent: Decimal | None = None  # of the group's total


def with_percents(counts: list[Count]) -> list[Count]:
    total = sum(c.count for c in counts)
    return [replace(c, percent=percent(c.count, total)) for c in counts]


@dataclass(frozen=True)
class MonthRow:
    month: Month
    received: int
    accepted: int
    not_accepted: int
    resolved: int


@dataclass(frozen=True)
class Timeliness:
    on_time: int
    due: int  # handled, plus those still unhandled past the limit

    @property
    def percent(self) -> Decimal | None:
        return percent(self.on_time, self.due)


@dataclass(frozen=True)
class ReportStats:
    period: StatsPeriod
    as_of: datetime
    limits: TimeLimits
    by_month: list[MonthRow]
    by_category: list[Count]
    by_district: list[Count]
    by_channel: list[Count]
    by_status: list[Count]
    median_accept_days: Decimal | None  # days, to one decimal
    median_resolve_days: Decimal | None
    accepted_in_time: Timeliness
    resolved_in_time: Timeliness
    overdue: int
    samples: int = 0  # demonstration reports among them, which the page must label
    by_rating: list[Count] = field(default_factory=list)  # the reporters' ratings
    appeals: int = 0  # reports whose reporter asked for a review (复核申请)

    @property
    def rated(self) -> int:
        return sum(c.count for c in self.by_rating)

    @property
    def content(self) -> int:
        """Rated 满意 or 基本满意: the numerator of the satisfaction rate."""
        return sum(c.count for c in self.by_rating if Satisfaction(c.key) in CONTENT)

    def _statuses(self, statuses) -> int:
        return sum(c.count for c in self.by_status if ReportStatus(c.key) in statuses)

    @property
    def received(self) -> int:
        return sum(c.count for c in self.by_status)

    @property
    def accepted(self) -> int:
        return self._statuses(ACCEPTED)

    @property
    def not_accepted(self) -> int:
        return self._statuses(NOT_ACCEPTED)

    @property
    def pending(self) -> int:
        return self._statuses(AWAITING_DECISION)

    @property
    def resolved(self) -> int:
        return self._statuses({ReportStatus.RESOLVED})


def percent(part: int, whole: int) -> Decimal | None:
    """part / whole as a percentage to one decimal, rounded half up; None when whole is 0."""
    if whole == 0:
        return None
    return one_decimal(Decimal(part) * 100 / Decimal(whole))


def one_decimal(value: Decimal | float | None) -> Decimal | None:
    """Rounded half up to one decimal, the precision of every published figure."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)


class days_between(FunctionElement):  # noqa: N801 - reads like the SQL function it compiles to
    """Fractional days from the first timestamp to the second, on every engine."""

    type = Float()
    name = "days_between"
    inherit_cache = True


@compiles(days_between)
def _days_between_postgresql(element, compiler, **kw) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0 AS DOUBLE PRECISION)"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    # julianday is a float: rounding to whole milliseconds keeps "exactly 15 days" exactly 15.
    return f"(ROUND((julianday({end}) - julianday({start})) * 86400000) / 86400000.0)"


def count_if(condition):
    return func.count(case((condition, 1)))


def report_stats(period: StatsPeriod, now: datetime, limits: TimeLimits) -> ReportStats:
    """Every figure about the reports submitted within `period`, as they stand at `now`."""
    timeliness = _timeliness(period, now, limits)
    return ReportStats(
        period=period,
        as_of=now,
        limits=limits,
        by_month=_by_month(period),
        by_category=category_counts(period.contains()),
        by_district=enum_counts(Report.district, District, period.contains()),
        by_channel=enum_counts(Report.channel, Channel, period.contains()),
        by_status=enum_counts(Report.status, ReportStatus, period.contains()),
        median_accept_days=one_decimal(
            median(
                days_between(Report.submitted_at, Report.decided_at),
                period.contains(),
                Report.status.in_(ACCEPTED),
                Report.decided_at.is_not(None),
            )
        ),
        median_resolve_days=one_decimal(
            median(
                days_between(Report.submitted_at, Report.resolved_at),
                period.contains(),
                Report.resolved_at.is_not(None),
            )
        ),
        accepted_in_time=Timeliness(timeliness.accepted_in_time, timeliness.accept_due),
        resolved_in_time=Timeliness(timeliness.resolved_in_time, timeliness.resolve_due),
        overdue=timeliness.overdue,
        samples=timeliness.samples,
        by_rating=rating_counts(period.contains()),
        appeals=db.session.scalar(
            select(func.count())
            .select_from(Report)
            .where(period.contains(), Report.appealed_at.is_not(None))
        ),
    )


def rating_counts(*conditions) -> list[Count]:
    """The ratings of the reports matching `conditions`, one count per Satisfaction value."""
    query = (
        select(ReportRating.rating, func.count())
        .join(ReportRating.report)
        .where(*conditions)
        .group_by(ReportRating.rating)
    )
    counts = dict(db.session.execute(query).all())
    return with_percents([Count(s.value, s.label, counts.get(s, 0)) for s in Satisfaction])


def _by_month(period: StatsPeriod) -> list[MonthRow]:
    months = period.months
    bucket = case(*((Report.submitted_at < m.end(), index) for index, m in enumerate(months)))
    # Grouped through a subquery: PostgreSQL cannot match a GROUP BY expression whose bound
    # parameters are rendered a second time.
    rows = select(bucket.label("bucket"), Report.status).where(period.contains()).subquery()
    query = select(
        rows.c.bucket,
        func.count(),
        count_if(rows.c.status.in_(ACCEPTED)),
        count_if(rows.c.status.in_(NOT_ACCEPTED)),
        count_if(rows.c.status == ReportStatus.RESOLVED),
    ).group_by(rows.c.bucket)
    found = {row[0]: row[1:] for row in db.session.execute(query)}
    return [MonthRow(month, *found.get(index, (0, 0, 0, 0))) for index, month in enumerate(months)]


def category_counts(*conditions) -> list[Count]:
    query = select(Report.category_id, func.count()).where(*conditions)
    counts = dict(db.session.execute(query.group_by(Report.category_id)).all())
    categories = db.session.scalars(
        select(ReportCategory).order_by(ReportCategory.position, ReportCategory.id)
    )
    return with_percents([Count(c.code, c.name, counts.get(c.id, 0)) for c in categories])


def enum_counts(column, enum_class, *conditions) -> list[Count]:
    """Counts for every member of the enumeration, in its declared order, zeros included."""
    query = select(column, func.count()).where(*conditions).group_by(column)
    counts = dict(db.session.execute(query).all())
    return with_percents(
        [Count(member.value, member.label, counts.get(member, 0)) for member in enum_class]
    )


@dataclass(frozen=True)
class _TimelinessRow:
    accepted_in_time: int
    accept_due: int
    resolved_in_time: int
    resolve_due: int
    overdue: int
    samples: int


def _timeliness(period: StatsPeriod, now: datetime, limits: TimeLimits) -> _TimelinessRow:
    """Decisions made within the acceptance limit and resolutions within the resolution limit,
    each out of those handled plus those still waiting past the limit (overdue_filter); and,
    in the same pass, the overdue and the sample reports."""
    overdue = overdue_filter(now, limits)
    decided = Report.decided_at.is_not(None)
    resolved = Report.resolved_at.is_not(None)
    days_to_decide = days_between(Report.submitted_at, Report.decided_at)
    days_to_resolve = days_between(Report.decided_at, Report.resolved_at)
    row = db.session.execute(
        select(
            count_if(and_(decided, days_to_decide <= limits.accept_days)),
            count_if(decided) + count_if(and_(overdue, Report.status.in_(AWAITING_DECISION))),
            count_if(and_(resolved, decided, days_to_resolve <= limits.resolve_days)),
            count_if(resolved) + count_if(and_(overdue, Report.status.in_(IN_HAND))),
            count_if(overdue),
            count_if(Report.is_sample.is_(True)),
        ).where(period.contains())
    ).one()
    return _TimelinessRow(*row)


def median(duration, *conditions) -> float | None:
    """The median of `duration` over the rows matching `conditions`; None when there are none."""
    if db.session.get_bind().dialect.name == "postgresql":
        value = db.session.scalar(
            select(func.percentile_cont(0.5).within_group(duration)).where(*conditions)
        )
        return None if value is None else float(value)
    count = db.session.scalar(select(func.count()).select_from(Report).where(*conditions))
    if not count:
        return None
    middle = db.session.scalars(
        select(duration)
        .where(*conditions)
        .order_by(duration)
        .offset((count - 1) // 2)
        .limit(2 - count % 2)
    ).all()
    return sum(middle) / len(middle)
