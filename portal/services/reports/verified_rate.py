"""查实率: of the reports resolved with a 办理结论, the share found 属实 or 部分属实.

Over the reports submitted within a (closed) statistics period that carry a conclusion, as
the other report statistics are. Reports resolved before conclusions were recorded (未记录)
are left out of the rate and counted apart. Published like the other figures: the rate only
when at least `threshold` reports were concluded, and the counts of each breakdown (category,
district, department) suppressed as a table adding up to the published total (disclosure).
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import func, select

from ...extensions import db
from ...models import Conclusion, Department, District, Report, ReportCategory
from .disclosure import Figure, protect, single
from .periods import StatsPeriod
from .stats import Count, count_if, percent
from .stats_public import PublishedCount, PublishedStats, published_counts

VERIFIED = [c for c in Conclusion if c.verified]
CONCLUDED = Conclusion.offered()


@dataclass(frozen=True)
class RateRow:
    """Exact counts for one group (or for all): verified, concluded, unrecorded."""

    key: str
    label: str
    verified: int
    concluded: int
    unrecorded: int

    @property
    def percent(self) -> Decimal | None:
        return percent(self.verified, self.concluded)


@dataclass(frozen=True)
class PublishedRateRow:
    key: str
    label: str
    concluded: Figure
    unrecorded: Figure
    percent: Decimal | None  # 查实率; None below the threshold


@dataclass(frozen=True)
class PublishedVerifiedRate:
    overall: PublishedRateRow
    by_conclusion: list[PublishedCount]  # 属实 … 无法核实, then 未记录
    by_category: list[PublishedRateRow]
    by_district: list[PublishedRateRow]
    by_department: list[PublishedRateRow]


def _rows(scope, key_column) -> dict:
    query = select(
        key_column,
        count_if(Report.conclusion.in_(VERIFIED)),
        count_if(Report.conclusion.in_(CONCLUDED)),
        count_if(Report.conclusion == Conclusion.UNRECORDED),
    ).where(scope, Report.conclusion.is_not(None))
    return {row[0]: row[1:] for row in db.session.execute(query.group_by(key_column))}


def rate_rows(scope):
    """(overall, by category, by district, by department, conclusion counts), exact, over
    the reports matching `scope` (an SQL condition)."""
    query = select(Report.conclusion, func.count()).where(scope, Report.conclusion.is_not(None))
    by_value = dict(db.session.execute(query.group_by(Report.conclusion)).all())
    counts = [Count(c.value, c.label, by_value.get(c, 0)) for c in Conclusion]
    overall = RateRow(
        "all", "全部",
        sum(by_value.get(c, 0) for c in VERIFIED),
        sum(by_value.get(c, 0) for c in CONCLUDED),
        by_value.get(Conclusion.UNRECORDED, 0),
    )  # fmt: skip
    zero = (0, 0, 0)
    found = _rows(scope, Report.category_id)
    categories = db.session.scalars(
        select(ReportCategory).order_by(ReportCategory.position, ReportCategory.id)
    )
    by_category = [RateRow(c.code, c.name, *found.get(c.id, zero)) for c in categories]
    found = _rows(scope, Report.district)
    by_district = [RateRow(d.value, d.label, *found.get(d, zero)) for d in District]
    found = _rows(scope, Report.department_id)
    departments = db.session.scalars(select(Department).order_by(Department.id))
    by_department = [RateRow(d.code, d.name, *found[d.id]) for d in departments if d.id in found]
    if None in found:
        by_department.append(RateRow("none", "未指定部门", *found[None]))
    return overall, by_category, by_district, by_department, counts


def with_verified_rate(published: PublishedStats) -> PublishedStats:
    """The published statistics with their 查实率 attached, under the same threshold."""
    return replace(
        published, verified=published_verified_rate(published.period, published.threshold)
    )


def published_verified_rate(period: StatsPeriod, threshold: int) -> PublishedVerifiedRate:
    overall, by_category, by_district, by_department, counts = rate_rows(period.contains())
    published_overall = PublishedRateRow(
        overall.key, overall.label,
        single(overall.concluded, threshold), single(overall.unrecorded, threshold),
        overall.percent if overall.concluded >= threshold else None,
    )  # fmt: skip
    return PublishedVerifiedRate(
        overall=published_overall,
        by_conclusion=published_counts(counts, threshold),
        by_category=_table(by_category, published_overall, threshold),
        by_district=_table(by_district, published_overall, threshold),
        by_department=_table(by_department, published_overall, threshold),
    )


def _table(rows: list[RateRow], overall: PublishedRateRow, threshold: int):
    concluded = protect(
        [r.concluded for r in rows], threshold, withheld=not overall.concluded.published
    )
    unrecorded = protect(
        [r.unrecorded for r in rows], threshold, withheld=not overall.unrecorded.published
    )
    return [
        PublishedRateRow(
            r.key, r.label, c, u, r.percent if c.published and r.concluded >= threshold else None
        )
        for r, c, u in zip(rows, concluded, unrecorded, strict=True)
    ]
