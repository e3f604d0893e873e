"""The one way to page a list, in two kinds.

- Numbered pages (`?page=`) for the public lists people cite by page number: bulletins,
  exposures, outcomes. `numbered_page` counts first, so a number past the end is PageNotFound
  before any OFFSET is run; `parse_page_number` reads the number from the URL.
- Keyset pages for lists that grow while they are read, or are too long to count: the API
  (`?cursor=`), the moderation queue (`?after=`), the audit log (`?before=`). `keyset_page`
  continues after the sort key of the last record shown, so a record inserted or removed
  between two pages never shifts one: nothing is seen twice and nothing is skipped. The key
  travels as a cursor (common.cursor): `Page.next_cursor`.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select, tuple_

from ...extensions import db
from .cursor import InvalidCursor, decode_cursor, encode_cursor
from .errors import NotFound

T = TypeVar("T")
U = TypeVar("U")

# ASCII digits only (str.isdigit() also accepts "²"), and few enough that int() is cheap.
PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


class PageNotFound(NotFound):
    """A page number past the end of the list."""


class InvalidPageNumber(ValueError):
    """A page number that is not a positive whole number; the message is Chinese."""


def parse_page_number(text: str | None) -> int:
    """The page asked for in `?page=`; no value means page 1. Raises InvalidPageNumber."""
    text = (text or "1").strip()
    if not PAGE_NUMBER.fullmatch(text) or int(text) < 1:
        raise InvalidPageNumber("页码应为正整数。")
    return int(text)


@dataclass(frozen=True)
class NumberedPage(Generic[T]):
    items: list[T]
    page: int  # 1-based
    pages: int  # at least 1: an empty list is one empty page, not a missing one
    total: int

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None

    def map(self, convert: Callable[[T], U]) -> "NumberedPage[U]":
        """The same page with each item converted (rows into view records)."""
        return replace(self, items=[convert(item) for item in self.items])


def numbered_page(query: Select, page: int, size: int) -> NumberedPage:
    """Page `page` of `query`, in the query's order. Raises PageNotFound past the end."""
    counted = select(func.count()).select_from(query.order_by(None).subquery())
    total = db.session.scalar(counted)
    pages = max(1, -(-total // size))
    if not 1 <= page <= pages:
        raise PageNotFound(page)
    return NumberedPage(_fetch(query.limit(size).offset((page - 1) * size)), page, pages, total)


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_key: tuple | None  # the sort key to continue after; None on the last page

    @property
    def next_cursor(self) -> str | None:
        """The next page's position, as the token a `next` link carries."""
        return None if self.next_key is None else encode_cursor(self.next_key)

    def map(self, convert: Callable[[T], U]) -> "Page[U]":
        return replace(self, items=[convert(item) for item in self.items])


def keyset_page(
    query: Select,
    key_columns: Sequence[Any],
    after: tuple | None,
    limit: int | None,
    *,
    descending: bool = False,
) -> Page:
    """The rows of `query` (not yet ordered) whose key sorts after `after`, in key order, at
    most `limit` (None: all of them). The key columns must identify a row (end with its id)
    and be attributes of what the query selects: the next key is read back from the last row
    by their names."""
    if after is not None:
        query = query.where(keyset_condition(key_columns, after, descending=descending))
    query = query.order_by(*(column.desc() if descending else column for column in key_columns))
    if limit is not None:
        query = query.limit(limit + 1)
    rows = _fetch(query)
    return _cut(rows, lambda row: tuple(getattr(row, c.key) for c in key_columns), limit)


def keyset_condition(key_columns: Sequence[Any], after: tuple, *, descending: bool = False):
    """The rows after the key `after`, as a row-value comparison: SQLite and PostgreSQL both
    take it as an index bound (the equivalent OR of ANDs is not)."""
    if len(key_columns) == 1:
        column, bound = key_columns[0], after[0]
    else:
        column, bound = tuple_(*key_columns), tuple(after)
    return column < bound if descending else column > bound


def in_memory_page(
    items: list[T], key: Callable[[T], tuple], after: tuple | None, limit: int | None
) -> Page[T]:
    """keyset_page for a short list the services load whole (the plan's sections, its
    commitments, …): the same pages and cursors, sorted and cut in Python."""
    ordered = sorted(items, key=key)
    if after is not None:
        ordered = [item for item in ordered if key(item) > after]
    return _cut(ordered, key, limit)


def start_after(cursor: str | None, types: tuple[type, ...]) -> tuple | None:
    """The position in a staff list's cursor; None (the first page) for a cursor that cannot
    be read, such as a stale bookmark: staff lists start afresh rather than fail."""
    try:
        return decode_cursor(cursor, types) if cursor else None
    except InvalidCursor:
        return None


def _cut(rows: list[T], key: Callable[[T], tuple], limit: int | None) -> Page[T]:
    """`rows` fetched with one extra beyond `limit`: the extra one says a next page exists."""
    if limit is None or len(rows) <= limit:
        return Page(rows, None)
    shown = rows[:limit]
    return Page(shown, key(shown[-1]))


def _fetch(query: Select) -> list:
    """The objects of a one-entity select; rows (read by column name) of a select of columns."""
    if len(query.column_descriptions) == 1:
        return list(db.session.scalars(query))
    return list(db.session.execute(query))
