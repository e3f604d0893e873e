"""Reading the audit log: filters, keyset pages (newest first), and the CSV export."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ...clock import CITY_TZ
from ...extensions import db
from ...models import AuditEntry
from ..common.paging import Page, keyset_page, start_after
from ..common.spreadsheet import cell

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


def audit_page(filters: AuditFilters, cursor: str | None) -> Page[AuditEntry]:
    """Newest first; `cursor` (the page link's `?before=`) continues after the last entry of
    the page before."""
    after = start_after(cursor, (int,))
    return keyset_page(_query(filters), (AuditEntry.id,), after, PAGE_SIZE, descending=True)


CSV_COLUMNS = ["id", "时间", "操作人", "操作", "对象类型", "对象", "IP", "详情"]


def audit_csv(filters: AuditFilters) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel needs the BOM to read UTF-8 Chinese
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in db.session.scalars(_query(filters).order_by(AuditEntry.id)):
        # Names, addresses and details come from outside (a username, a forwarded address):
        # each cell is made safe to open in a spreadsheet.
        writer.writerow(
            [
                cell(value)
                for value in (
                    entry.id,
                    entry.created_at.astimezone(CITY_TZ).isoformat(timespec="seconds"),
                    entry.actor_name,
                    entry.action,
                    entry.target_type,
                    entry.target_id,
                    entry.ip,
                    _details(entry.details),
                )
            ]
        )
    return out.getvalue()


def _details(details: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in sorted((details or {}).items()))
