"""The published report statistics as open data: one long-format table for CSV, one document
for JSON (the page at /reports/stats.json and the API's /report-stats).

Both are built from the same PublishedStats as the HTML page, so the three never disagree. A
count that is not published is empty (CSV) or null (JSON), with its mark beside it: "<5" —
small, 1 to 4 — or "×", hidden so that a small one cannot be worked out.
"""

import csv
import io
from decimal import Decimal

from .disclosure import Figure
from .stats_public import PublishedCount, PublishedStats, PublishedTimeliness
from .verified_rate import PublishedRateRow, PublishedVerifiedRate

CSV_HEADER = ["统计期间", "分组", "项目", "代码", "指标", "数值", "单位", "标记"]
MONTH_MEASURES = (
    ("received", "收到举报"),
    ("accepted", "已受理"),
    ("not_accepted", "不予受理（含重复举报）"),
    ("resolved", "已办结"),
)
TOTALS = ("received", "accepted", "not_accepted", "pending", "resolved", "overdue")


def stats_rows(stats: PublishedStats) -> list[list[str]]:
    """Every figure as (group, item, code, measure, value, unit, mark), after the header."""
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
    rows += [
        ("满意度", "全部", "", "参与评价", stats.rated, "件"),
        ("满意度", "全部", "", "满意率（满意和基本满意）", stats.satisfaction_percent, "%"),
        *(("满意度", c.label, c.key, "评价", c.figure, "件") for c in stats.by_rating),
        ("复核", "全部", "", "申请复核", stats.appeals, "件"),
    ]
    if stats.verified:
        rows += _verified_rows(stats.verified)
    for row in stats.by_month:
        for attribute, measure in MONTH_MEASURES:
            rows.append(
                ("按月份", row.month.label, row.month.key, measure, getattr(row, attribute), "件")
            )
    for group, counts in _groups(stats):
        for c in counts:
            rows.append((group, c.label, c.key, "收到举报", c.figure, "件"))
            rows.append((group, c.label, c.key, "占比", c.percent, "%"))
    return [CSV_HEADER] + [[stats.period.label, *_cells(row)] for row in rows]


def stats_csv(stats: PublishedStats) -> str:
    """UTF-8 text with a byte-order mark, which Excel needs to read Chinese correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, lineterminator="\r\n").writerows(stats_rows(stats))
    return buffer.getvalue()


def stats_document(stats: PublishedStats) -> dict:
    return {
        "period": {
            "label": stats.period.label,
            "first_month": stats.period.first.key,
            "last_month": stats.period.last.key,
            "year": stats.period.year,
        },
        "as_of": stats.as_of.isoformat(),
        "disclosure": {
            "in_progress_month": stats.in_progress.key,
            "threshold": stats.threshold,
            "marks": {
                "small": f"1–{stats.threshold - 1} 件，不公布确数",
                "complementary": "为防止由合计推算出小数而不公布",
            },
        },
        "time_limits_days": {
            "acceptance": stats.limits.accept_days,
            "resolution_after_acceptance": stats.limits.resolve_days,
        },
        "totals": {name: getattr(stats, name).value for name in TOTALS},
        "totals_suppressed": _marks({name: getattr(stats, name) for name in TOTALS}),
        "median_days": {
            "acceptance": _number(stats.median_accept_days),
            "resolution": _number(stats.median_resolve_days),
        },
        "within_time_limits": {
            "acceptance": _timeliness(stats.accepted_in_time),
            "resolution": _timeliness(stats.resolved_in_time),
        },
        "by_month": [
            {"month": row.month.key}
            | {a: getattr(row, a).value for a, _ in MONTH_MEASURES}
            | {"suppressed": _marks({a: getattr(row, a) for a, _ in MONTH_MEASURES})}
            for row in stats.by_month
        ],
        "by_category": _counts(stats.by_category),
        "by_district": _counts(stats.by_district),
        "by_channel": _counts(stats.by_channel),
        "by_status": _counts(stats.by_status),
        "satisfaction": {
            "rated": stats.rated.value,
            "percent": _number(stats.satisfaction_percent),
            "by_rating": _counts(stats.by_rating),
            "suppressed": _marks({"rated": stats.rated}),
        },
        "appeals": {"count": stats.appeals.value, "suppressed": _marks({"count": stats.appeals})},
    } | ({"verified_rate": _verified_document(stats.verified)} if stats.verified else {})


def _verified_rows(verified: PublishedVerifiedRate) -> list[tuple]:
    rows: list[tuple] = [
        ("查实率", "全部", "", "作出办理结论", verified.overall.concluded, "件"),
        ("查实率", "全部", "", "查实率（属实和部分属实）", verified.overall.percent, "%"),
        *(("办理结论", c.label, c.key, "办结", c.figure, "件") for c in verified.by_conclusion),
    ]
    for group, table in _verified_groups(verified):
        for r in table:
            rows.append((group, r.label, r.key, "作出办理结论", r.concluded, "件"))
            rows.append((group, r.label, r.key, "查实率", r.percent, "%"))
            rows.append((group, r.label, r.key, "未记录办理结论", r.unrecorded, "件"))
    return rows


def _verified_groups(verified: PublishedVerifiedRate):
    return [
        ("查实率按类别", verified.by_category),
        ("查实率按区县", verified.by_district),
        ("查实率按承办部门", verified.by_department),
    ]


def _verified_document(verified: PublishedVerifiedRate) -> dict:
    def row(r: PublishedRateRow) -> dict:
        return {
            "code": r.key,
            "name": r.label,
            "concluded": r.concluded.value,
            "percent": _number(r.percent),
            "unrecorded": r.unrecorded.value,
            "suppressed": _marks({"concluded": r.concluded, "unrecorded": r.unrecorded}),
        }

    return {
        "definition": "（属实 + 部分属实）/ 作出办理结论；未记录结论的不计入",
        "overall": row(verified.overall),
        "by_conclusion": _counts(verified.by_conclusion),
        "by_category": [row(r) for r in verified.by_category],
        "by_district": [row(r) for r in verified.by_district],
        "by_department": [row(r) for r in verified.by_department],
    }


def _groups(stats: PublishedStats) -> list[tuple[str, list[PublishedCount]]]:
    return [
        ("按类别", stats.by_category),
        ("按区县", stats.by_district),
        ("按渠道", stats.by_channel),
        ("按状态", stats.by_status),
    ]


def _counts(counts: list[PublishedCount]) -> list[dict]:
    return [
        {
            "code": c.key,
            "name": c.label,
            "count": c.figure.value,
            "percent": _number(c.percent),
            "suppressed": c.figure.mark,
        }
        for c in counts
    ]


def _timeliness(timeliness: PublishedTimeliness) -> dict:
    return {
        "on_time": timeliness.on_time.value,
        "due": timeliness.due.value,
        "percent": _number(timeliness.percent),
        "suppressed": _marks({"on_time": timeliness.on_time, "due": timeliness.due}),
    }


def _marks(figures: dict[str, Figure]) -> dict[str, str]:
    """Which of the figures are not published, and why (small / complementary)."""
    return {name: f.mark for name, f in figures.items() if not f.published}


def _cells(row: tuple) -> list[str]:
    *head, value, unit = row
    if isinstance(value, Figure):
        return [*map(_cell, head), _cell(value.value), unit, "" if value.published else value.text]
    return [*map(_cell, head), _cell(value), unit, ""]


def _cell(value) -> str:
    return "" if value is None else str(value)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
