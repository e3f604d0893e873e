"""The monthly report bulletin (举报办理情况通报), in the form of the national 12369 bulletins:
the month's total with month-on-month and year-on-year change, acceptance, shares by channel,
category and district, resolutions and overdue reports.

Figures describe the month as it stood at its end (or at `now`, for a month not yet over):
decisions count only if made by then. "Overdue" is overdue_filter at that moment, applied to
the reports' current status — exact when the bulletin is drafted just after the month ends,
as it normally is; a report overdue at month end but handled since no longer counts.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import and_, func, select

from ...clock import CITY_TZ
from ...extensions import db
from ...models import Channel, District, Report, ReportStatus
from ...settings import settings
from .deadlines import TimeLimits, overdue_filter
from .periods import InvalidPeriod, Month
from .stats import (
    ACCEPTED,
    NOT_ACCEPTED,
    Count,
    category_counts,
    count_if,
    days_between,
    enum_counts,
    percent,
)

CITY = "鹤岗市"
PLATFORM = "鹤岗市节能减排信息公开与举报平台"
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class MonthlySummary:
    month: Month
    as_of: datetime
    limits: TimeLimits
    received: int
    previous_month: int
    same_month_last_year: int
    accepted: int
    not_accepted: int
    duplicates: int  # included in not_accepted
    pending: int
    by_channel: list[Count]
    by_category: list[Count]
    by_district: list[Count]
    resolved: int  # in the month, whenever submitted
    resolved_in_time: int
    overdue: int  # at as_of
    samples: int = 0  # demonstration reports among those received, which must be labelled

    @property
    def month_on_month(self) -> Decimal | None:
        return change(self.received, self.previous_month)

    @property
    def year_on_year(self) -> Decimal | None:
        return change(self.received, self.same_month_last_year)


def change(current: int, previous: int) -> Decimal | None:
    """The change in percent, to one decimal; None when there is nothing to compare with."""
    return percent(current - previous, previous)


def monthly_summary(
    year: int, month: int, now: datetime, limits: TimeLimits | None = None
) -> MonthlySummary:
    target = Month(year, month)
    if target.start() > now:
        raise InvalidPeriod(f"{target.label}尚未开始，无法生成通报。")
    limits = limits or settings().time_limits
    as_of = min(target.end(), now)
    received_in = _received(target)
    accepted, not_accepted, duplicates = _decisions(received_in, as_of)
    resolved, resolved_in_time = _resolutions(target, as_of, limits)
    received = _count(received_in)
    return MonthlySummary(
        month=target,
        as_of=as_of,
        limits=limits,
        received=received,
        previous_month=_count(_received(target.shifted(-1))),
        same_month_last_year=_count(_received(target.shifted(-12))),
        accepted=accepted,
        not_accepted=not_accepted,
        duplicates=duplicates,
        pending=received - accepted - not_accepted,
        by_channel=enum_counts(Report.channel, Channel, received_in),
        by_category=category_counts(received_in),
        by_district=enum_counts(Report.district, District, received_in),
        resolved=resolved,
        resolved_in_time=resolved_in_time,
        overdue=_count(overdue_filter(as_of, limits)),
        samples=_count(received_in, Report.is_sample.is_(True)),
    )


def _decisions(received_in, as_of: datetime) -> tuple[int, int, int]:
    """Accepted, not accepted and duplicates among the month's reports, decided by as_of."""
    decided = and_(Report.decided_at.is_not(None), Report.decided_at < as_of)
    return tuple(
        db.session.execute(
            select(
                count_if(and_(decided, Report.status.in_(ACCEPTED))),
                count_if(and_(decided, Report.status.in_(NOT_ACCEPTED))),
                count_if(and_(decided, Report.status == ReportStatus.DUPLICATE)),
            ).where(received_in)
        ).one()
    )


def _resolutions(month: Month, as_of: datetime, limits: TimeLimits) -> tuple[int, int]:
    """Reports resolved within the month (whenever submitted), and how many of them in time."""
    resolved_in = and_(Report.resolved_at >= month.start(), Report.resolved_at < as_of)
    in_time = days_between(Report.decided_at, Report.resolved_at) <= limits.resolve_days
    return tuple(
        db.session.execute(select(func.count(), count_if(in_time)).where(resolved_in)).one()
    )


def _received(month: Month):
    return and_(Report.submitted_at >= month.start(), Report.submitted_at < month.end())


