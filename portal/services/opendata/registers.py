"""The public registers for the open-data API: exposures (曝光台), the phase-out list and
enterprises, under the same public rules as their pages.

- Exposures: published records; withdrawn ones only when asked for (as on /exposures), and
  then with their reason. Newest publication first, paged by (published_on, id) in SQL.
- Phase-out items: read through services.phase_out (its status rule and filters), ordered by
  deadline for a stable cursor (the page puts overdue items first, which changes with time).
- Enterprises: every enterprise, by name, as on /enterprises.
"""

import re
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from ...extensions import db
from ...models import Enterprise, Exposure, PhaseOutItem, RecordState
from ..common.paging import Page, in_memory_page, keyset_page
from ..registers import phase_out as phase_out_service
from ..registers.enterprises import list_enterprises

EXPOSURE_KEY = (Exposure.published_on, Exposure.id)
EXPOSURE_KEY_TYPES = (date, int)
RECORD_NUMBER = re.compile(r"^[1-9][0-9]{0,9}$")


def record_id(key: str) -> int | None:
    """A record number from a URL, or None (never a number too large for the database)."""
    return int(key) if RECORD_NUMBER.match(key) and int(key) < 2**31 else None


def _exposures():
    return (
        select(Exposure)
        .join(Exposure.enterprise)
        .options(contains_eager(Exposure.enterprise), selectinload(Exposure.revisions))
    )


def exposures_after(filters: dict[str, Any], after: tuple | None, limit: int | None) -> Page:
    query = _exposures()
    if not filters.get("withdrawn"):
        query = query.where(Exposure.state == RecordState.PUBLISHED)
    if "year" in filters:
        year = filters["year"]
        query = query.where(
            Exposure.published_on >= date(year, 1, 1), Exposure.published_on < date(year + 1, 1, 1)
        )
    for name, column in (
        ("district", Enterprise.district),
        ("industry", Enterprise.industry),
        ("violation", Exposure.violation_type),
        ("rectification", Exposure.rectification),
    ):
        if name in filters:
            query = query.where(column == filters[name])
    return keyset_page(query, EXPOSURE_KEY, after, limit, descending=True)


def find_exposure(key: str) -> Exposure | None:
    """Any exposure by its number, withdrawn ones included: their page stays public."""
    number = record_id(key)
    return None if number is None else db.session.scalar(_exposures().where(Exposure.id == number))


def phase_out_items(filters: dict[str, Any], today: date) -> list:
    """(item, status) pairs matching the filters."""
    chosen = phase_out_service.PhaseOutFilters(
        industry=filters.get("industry"),
        category=filters.get("category"),
        status=filters.get("status"),
    )
    return phase_out_service.phase_out_list(chosen, today).items


def find_phase_out_item(key: str, today: date):
    number = record_id(key)
    item = None if number is None else db.session.get(PhaseOutItem, number)
    return None if item is None else (item, phase_out_service.status_of(item, today))


def enterprises(filters: dict[str, Any]) -> list[Enterprise]:
    return [
        e
        for e in list_enterprises()
        if filters.get("district") in (None, e.district)
        and filters.get("industry") in (None, e.industry)
    ]


def find_enterprise(key: str) -> Enterprise | None:
    number = record_id(key)
    return None if number is None else db.session.get(Enterprise, number)


def phase_out_page(filters, after, limit, today: date) -> Page:
    return in_memory_page(
        phase_out_items(filters, today),
        lambda pair: (pair[0].deadline.isoformat(), pair[0].id),
        after,
        limit,
    )
