"""The public list of handled reports (/reports/outcomes): the redacted summaries moderators
chose to publish, newest first.

Each entry is built from named columns only — the report's own description, place, subject
and contact details are never loaded, so no template can show them by mistake.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from ...clock import local_date
from ...extensions import db
from ...models import District, PublishedOutcome, Report, ReportCategory
from ..common.errors import NotFound
from ..common.paging import NumberedPage, numbered_page

PAGE_SIZE = 20


class OutcomeNotFound(NotFound):
    """No published outcome for that report number (none yet, or withdrawn)."""


@dataclass(frozen=True)
class OutcomeEntry:
    number: str
    category: str
    district: District
    submitted_on: date
    resolved_on: date | None
    published_at: datetime
    summary: str
    result: str
    is_sample: bool = False  # a demonstration record, labelled wherever it is shown


def outcomes_page(page: int = 1) -> NumberedPage[OutcomeEntry]:
    """One page of published outcomes, newest first. Raises PageNotFound past the end."""
    query = _columns().order_by(PublishedOutcome.published_at.desc(), PublishedOutcome.id.desc())
    return numbered_page(query, page, PAGE_SIZE).map(_entry)


def published_outcome(number: str) -> OutcomeEntry:
    """The published outcome of report `number`; OutcomeNotFound if there is none."""
    row = db.session.execute(_columns().where(Report.number == number)).first()
    if row is None:
        raise OutcomeNotFound(number)
    return _entry(row)


def _columns():
    return (
        select(
            Report.number,
            ReportCategory.name.label("category"),
            Report.district,
            Report.submitted_at,
            Report.resolved_at,
            PublishedOutcome.published_at,
            PublishedOutcome.summary,
            PublishedOutcome.result,
            Report.is_sample,
        )
        .join(PublishedOutcome.report)
        .join(Report.category)
    )


def _entry(row) -> OutcomeEntry:
    return OutcomeEntry(
        number=row.number,
        category=row.category,
        district=row.district,
        submitted_on=local_date(row.submitted_at),
        resolved_on=local_date(row.resolved_at) if row.resolved_at else None,
        published_at=row.published_at,
        summary=row.summary,
        result=row.result,
        is_sample=row.is_sample,
    )
