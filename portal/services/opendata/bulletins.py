"""Published bulletins for the open-data API and the bulletins feed: newest publication first,
paged by (published_at, id) in the database.

What is public is decided as in services.bulletin_queries: a PUBLISHED bulletin, nothing else
(a draft or a withdrawn bulletin is simply not there).
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ...clock import CITY_TZ
from ...extensions import db
from ...models import Bulletin, IndicatorValue, PublicationState
from .cursor import Page, page_of
from .outcomes import KEY_TYPES, published_at_of

__all__ = ["KEY_TYPES", "bulletins_after", "find_bulletin", "key_of"]


def key_of(bulletin: Bulletin) -> tuple[str, int]:
    return (bulletin.published_at.astimezone(UTC).isoformat(), bulletin.id)


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
    first, after the key `after`. Raises InvalidCursor for a key whose time cannot be read."""
    query = _published()
    if "kind" in filters:
        query = query.where(Bulletin.kind == filters["kind"])
    if "year" in filters:
        start = datetime(filters["year"], 1, 1, tzinfo=CITY_TZ)
        end = datetime(filters["year"] + 1, 1, 1, tzinfo=CITY_TZ)
        query = query.where(Bulletin.published_at >= start, Bulletin.published_at < end)
    if after is not None:
        moment, bulletin_id = published_at_of(after[0]), after[1]
        query = query.where(
            or_(
                Bulletin.published_at < moment,
                and_(Bulletin.published_at == moment, Bulletin.id < bulletin_id),
            )
        )
    query = query.order_by(Bulletin.published_at.desc(), Bulletin.id.desc())
    if limit is not None:
        query = query.limit(limit + 1)
    return page_of(list(db.session.scalars(query)), key_of, limit)


def find_bulletin(index_number: str) -> Bulletin | None:
    return db.session.scalar(_published().where(Bulletin.index_number == index_number))
