"""What the public exposure pages read: the list (/exposures) with its filters, read from the
query string (an unknown value is an error, never silently ignored), one record, and its
earlier versions (/exposures/<id>/revisions/<n>).

A page costs the same few queries however many records it shows: a count, the rows with
their enterprises joined in, the range of years and the violation type names.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload

from ...extensions import db
from ...models import (
    District,
    Enterprise,
    Exposure,
    Industry,
    PublishedOutcome,
    RecordState,
    Rectification,
    Report,
)
from ..common.paging import NumberedPage, numbered_page
from .exposures import violation_code
from .fields import InvalidFilter, RecordNotFound, choice_filter

PAGE_SIZE = 20


@dataclass(frozen=True)
class ExposureFilters:
    year: int | None = None
    district: District | None = None
    industry: Industry | None = None
    violation: str | None = None  # a violation type code
    rectification: Rectification | None = None
    include_withdrawn: bool = False

    def query_args(self) -> dict[str, str]:
        """The filters as query parameters, for the pager's links."""
        values = {
            "year": self.year,
            "district": self.district and self.district.value,
            "industry": self.industry and self.industry.value,
            "violation": self.violation,
            "rectification": self.rectification and self.rectification.value,
            "withdrawn": "1" if self.include_withdrawn else None,
        }
        return {k: str(v) for k, v in values.items() if v}

    @property
    def active(self) -> bool:
        return bool(self.query_args())


def parse_filters(args: Mapping[str, str], names: dict[str, str]) -> ExposureFilters:
    year = (args.get("year") or "").strip()
    if year and not (year.isdigit() and len(year) == 4 and 2000 <= int(year) <= 2100):
        raise InvalidFilter(f"年份应为四位数字，例如 2008（收到“{year[:30]}”）。")
    violation = (args.get("violation") or "").strip()
    code = violation_code(violation, names) if violation else None
    if violation and code is None:
        raise InvalidFilter(f"未知的违法类型：“{violation[:30]}”。请从筛选项中选择。")
    withdrawn = (args.get("withdrawn") or "").strip()
    if withdrawn not in {"", "0", "1"}:
        raise InvalidFilter("“包括已撤回的记录”的值应为 1 或 0。")
    return ExposureFilters(
        year=int(year) if year else None,
        district=choice_filter(args, "district", District, "区县"),
        industry=choice_filter(args, "industry", Industry, "行业"),
        violation=code,
        rectification=choice_filter(args, "rectification", Rectification, "整改情况"),
        include_withdrawn=withdrawn == "1",
    )


def _conditions(filters: ExposureFilters) -> list:
    conditions = []
    if not filters.include_withdrawn:
        conditions.append(Exposure.state == RecordState.PUBLISHED)
    if filters.year:
        conditions.append(Exposure.published_on >= date(filters.year, 1, 1))
        conditions.append(Exposure.published_on < date(filters.year + 1, 1, 1))
    for column, value in (
        (Enterprise.district, filters.district),
        (Enterprise.industry, filters.industry),
        (Exposure.violation_type, filters.violation),
        (Exposure.rectification, filters.rectification),
    ):
        if value is not None:
            conditions.append(column == value)
    return conditions


def exposures_page(filters: ExposureFilters, page: int) -> NumberedPage[Exposure]:
    """One page of exposures, newest publication first. Raises PageNotFound past the end."""
    query = (
        select(Exposure)
        .join(Exposure.enterprise)
        .options(contains_eager(Exposure.enterprise))
        .where(*_conditions(filters))
        .order_by(Exposure.published_on.desc(), Exposure.id.desc())
    )
    return numbered_page(query, page, PAGE_SIZE)


def publication_years() -> list[int]:
    """Every year from the latest publication back to the earliest, for the year filter."""
    first, last = db.session.execute(
        select(func.min(Exposure.published_on), func.max(Exposure.published_on))
    ).one()
    if first is None:
        return []
    return list(range(last.year, first.year - 1, -1))


class EnterpriseRef(NamedTuple):
    id: int
    name: str


@dataclass(frozen=True)
class EarlierVersion:
    """A kept version, shaped like an Exposure so that one template shows both."""

    exposure: Exposure
    revision: int
    change: str  # "corrected" or "withdrawn": what replaced this version
    reason: str
    replaced_at: datetime
    enterprise: EnterpriseRef
    violation_type: str
    facts: str
    legal_basis: str
    penalties: list[str]
    fine_yuan: Decimal | None
    penalty_text: str
    decision_number: str
    decision_date: date
    published_on: date
    rectification: Rectification
    rectification_note: str | None

    @property
    def is_sample(self) -> bool:
        return self.exposure.is_sample


def get_exposure(exposure_id: int) -> Exposure:
    exposure = db.session.get(Exposure, exposure_id, options=[joinedload(Exposure.enterprise)])
    if exposure is None:
        raise RecordNotFound(exposure_id)
    return exposure


def earlier_version(exposure_id: int, revision: int) -> EarlierVersion:
    exposure = get_exposure(exposure_id)
    kept = next((r for r in exposure.revisions if r.revision == revision), None)
    if kept is None:
        raise RecordNotFound(revision)
    s = kept.snapshot
    return EarlierVersion(
        exposure=exposure,
        revision=kept.revision,
        change=s.get("change", "corrected"),
        reason=kept.reason,
        replaced_at=kept.corrected_at,
        enterprise=EnterpriseRef(s["enterprise_id"], s["enterprise_name"]),
        violation_type=s["violation_type"],
        facts=s["facts"],
        legal_basis=s["legal_basis"],
        penalties=list(s["penalties"]),
        fine_yuan=None if s["fine_yuan"] is None else Decimal(s["fine_yuan"]),
        penalty_text=s["penalty_text"],
        decision_number=s["decision_number"],
        decision_date=date.fromisoformat(s["decision_date"]),
        published_on=date.fromisoformat(s["published_on"]),
        rectification=Rectification(s["rectification"]),
        rectification_note=s["rectification_note"],
    )


def outcome_number(exposure: Exposure) -> str | None:
    """The number of the linked report if its outcome is published at /reports/outcomes;
    nothing else of the report leaves the staff side."""
    if exposure.report_id is None:
        return None
    return db.session.scalar(
        select(Report.number)
        .join(PublishedOutcome, PublishedOutcome.report_id == Report.id)
        .where(Report.id == exposure.report_id)
    )
