"""The report statistics as open data: one long-format table for CSV, one document for JSON.

Both are built from the same ReportStats as the HTML page, so the three never disagree.
"""

import csv
import io
from decimal import Decimal

from .stats import Count, ReportStats

CSV_HEADER = ["统计期间", "分组", "项目", "代码", "指标", "数值", "单位"]
MONTH_MEASURES = (
    ("received", "收到举报"),
    ("accepted", "已受理"),
    ("not_accepted", "不予受理（含重复举报）"),
    ("resolved", "已办结"),
)


def stats_rows(stats: ReportStats) -> list[list[str]]:
    """Every figure as (group, item, code, measure, value, unit), after the header."""
    rows: list[tuple] = [
        ("总体", "全部", "", "收到举报", stats.received, "件"),
        ("总体", "全部", "", "已受理", stats.accepted, "件"),
        ("总体", "全部", "", "不予受理（含重复举报）", stats.not_accepted, "件"),
        ("总体", "全部", "", "待受理", stats.pending, "件"),
        ("总体", "全部", "", "已办结", stats.resolved, "件"),
        ("总体", "全部", "", "逾期未办", stats.overdue, "件"),
        ("时效", "受理", "", "用时中位数", stats.median_accept_days, "天"),
        ("时效", "受理", "", "时限（天）", stats.limits.accept_days, "天"),
        ("时效", "受理", "", "按时作出受理决定", stats.accepted_in_time.on_time, "件"),
        ("时效", "受理", "", "应作出受理决定", stats.accepted_in_time.due, "件"),
        ("时效", "受理", "", "按时比例", stats.accepted_in_time.percent, "%"),
        ("时效", "办结", "", "用时中位数", stats.median_resolve_days, "天"),
        ("时效", "办结", "", "时限（天，自受理起）", stats.limits.resolve_days, "天"),
        ("时效", "办结", "", "按时办结", stats.resolved_in_time.on_time, "件"),
        ("时效", "办结", "", "应办结", stats.resolved_in_time.due, "件"),
        ("时效", "办结", "", "按时比例", stats.resolved_in_time.percent, "%"),
    ]
    if stats.samples:
        rows.append(("总体", "全部", "", "其中示例（虚构）举报", stats.samples, "件"))
    for row in stats.by_month:
        for attribute, measure in MONTH_MEASURES:
            rows.append(
                ("按月份", row.month.label, row.month.key, measure, getattr(row, attribute), "件")
            )
    for group, counts in _groups(stats):
        for c in counts:
            rows.append((group, c.label, c.key, "收到举报", c.count, "件"))
            rows.append((group, c.label, c.key, "占比", c.percent, "%"))
    return [CSV_HEADER] + [[stats.period.label, *map(_cell, row)] for row in rows]


def stats_csv(stats: ReportStats) -> str:
    """UTF-8 text with a byte-order mark, which Excel needs to read Chinese correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, lineterminator="\r\n").writerows(stats_rows(stats))
    return buffer.getvalue()


def stats_document(stats: ReportStats) -> dict:
    return {
        "period": {
            "label": stats.period.label,
            "first_month": stats.period.first.key,
            "last_month": stats.period.last.key,
            "year": stats.period.year,
        },
        "as_of": stats.as_of.isoformat(),
        "time_limits_days": {
            "acceptance": stats.limits.accept_days,
            "resolution_after_acceptance": stats.limits.resolve_days,
        },
        "totals": {
            "received": stats.received,
            "accepted": stats.accepted,
            "not_accepted": stats.not_accepted,
            "pending": stats.pending,
            "resolved": stats.resolved,
            "overdue": stats.overdue,
        },
        "median_days": {
            "acceptance": _number(stats.median_accept_days),
            "resolution": _number(stats.median_resolve_days),
        },
        "within_time_limits": {
            name: {"on_time": t.on_time, "due": t.due, "percent": _number(t.percent)}
            for name, t in (
                ("acceptance", stats.accepted_in_time),
                ("resolution", stats.resolved_in_time),
            )
        },
        "by_month": [
            {"month": row.month.key} | {a: getattr(row, a) for a, _ in MONTH_MEASURES}
            for row in stats.by_month
        ],
        "by_category": _counts(stats.by_category),
        "by_district": _counts(stats.by_district),
        "by_channel": _counts(stats.by_channel),
        "by_status": _counts(stats.by_status),
    }


def _groups(stats: ReportStats) -> list[tuple[str, list[Count]]]:
    return [
        ("按类别", stats.by_category),
        ("按区县", stats.by_district),
        ("按渠道", stats.by_channel),
        ("按状态", stats.by_status),
    ]


def _counts(counts: list[Count]) -> list[dict]:
    return [
        {"code": c.key, "name": c.label, "count": c.count, "percent": _number(c.percent)}
        for c in counts
    ]


def _cell(value) -> str:
    return "" if value is None else str(value)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
