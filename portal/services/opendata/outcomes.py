"""Published outcomes of handled reports for the open-data API: newest first, paged by
(published_at, id) in the database, since this list grows without bound.

As on /reports/outcomes (services.published_outcomes), rows are built from named columns only:
a report's description, place, subject and contact details are never loaded.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ...clock import CITY_TZ
from ...extensions import db
from ...models import Department, PublishedOutcome, Report, ReportCategory
from ..common.paging import Page, keyset_page
from ..reports.outcomes import OutcomeEntry

KEY = (PublishedOutcome.published_at, PublishedOutcome.id)
KEY_TYPES = (datetime, int)  # the cursor carries the time in UTC, ISO 8601


@dataclass(frozen=True)
class ApiOutcome:
    id: int
    entry: OutcomeEntry  # what the public page shows
    category_code: str
    is_sample: bool


def _columns():
    return (
        select(
            PublishedOutcome.id,
            Report.number,
            ReportCategory.code.label("category_code"),
            ReportCategory.name.label("category"),
            Report.district,
            Report.submitted_at,
            Report.decided_at,
            Report.resolved_at,
            Department.name.label("department"),
            Report.conclusion,
            Report.is_sample,
            PublishedOutcome.published_at,
            PublishedOutcome.summary,
            PublishedOutcome.result,
        )
        .join(PublishedOutcome.report)
        .join(Report.category)
        .outerjoin(Department, Department.id == Report.department_id)
    )


def outcomes_after(filters: dict[str, Any], after: tuple | None, limit: int | None) -> Page:
    """Outcomes matching `filters`, newest first, after the key `after`."""
    query = _columns()
    if "category" in filters:
        query = query.where(ReportCategory.code == filters["category"])
    if "district" in filters:
        query = query.where(Report.district == filters["district"])
    return keyset_page(query, KEY, after, limit, descending=True).map(_outcome)


def find_outcome(number: str) -> ApiOutcome | None:
    row = db.session.execute(_columns().where(Report.number == number)).first()
    return _outcome(row) if row else None


def _outcome(row) -> ApiOutcome:
    entry = OutcomeEntry(
        number=row.number,
        category=row.category,
        district=row.district,
        submitted_on=row.submitted_at.astimezone(CITY_TZ).date(),
        accepted_on=row.decided_at.astimezone(CITY_TZ).date() if row.decided_at else None,
        resolved_on=row.resolved_at.astimezone(CITY_TZ).date() if row.resolved_at else None,
        department=row.department,
        conclusion=row.conclusion,
        published_at=row.published_at,
        summary=row.summary,
        result=row.result,
    )
    return ApiOutcome(row.id, entry, row.category_code, row.is_sample)
