"""The report statistics as the public sees them: closed months only (periods.published_period)
and small numbers suppressed (disclosure), the same for the page, the CSV, the JSON and the API.

ReportStats (stats) holds the exact figures; this module decides which of them are published.
How the tables hang together, and so what secondary suppression must protect:

- received = accepted + not accepted + pending (the overall figures);
- each of those is a group of statuses (by_status): accepted = accepted, assigned,
  investigating, resolved; not accepted = rejected, duplicate; pending = submitted;
- categories, districts, channels and months each add up to received; each month column
  (accepted, not accepted, resolved) adds up to its overall figure.

Shares and medians are published only when based on at least `threshold` reports; so is
the satisfaction rate ((满意 + 基本满意) / rated). The ratings add up to `rated`, published on
its own like `appeals` (the reports whose reporter asked for a review).
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from ...models import ReportStatus
from ...settings import settings
from .deadlines import AWAITING_DECISION, TimeLimits
from .disclosure import HIDDEN, Figure, protect, single
from .periods import Month, StatsPeriod
from .stats import ACCEPTED, NOT_ACCEPTED, Count, ReportStats, percent

if TYPE_CHECKING:
    from .verified_rate import PublishedVerifiedRate

# The overall split of received reports, and the statuses within each part.
GROUPS = {
    "accepted": ACCEPTED,
    "not_accepted": NOT_ACCEPTED,
    "pending": AWAITING_DECISION,
}


@dataclass(frozen=True)
class PublishedCount:
    key: str
    label: str
    figure: Figure
    percent: Decimal | None  # of the table's total; None when the count is not published


@dataclass(frozen=True)
class PublishedMonth:
    month: Month
    received: Figure
    accepted: Figure
    not_accepted: Figure
    resolved: Figure


@dataclass(frozen=True)
class PublishedTimeliness:
    on_time: Figure
    due: Figure
    percent: Decimal | None


@dataclass(frozen=True)
class PublishedStats:
    period: StatsPeriod
    in_progress: Month  # the month under way, whose reports are not counted yet
    as_of: datetime
    limits: TimeLimits
    threshold: int
    received: Figure
    accepted: Figure
    not_accepted: Figure
    pending: Figure
    resolved: Figure
    overdue: Figure
    by_month: list[PublishedMonth]
    by_category: list[PublishedCount]
    by_district: list[PublishedCount]
    by_channel: list[PublishedCount]
    by_status: list[PublishedCount]
    median_accept_days: Decimal | None
    median_resolve_days: Decimal | None
    accepted_in_time: PublishedTimeliness
    resolved_in_time: PublishedTimeliness
    samples: int
    rated: Figure
    by_rating: list[PublishedCount]
    satisfaction_percent: Decimal | None  # (满意 + 基本满意) / rated
    appeals: Figure
    # 查实率 and its breakdowns (verified_rate.with_verified_rate), once attached.
    verified: "PublishedVerifiedRate | None" = None


def published_stats(stats: ReportStats, threshold: int | None = None) -> PublishedStats:
    """What of `stats` may be published, suppressing counts below `threshold` (by default
    the configured one). `stats` should cover closed months (periods.published_period)."""
    threshold = threshold or settings().stats_min_count
    received = single(stats.received, threshold)
    overall = _overall(stats, threshold)
    by_status = _by_status(stats, overall, threshold)
    resolved = next(c.figure for c in by_status if c.key == ReportStatus.RESOLVED.value)
    return PublishedStats(
        period=stats.period,
        in_progress=Month.of(stats.as_of),
        as_of=stats.as_of,
        limits=stats.limits,
        threshold=threshold,
        received=received,
        accepted=overall["accepted"],
        not_accepted=overall["not_accepted"],
        pending=overall["pending"],
        resolved=resolved,
        overdue=single(stats.overdue, threshold),
        by_month=_by_month(stats, overall | {"resolved": resolved}, threshold),
        by_category=published_counts(stats.by_category, threshold),
        by_district=published_counts(stats.by_district, threshold),
        by_channel=published_counts(stats.by_channel, threshold),
        by_status=by_status,
        median_accept_days=_enough(stats.median_accept_days, stats.accepted, threshold),
        median_resolve_days=_enough(stats.median_resolve_days, stats.resolved, threshold),
        accepted_in_time=_timeliness(stats.accepted_in_time, threshold),
        resolved_in_time=_timeliness(stats.resolved_in_time, threshold),
        samples=stats.samples,
        rated=single(stats.rated, threshold),
        by_rating=published_counts(stats.by_rating, threshold),
        satisfaction_percent=_enough(percent(stats.content, stats.rated), stats.rated, threshold),
        appeals=single(stats.appeals, threshold),
    )


def published_counts(
    counts: list[Count], threshold: int, *, withheld: bool = False
) -> list[PublishedCount]:
    """A table of counts adding up to a published total, suppressed; shares of that total."""
    figures = protect([c.count for c in counts], threshold, withheld=withheld)
    total = sum(c.count for c in counts)
    return [
        PublishedCount(c.key, c.label, f, percent(c.count, total) if f.published else None)
        for c, f in zip(counts, figures, strict=True)
    ]


def _overall(stats: ReportStats, threshold: int) -> dict[str, Figure]:
    counts = [stats.accepted, stats.not_accepted, stats.pending]
    return dict(zip(GROUPS, protect(counts, threshold), strict=True))


def _by_status(stats: ReportStats, overall: dict[str, Figure], threshold: int):
    """Each group of statuses is a table adding up to its overall figure."""
    published: dict[str, PublishedCount] = {}
    for group, statuses in GROUPS.items():
        members = [c for c in stats.by_status if ReportStatus(c.key) in statuses]
        withheld = not overall[group].published
        for count in published_counts(members, threshold, withheld=withheld):
            published[count.key] = count
    # Shares of all received reports, as before; in the enumeration's order.
    return [_share_of(published[c.key], c.count, stats.received) for c in stats.by_status]


def _share_of(count: PublishedCount, value: int, total: int) -> PublishedCount:
    share = percent(value, total) if count.figure.published else None
    return PublishedCount(count.key, count.label, count.figure, share)


def _by_month(stats: ReportStats, overall: dict[str, Figure], threshold: int):
    columns = {
        name: protect(
            [getattr(row, name) for row in stats.by_month],
            threshold,
            withheld=name != "received" and not overall[name].published,
        )
        for name in ("received", "accepted", "not_accepted", "resolved")
    }
    return [
        PublishedMonth(row.month, *(columns[name][index] for name in columns))
        for index, row in enumerate(stats.by_month)
    ]


def _enough(value: Decimal | None, basis: int, threshold: int) -> Decimal | None:
    return value if basis >= threshold else None


def _timeliness(timeliness, threshold: int) -> PublishedTimeliness:
    """A share of handled reports: published only when at least `threshold` were due."""
    due = single(timeliness.due, threshold)
    if not due.published:
        return PublishedTimeliness(Figure(None, HIDDEN, threshold), due, None)
    return PublishedTimeliness(Figure(timeliness.on_time, None, threshold), due, timeliness.percent)
