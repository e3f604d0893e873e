"""The monthly report bulletin (举报办理情况通报), in the form of the national 12369 bulletins:
the month's total with month-on-month and year-on-year change, acceptance, shares by channel,
category and district, resolutions and overdue reports, and the reporters' ratings and
appeals (复核申请) given within the month.

Only a month that is over can be summarised (public statistics cover closed periods), and
the text follows the same small-number rule as /reports/stats (disclosure): a count from 1
to 4 reads "不足5件", a count hidden so that a small one cannot be worked out reads
"件数不公布", and a month with fewer than five reports gets no breakdown.

Figures describe the month as it stood at its end: decisions count only if made by then.
"Overdue" is overdue_filter at that moment, applied to the reports' current status — exact
when the bulletin is drafted just after the month ends, as it normally is; a report overdue
at month end but handled since no longer counts.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import and_, func, select

from ...clock import CITY_TZ
from ...extensions import db
from ...models import Channel, District, Report, ReportRating, ReportStatus, Satisfaction
from ...models.ratings import CONTENT
from ...settings import settings
from .deadlines import TimeLimits, overdue_filter
from .disclosure import HIDDEN, SMALL, Figure, protect, single
from .monthly_verified import verified_section
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
    rating_counts,
)
from .stats_public import PublishedCount, published_counts

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
    by_rating: list[Count] = field(default_factory=list)  # ratings given in the month
    appeals: int = 0  # appeals made in the month

    @property
    def rated(self) -> int:
        return sum(c.count for c in self.by_rating)

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
    if target.end() > now:
        raise InvalidPeriod(f"{target.label}尚未结束，月份结束后才能生成通报（当月数字统计中）。")
    limits = limits or settings().time_limits
    as_of = target.end()
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
        by_rating=rating_counts(
            ReportRating.rated_at >= target.start(), ReportRating.rated_at < as_of
        ),
        appeals=_count(Report.appealed_at >= target.start(), Report.appealed_at < as_of),
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


def monthly_markdown(summary: MonthlySummary, threshold: int | None = None) -> tuple[str, str]:
    """The bulletin's title and its body in Markdown, for an editor to review and publish;
    counts below `threshold` (by default the configured one) are suppressed."""
    figures = _Figures.of(summary, threshold or settings().stats_min_count)
    month = summary.month.label
    title = f"{month}{CITY}节能环保违法行为举报办理情况通报"
    as_of = _as_of_label(summary)
    sections = [
        ("总体情况", _overall(summary, figures)),
        ("受理情况", _acceptance(figures, as_of)),
        ("举报渠道", _shares(figures, figures.by_channel, "通过{}渠道")),
        ("举报类别", _shares(figures, figures.by_category, "反映{}问题的")),
        ("地区分布", _shares(figures, figures.by_district, "{}")),
        ("办结情况", _resolution(summary, figures, as_of)),
        ("办理结论和查实率", verified_section(summary.month, figures.threshold)),
        ("满意度和复核", _satisfaction(summary, figures)),
    ]
    parts = [
        f"{month}，{PLATFORM}通过网站、电话、来信、来访等渠道共接到节能环保违法行为举报"
        f"{_n(figures.received)}。现将有关情况通报如下。"
    ]
    if summary.samples:
        parts.append(f"（本通报含演示用的示例（虚构）举报{summary.samples}件，不是真实数据。）")
    for number, (heading, text) in enumerate(sections):
        parts.append(f"## {NUMERALS[number]}、{heading}")
        parts.append(text)
    if figures.suppressed:
        parts.append(
            f"（为保护举报人，1至{figures.threshold - 1}件的数字写作“不足{figures.threshold}件”；"
            "为防止由合计推算出这些数字，另有个别数字不公布。）"
        )
    return title, "\n\n".join(parts) + "\n"


@dataclass(frozen=True)
class _Figures:
    """The summary's counts as they may be published (disclosure)."""

    threshold: int
    received: Figure
    previous_month: Figure
    same_month_last_year: Figure
    accepted: Figure
    not_accepted: Figure
    duplicates: Figure
    pending: Figure
    by_channel: list[PublishedCount]
    by_category: list[PublishedCount]
    by_district: list[PublishedCount]
    resolved: Figure
    overdue: Figure
    rated: Figure
    by_rating: list[PublishedCount]
    appeals: Figure

    @classmethod
    def of(cls, summary: MonthlySummary, threshold: int) -> "_Figures":
        decided = [summary.accepted, summary.not_accepted, summary.pending]
        accepted, not_accepted, pending = protect(decided, threshold)
        rejected_or_duplicate = [summary.not_accepted - summary.duplicates, summary.duplicates]
        duplicates = protect(rejected_or_duplicate, threshold, withheld=not not_accepted.published)
        return cls(
            threshold=threshold,
            received=single(summary.received, threshold),
            previous_month=single(summary.previous_month, threshold),
            same_month_last_year=single(summary.same_month_last_year, threshold),
            accepted=accepted,
            not_accepted=not_accepted,
            duplicates=duplicates[1],
            pending=pending,
            by_channel=published_counts(summary.by_channel, threshold),
            by_category=published_counts(summary.by_category, threshold),
            by_district=published_counts(summary.by_district, threshold),
            resolved=single(summary.resolved, threshold),
            overdue=single(summary.overdue, threshold),
            rated=single(summary.rated, threshold),
            by_rating=published_counts(summary.by_rating, threshold),
            appeals=single(summary.appeals, threshold),
        )

    @property
    def suppressed(self) -> bool:
        counts = [*self.by_channel, *self.by_category, *self.by_district, *self.by_rating]
        figures = [self.received, self.previous_month, self.same_month_last_year, self.accepted]
        figures += [self.not_accepted, self.duplicates, self.pending, self.resolved, self.overdue]
        figures += [self.rated, self.appeals]
        return any(not f.published for f in figures + [c.figure for c in counts])