def _count(*conditions) -> int:
    return db.session.scalar(select(func.count()).select_from(Report).where(*conditions))


def monthly_markdown(summary: MonthlySummary) -> tuple[str, str]:
    """The bulletin's title and its body in Markdown, for an editor to review and publish."""
    month = summary.month.label
    title = f"{month}{CITY}节能环保违法行为举报办理情况通报"
    as_of = _as_of_label(summary)
    sections = [
        ("总体情况", _overall(summary)),
        ("受理情况", _acceptance(summary, as_of)),
        ("举报渠道", _shares(summary, summary.by_channel, "通过{}渠道")),
        ("举报类别", _shares(summary, summary.by_category, "反映{}问题的")),
        ("地区分布", _shares(summary, summary.by_district, "{}")),
        ("办结情况", _resolution(summary, as_of)),
    ]
    parts = [
        f"{month}，{PLATFORM}通过网站、电话、来信、来访等渠道共接到节能环保违法行为举报"
        f"{summary.received}件。现将有关情况通报如下。"
    ]
    if summary.samples:
        parts.append(f"（本通报含演示用的示例（虚构）举报{summary.samples}件，不是真实数据。）")
    for number, (heading, text) in enumerate(sections):
        parts.append(f"## {NUMERALS[number]}、{heading}")
        parts.append(text)
    return title, "\n\n".join(parts) + "\n"


def _as_of_label(summary: MonthlySummary) -> str:
    # as_of is the next month's local midnight for a finished month: its last day is the day before.
    local = summary.as_of.astimezone(CITY_TZ) - timedelta(microseconds=1)
    return f"{local.year}年{local.month}月{local.day}日"


def _overall(summary: MonthlySummary) -> str:
    month_on_month = _change_text(
        summary.month_on_month, summary.previous_month, "较上月", "与上月持平", "上月", "环比"
    )
    year_on_year = _change_text(
        summary.year_on_year, summary.same_month_last_year, "同比", "同比持平", "去年同月", "同比"
    )
    return (
        f"{summary.month.label}共接到举报{summary.received}件，{month_on_month}，{year_on_year}。"
    )


def _change_text(
    value: Decimal | None, base: int, against: str, level: str, base_label: str, basis: str
) -> str:
    """E.g. 较上月增加12.5%（上月8件）; when the base is 0, say so instead of dividing by it."""
    if value is None:
        return f"{base_label}为0件，无法计算{basis}增减幅度"
    if value == 0:
        return f"{level}（{base_label}{base}件）"
    direction = "增加" if value > 0 else "减少"
    return f"{against}{direction}{abs(value)}%（{base_label}{base}件）"


def _acceptance(summary: MonthlySummary, as_of: str) -> str:
    if summary.received == 0:
        return "本月未接到举报。"
    total = summary.received
    text = (
        f"截至{as_of}，本月接到的{total}件举报中，已受理{summary.accepted}件，"
        f"占{_percent(summary.accepted, total)}；不予受理{summary.not_accepted}件"
    )
    if summary.duplicates:
        text += f"（其中重复举报{summary.duplicates}件）"
    text += f"，占{_percent(summary.not_accepted, total)}"
    if summary.pending:
        text += f"；尚未作出受理决定{summary.pending}件，占{_percent(summary.pending, total)}"
    return text + "。"


def _shares(summary: MonthlySummary, counts: list[Count], pattern: str) -> str:
    if summary.received == 0:
        return "本月未接到举报。"
    # Largest first; ties keep the declared order (districts as the city lists them).
    ranked = sorted((c for c in counts if c.count), key=lambda c: -c.count)
    items = [
        f"{pattern.format(c.label)}举报{c.count}件，占{_percent(c.count, summary.received)}"
        for c in ranked
    ]
    return "；".join(items) + "。"


def _resolution(summary: MonthlySummary, as_of: str) -> str:
    text = f"{summary.month.label}共办结举报{summary.resolved}件"
    if summary.resolved:
        text += (
            f"，其中在受理后{summary.limits.resolve_days}日内办结{summary.resolved_in_time}件，"
            f"占{_percent(summary.resolved_in_time, summary.resolved)}"
        )
    return (
        f"{text}。截至{as_of}，超过办理时限（受理时限{summary.limits.accept_days}日、"
        f"办结时限{summary.limits.resolve_days}日）尚未办结的举报{summary.overdue}件。"
    )


def _percent(part: int, whole: int) -> str:
    return f"{percent(part, whole)}%"
