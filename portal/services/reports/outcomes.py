"""The public list of handled reports (/reports/outcomes): the redacted summaries moderators
chose to publish, newest first, filtered by category, district, department, 办理结论 and the
month of the reply (答复).

Each entry is built from named columns only — the report's own description, place, subject
and contact details are never loaded, so no template can show them by mistake.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from ...clock import local_date
from ...extensions import db
from ...models import Conclusion, Department, District, PublishedOutcome, Report, ReportCategory
from ..common.errors import NotFound
from ..common.paging import NumberedPage, numbered_page
from .outcome_filters import OutcomeFilters

PAGE_SIZE = 20
_department = aliased(Department)


class OutcomeNotFound(NotFound):
    """No published outcome for that report number (none yet, or withdrawn)."""


@dataclass(frozen=True)
class OutcomeEntry:
    number: str
    category: str
    district: District
    submitted_on: date
    accepted_on: date | None  # 受理日期
    resolved_on: date | None  # 答复日期: the first resolution
    department: str | None  # 承办部门
    conclusion: Conclusion | None  # 办理结论
    published_at: datetime
    summary: str
    result: str
    is_sample: bool = False  # a demonstration record, labelled wherever it is shown


def outcomes_page(
    page: int = 1, filters: OutcomeFilters | None = None
) -> NumberedPage[OutcomeEntry]:
    """One page of published outcomes matching `filters`, newest first. Raises PageNotFound
    past the end."""
    query = _columns().where(*(filters or OutcomeFilters()).conditions(Report, _department))
    query = query.order_by(PublishedOutcome.published_at.desc(), PublishedOutcome.id.desc())
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
            Report.decided_at,
            Report.resolved_at,
            _department.name.label("department"),
            Report.conclusion,
            PublishedOutcome.published_at,
            PublishedOutcome.summary,
            PublishedOutcome.result,
            Report.is_sample,
        )
        .join(PublishedOutcome.report)
        .join(Report.category)
        .outerjoin(_department, and_(_department.id == Report.department_id))
    )


def _entry(row) -> OutcomeEntry:
    return OutcomeEntry(
        number=row.number,
        category=row.category,
        district=row.district,
        submitted_on=local_date(row.submitted_at),
        accepted_on=local_date(row.decided_at) if row.decided_at else None,
        resolved_on=local_date(row.resolved_at) if row.resolved_at else None,
        department=row.department,
        conclusion=row.conclusion,
        published_at=row.published_at,
        summary=row.summary,
        result=row.result,
        is_sample=row.is_sample,
    )