def _n(figure: Figure) -> str:
    """A count in the bulletin's words: 12件, 不足5件, or （件数不公布）."""
    if figure.published:
        return f"{figure.value}件"
    if figure.mark == SMALL:
        return f"不足{figure.threshold}件"
    return "（件数不公布）"


def _as_of_label(summary: MonthlySummary) -> str:
    # as_of is the next month's local midnight: the month's last day is the day before.
    local = summary.as_of.astimezone(CITY_TZ) - timedelta(microseconds=1)
    return f"{local.year}年{local.month}月{local.day}日"


def _overall(summary: MonthlySummary, figures: _Figures) -> str:
    month_on_month = _change_text(
        summary.month_on_month, figures.received, figures.previous_month,
        ("较上月", "与上月持平", "上月", "环比"),
    )  # fmt: skip
    year_on_year = _change_text(
        summary.year_on_year, figures.received, figures.same_month_last_year,
        ("同比", "同比持平", "去年同月", "同比"),
    )  # fmt: skip
    return (
        f"{summary.month.label}共接到举报{_n(figures.received)}，{month_on_month}，{year_on_year}。"
    )


def _change_text(value: Decimal | None, current: Figure, base: Figure, words) -> str:
    """E.g. 较上月增加12.5%（上月8件）; when the base is 0, or either count is not
    published (a change in percent would give it away), say so instead."""
    against, level, base_label, basis = words
    if not (current.published and base.published):
        return f"{base_label}{_n(base)}，不计算{basis}增减幅度"
    if value is None:
        return f"{base_label}为0件，无法计算{basis}增减幅度"
    if value == 0:
        return f"{level}（{base_label}{_n(base)}）"
    direction = "增加" if value > 0 else "减少"
    return f"{against}{direction}{abs(value)}%（{base_label}{_n(base)}）"


def _no_breakdown(figures: _Figures) -> str | None:
    if figures.received.value == 0:
        return "本月未接到举报。"
    if not figures.received.published:
        return f"本月接到的举报{_n(figures.received)}，为保护举报人，不公布分项数字。"
    return None


def _acceptance(figures: _Figures, as_of: str) -> str:
    if (instead := _no_breakdown(figures)) is not None:
        return instead
    total = figures.received.value
    text = (
        f"截至{as_of}，本月接到的{total}件举报中，已受理{_n(figures.accepted)}"
        f"{_share(figures.accepted, total)}；不予受理{_n(figures.not_accepted)}"
    )
    if figures.duplicates.value != 0:
        text += f"（其中重复举报{_n(figures.duplicates)}）"
    text += _share(figures.not_accepted, total)
    if figures.pending.value != 0:
        text += f"；尚未作出受理决定{_n(figures.pending)}{_share(figures.pending, total)}"
    return text + "。"


def _shares(figures: _Figures, counts: list[PublishedCount], pattern: str) -> str:
    if (instead := _no_breakdown(figures)) is not None:
        return instead
    # Largest first; ties keep the declared order (districts as the city lists them).
    shown = sorted((c for c in counts if c.figure.value), key=lambda c: -c.figure.value)
    items = [f"{pattern.format(c.label)}举报{c.figure.value}件，占{c.percent}%" for c in shown]
    small = [pattern.format(c.label) for c in counts if c.figure.mark == SMALL]
    hidden = [pattern.format(c.label) for c in counts if c.figure.mark == HIDDEN]
    if small:
        each = "各" if len(small) > 1 else ""
        items.append(f"{'、'.join(small)}举报{each}不足{figures.threshold}件")
    if hidden:
        items.append(f"{'、'.join(hidden)}举报件数不公布")
    return "；".join(items) + "。"


def _resolution(summary: MonthlySummary, figures: _Figures, as_of: str) -> str:
    text = f"{summary.month.label}共办结举报{_n(figures.resolved)}"
    if figures.resolved.published and summary.resolved:
        text += (
            f"，其中在受理后{summary.limits.resolve_days}日内办结{summary.resolved_in_time}件，"
            f"占{_percent(summary.resolved_in_time, summary.resolved)}"
        )
    return (
        f"{text}。截至{as_of}，超过办理时限（受理时限{summary.limits.accept_days}日、"
        f"办结时限{summary.limits.resolve_days}日）尚未办结的举报{_n(figures.overdue)}。"
    )


def _satisfaction(summary: MonthlySummary, figures: _Figures) -> str:
    """Ratings and appeals given in the month (whenever the reports came in); the rate only
    when at least `threshold` reports were rated."""
    text = f"{summary.month.label}举报人对已办结的举报作出评价{_n(figures.rated)}"
    if figures.rated.published and summary.rated:
        text += "，其中" + "、".join(f"{c.label}{_n(c.figure)}" for c in figures.by_rating)
        content = sum(c.count for c in summary.by_rating if Satisfaction(c.key) in CONTENT)
        text += f"，满意率（满意和基本满意）为{_percent(content, summary.rated)}"
    return f"{text}；举报人对办理结果不满意而申请复核{_n(figures.appeals)}。"


def _share(figure: Figure, total: int) -> str:
    return f"，占{_percent(figure.value, total)}" if figure.published else ""


def _percent(part: int, whole: int) -> str:
    return f"{percent(part, whole)}%"
