"""Reading the audit log: filters, keyset pages, and the CSV export."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ...clock import CITY_TZ
from ...extensions import db
from ...models import AuditEntry

PAGE_SIZE = 100


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    target: str = ""
    day_from: date | None = None
    day_to: date | None = None


def _query(filters: AuditFilters):
    query = select(AuditEntry)
    if filters.action:
        query = query.where(AuditEntry.action == filters.action)
    if filters.actor:
        query = query.where(AuditEntry.actor_name == filters.actor)
    if filters.target:
        query = query.where(AuditEntry.target_id == filters.target)
    if filters.day_from:
        query = query.where(AuditEntry.created_at >= _midnight(filters.day_from))
    if filters.day_to:
        query = query.where(AuditEntry.created_at < _midnight(filters.day_to + timedelta(days=1)))
    return query


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=CITY_TZ)


def audit_page(filters: AuditFilters, before_id: int | None) -> tuple[list[AuditEntry], int | None]:
    query = _query(filters)
    if before_id:
        query = query.where(AuditEntry.id < before_id)
    rows = list(db.session.scalars(query.order_by(AuditEntry.id.desc()).limit(PAGE_SIZE + 1)))
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return rows, (rows[-1].id if more else None)


CSV_COLUMNS = ["id", "时间", "操作人", "操作", "对象类型", "对象", "IP", "详情"]


def audit_csv(filters: AuditFilters) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel needs the BOM to read UTF-8 Chinese
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in db.session.scalars(_query(filters).order_by(AuditEntry.id)):
        writer.writerow(
            [
                entry.id,
                entry.created_at.astimezone(CITY_TZ).isoformat(timespec="seconds"),
                entry.actor_name,
                entry.action,
                entry.target_type or "",
                entry.target_id or "",
                entry.ip or "",
                _details(entry.details),
            ]
        )
    return out.getvalue()


def _details(details: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in sorted((details or {}).items()))
