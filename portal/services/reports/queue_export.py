"""The moderation queue, as filtered on screen, as a CSV (UTF-8 with BOM, for Excel) or XLSX
download for moderators. Never any contact detail or the reporter's own location; every
export is audited with its filter. Capped at EXPORT_LIMIT reports: a larger queue is refused
with a message to narrow the filter (the page says so), never cut silently."""

import csv
import io
from dataclasses import asdict
from datetime import datetime

from ...clock import CITY_TZ
from ...database import begin_write
from ...extensions import db
from ..common import audit
from ..common.audit import Actor, Target
from ..common.spreadsheet import cell
from ..opendata.xlsx_export import table_xlsx
from .deadlines import TimeLimits, overdue_reason
from .due import days_left
from .queue import QueueFilters, queue_query

EXPORT_LIMIT = 5000
HEADER = (
    "举报编号", "提交时间", "渠道", "类别", "区县", "问题发生地", "主题", "承办部门", "状态",
    "剩余天数", "逾期", "督办", "督办期限", "催办",
)  # fmt: skip
NUMERIC = tuple(h == "剩余天数" for h in HEADER)


class TooManyToExport(ValueError):
    pass


def export_rows(filters: QueueFilters, now: datetime, limits: TimeLimits) -> list[tuple]:
    reports = db.session.scalars(queue_query(filters, now, limits).limit(EXPORT_LIMIT + 1)).all()
    if len(reports) > EXPORT_LIMIT:
        raise TooManyToExport(
            f"筛选结果超过 {EXPORT_LIMIT} 件，无法一次导出，请缩小筛选范围（如按提交日期分段）。"
        )
    return [
        (
            r.number,
            r.submitted_at.astimezone(CITY_TZ).strftime("%Y-%m-%d %H:%M"),
            r.channel.label,
            r.category.name,
            r.district.label,
            r.place,
            r.subject or "",
            r.department.name if r.department else "",
            r.status.label,
            days_left(r, now),
            overdue_reason(r, now, limits) or "",
            "是" if r.supervised else "",
            r.supervise_deadline.isoformat() if r.supervise_deadline else "",
            "是" if r.urged else "",
        )
        for r in reports
    ]


def export_queue(
    filters: QueueFilters, fmt: str, *, actor: Actor, now: datetime, limits: TimeLimits
) -> bytes:
    """The file's bytes; raises TooManyToExport. `fmt` is "csv" or "xlsx"."""
    rows = export_rows(filters, now, limits)
    data = table_xlsx("举报", HEADER, rows, NUMERIC) if fmt == "xlsx" else _csv(rows)
    begin_write()
    shown = {k: str(v) for k, v in asdict(filters).items() if v not in (None, False, "")}
    audit.record(
        "report_queue_exported", actor, Target("report_queue", fmt), rows=len(rows), filters=shown
    )
    db.session.commit()
    return data


def _csv(rows: list[tuple]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([cell(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
