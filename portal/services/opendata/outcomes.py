"""Published outcomes of handled reports for the open-data API: newest first, paged by
(published_at, id) in the database, since this list grows without bound.

As on /reports/outcomes (services.published_outcomes), rows are built from named columns only:
a report's description, place, subject and contact details are never loaded.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, or_, select

from ...clock import CITY_TZ
from ...extensions import db
from ...models import PublishedOutcome, Report, ReportCategory
from ..reports.outcomes import OutcomeEntry
from .cursor import InvalidCursor, Page, page_of

# The cursor holds the publication time (UTC, ISO 8601, microseconds kept) and the id.
KEY_TYPES = (str, int)


@dataclass(frozen=True)
class ApiOutcome:
    id: int
    entry: OutcomeEntry  # what the public page shows
    category_code: str
    is_sample: bool

    @property
    def key(self) -> tuple[str, int]:
        return (self.entry.published_at.astimezone(UTC).isoformat(), self.id)


def _columns():
    return (
        select(
            PublishedOutcome.id,
            Report.number,
            ReportCategory.code.label("category_code"),
            ReportCategory.name.label("category"),
            Report.district,
            Report.submitted_at,
            Report.resolved_at,
            Report.is_sample,
            PublishedOutcome.published_at,
            PublishedOutcome.summary,
            PublishedOutcome.result,
        )
        .join(PublishedOutcome.report)
        .join(Report.category)
    )


def outcomes_after(filters: dict[str, Any], after: tuple | None, limit: int | None) -> Page:
    """Outcomes matching `filters`, newest first, after the key `after`. Raises InvalidCursor
    for a key whose time cannot be read."""
    query = _columns()
    if "category" in filters:
        query = query.where(ReportCategory.code == filters["category"])
    if "district" in filters:
        query = query.where(Report.district == filters["district"])
    if after is not None:
        published_at, outcome_id = published_at_of(after[0]), after[1]
        query = query.where(
            or_(
                PublishedOutcome.published_at < published_at,
                and_(
                    PublishedOutcome.published_at == published_at,
                    PublishedOutcome.id < outcome_id,
                ),
            )
        )
    query = query.order_by(PublishedOutcome.published_at.desc(), PublishedOutcome.id.desc())
    if limit is not None:
        query = query.limit(limit + 1)
    rows = [_outcome(row) for row in db.session.execute(query)]
    return page_of(rows, lambda o: o.key, limit)


def find_outcome(number: str) -> ApiOutcome | None:
    row = db.session.execute(_columns().where(Report.number == number)).first()
    return _outcome(row) if row else None


def published_at_of(text: str) -> datetime:
    """The publication time a cursor holds; InvalidCursor unless it is an aware ISO time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidCursor("time in cursor") from None
    if moment.tzinfo is None:
        raise InvalidCursor("naive time in cursor")
    return moment


def _outcome(row) -> ApiOutcome:
    entry = OutcomeEntry(
        number=row.number,
        category=row.category,
        district=row.district,
        submitted_on=row.submitted_at.astimezone(CITY_TZ).date(),
        resolved_on=row.resolved_at.astimezone(CITY_TZ).date() if row.resolved_at else None,
        published_at=row.published_at,
        summary=row.summary,
        result=row.result,
    )
    return ApiOutcome(row.id, entry, row.category_code, row.is_sample)
