"""Published bulletins for the open-data API and the bulletins feed: newest publication first,
paged by (published_at, id) in the database.

What is public is decided as in services.bulletin_queries: a PUBLISHED bulletin, nothing else
(a draft or a withdrawn bulletin is simply not there).
"""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...clock import CITY_TZ
from ...extensions import db
from ...models import Bulletin, IndicatorValue, PublicationState
from ..common.paging import Page, keyset_page

KEY = (Bulletin.published_at, Bulletin.id)
KEY_TYPES = (datetime, int)  # the cursor carries the time in UTC, ISO 8601


def _published():
    return (
        select(Bulletin)
        .where(Bulletin.state == PublicationState.PUBLISHED)
        .options(
            selectinload(Bulletin.values).joinedload(IndicatorValue.indicator),
            selectinload(Bulletin.attachments),
            selectinload(Bulletin.revisions),
            joinedload(Bulletin.replaced_by),
        )
    )


def bulletins_after(filters: dict[str, Any], after: tuple | None, limit: int | None) -> Page:
    """Published bulletins matching `filters` (kind; year of publication in the city), newest
    first, after the key `after`."""
    query = _published()
    if "kind" in filters:
        query = query.where(Bulletin.kind == filters["kind"])
    if "year" in filters:
        start = datetime(filters["year"], 1, 1, tzinfo=CITY_TZ)
        end = datetime(filters["year"] + 1, 1, 1, tzinfo=CITY_TZ)
        query = query.where(Bulletin.published_at >= start, Bulletin.published_at < end)
    return keyset_page(query, KEY, after, limit, descending=True)


def find_bulletin(index_number: str) -> Bulletin | None:
    return db.session.scalar(_published().where(Bulletin.index_number == index_number))
