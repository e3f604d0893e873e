"""The moderation queue: filters, number search, keyset pagination, and dashboard counts.

Pages are cut by (submitted_at, id), which an index covers under each filter, so the queue
stays as fast on page 5,000 as on page 1.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import false, func, select, union_all
from sqlalchemy.orm import joinedload

from ...clock import CITY_TZ
from ...extensions import db
from ...models import Channel, District, Report, ReportStatus
from ..common.paging import Page, keyset_condition, keyset_page, start_after
from .deadlines import TimeLimits, overdue_by_status, overdue_count, overdue_filter
from .numbers import NO_MATCH, prefix_days

PAGE_SIZE = 50
FULL_NUMBER = re.compile(r"^HG\d{8}-\d{6}$")


@dataclass(frozen=True)
class QueueFilters:
    status: ReportStatus | None = None
    category_id: int | None = None
    district: District | None = None
    channel: Channel | None = None
    department_id: int | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None
    overdue: bool = False
    replies: bool = False
    number: str = ""
    oldest_first: bool = False
    supervised: bool = False  # 督办
    urged: bool = False  # 催办
    by_due: bool = False  # sorted by days left, most urgent first (open reports only)


KEY = (Report.submitted_at, Report.id)  # the order of the queue, and its cursor
DUE_KEY = (Report.due_at, Report.id)  # …or, sorted by days left, this one
KEY_TYPES = (datetime, int)


def _conditions(filters: QueueFilters) -> list:
    conditions = []
    for column, value in (
        (Report.status, filters.status),
        (Report.category_id, filters.category_id),
        (Report.district, filters.district),
        (Report.channel, filters.channel),
        (Report.department_id, filters.department_id),
    ):
        if value is not None:
            conditions.append(column == value)
    if filters.submitted_from:
        conditions.append(Report.submitted_at >= _local_midnight(filters.submitted_from))
    if filters.submitted_to:
        next_day = filters.submitted_to + timedelta(days=1)
        conditions.append(Report.submitted_at < _local_midnight(next_day))
    if filters.replies:
        conditions.append(Report.reply_unread.is_(True))
    if filters.supervised:
        conditions.append(Report.supervised.is_(True))
    if filters.urged:
        conditions.append(Report.urged.is_(True))
    if filters.number:
        conditions += _number_conditions(filters.number.strip().upper())
    return conditions


def _number_conditions(number: str) -> list:
    if FULL_NUMBER.match(number):  # the usual case: an exact number, straight off the index
        return [Report.number == number]
    conditions = [Report.number.startswith(number, autoescape=True)]
    days = prefix_days(number)
    if days == NO_MATCH:
        return [false()]
    if days is not None:  # the prefix's dates bound submitted_at, which the index can seek
        first, last = days
        conditions.append(Report.submitted_at >= _local_midnight(first))
        conditions.append(Report.submitted_at < _local_midnight(last + timedelta(days=1)))
    return conditions


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=CITY_TZ)


def queue_page(
    filters: QueueFilters, cursor: str | None, now: datetime, limits: TimeLimits
) -> Page[Report]:
    """One page of the queue, newest first unless `oldest_first`; `cursor` (the page link's
    `?after=`) continues after the last report of the page before."""
    conditions = _conditions(filters)
    after = start_after(cursor, KEY_TYPES)
    if filters.by_due:
        return _due_page(conditions, after, filters.overdue, now)
    newest_first = not filters.oldest_first
    if filters.overdue:
        first = _first_overdue_ids(conditions, after, newest_first, now, limits)
        conditions.append(Report.id.in_(first))
    query = (
        select(Report)
        .where(*conditions)
        .options(joinedload(Report.category), joinedload(Report.department))
    )
    return keyset_page(query, KEY, after, PAGE_SIZE, descending=newest_first)


def queue_query(filters: QueueFilters, now: datetime, limits: TimeLimits):
    """The whole filtered queue in its order, unpaged (the export reads it up to a cap)."""
    conditions = _conditions(filters)
    if filters.by_due:
        conditions.append(Report.due_at.is_not(None))
        if filters.overdue:
            conditions.append(Report.due_at < now)
        order = (Report.due_at, Report.id)
    else:
        if filters.overdue:
            conditions.append(overdue_filter(now, limits))
        order = _queue_order(Report.submitted_at, Report.id, not filters.oldest_first)
    return (
        select(Report)
        .where(*conditions)
        .options(joinedload(Report.category), joinedload(Report.department))
        .order_by(*order)
    )


def _due_page(conditions: list, after: tuple | None, overdue: bool, now: datetime):
    """The open reports, soonest due first, paged by (due_at, id) on its index. Overdue here
    is past the due time, which includes a missed 督办 deadline."""
    conditions = [*conditions, Report.due_at.is_not(None)]
    if overdue:
        conditions.append(Report.due_at < now)
    query = (
        select(Report)
        .where(*conditions)
        .options(joinedload(Report.category), joinedload(Report.department))
    )
    return keyset_page(query, DUE_KEY, after, PAGE_SIZE)


def _queue_order(submitted_at, report_id, newest_first: bool) -> tuple:
    return (submitted_at.desc(), report_id.desc()) if newest_first else (submitted_at, report_id)


def _first_overdue_ids(
    conditions: list, after: tuple | None, newest_first: bool, now: datetime, limits: TimeLimits
):
    """The ids of the page's overdue reports: the first of each status in queue order, merged.
    As one OR over the statuses, the engine would collect and sort every overdue report (tens
    of thousands at a million reports); per status, each walk stops after one page. The
    cursor's bound goes inside each walk, where it can seek."""
    if after is not None:
        conditions = [*conditions, keyset_condition(KEY, after, descending=newest_first)]
    parts = [
        select(Report.id, Report.submitted_at)
        .where(*conditions, branch)
        .order_by(*_queue_order(Report.submitted_at, Report.id, newest_first))
        .limit(PAGE_SIZE + 1)
        .subquery()
        for branch in overdue_by_status(now, limits)
    ]
    merged = union_all(*(select(part.c.id, part.c.submitted_at) for part in parts)).subquery()
    by = _queue_order(merged.c.submitted_at, merged.c.id, newest_first)
    return select(merged.c.id).order_by(*by).limit(PAGE_SIZE + 1)


OPEN_STATUSES = (
    ReportStatus.SUBMITTED,
    ReportStatus.ACCEPTED,
    ReportStatus.ASSIGNED,
    ReportStatus.INVESTIGATING,
    ReportStatus.REVIEW,
)


@dataclass(frozen=True)
class Dashboard:
    by_status: dict[ReportStatus, int]  # open reports only: the work in hand
    overdue: int
    unread_replies: int
    total: int  # open reports


def dashboard(now: datetime, limits: TimeLimits) -> Dashboard:
    # Only the open statuses are counted: an index range, not a walk over every report ever
    # closed (the public statistics page has the full history).
    counts = dict(
        db.session.execute(
            select(Report.status, func.count())
            .where(Report.status.in_(OPEN_STATUSES))
            .group_by(Report.status)
        ).all()
    )
    by_status = {status: counts.get(status, 0) for status in OPEN_STATUSES}
    overdue = overdue_count(now, limits)
    unread = db.session.scalar(
        select(func.count()).select_from(Report).where(Report.reply_unread.is_(True))
    )
    return Dashboard(by_status, overdue, unread, sum(by_status.values()))
