"""Cursor pagination for the open-data API (keyset, not offset).

A cursor is the sort key of the last record of a page, as URL-safe base64 of a JSON array. The
next page holds the records whose key sorts after it, so a record inserted or removed meanwhile
never shifts a page: nothing is seen twice and nothing already listed is skipped.
"""

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_CURSOR_LENGTH = 2000  # a key may hold a 200-character name: ~900 characters encoded
LARGEST_KEY = 2**62
CURSOR_PATTERN = "^[A-Za-z0-9_-]+$"  # URL-safe base64 without padding

T = TypeVar("T")


class InvalidCursor(ValueError):
    """A cursor this API did not hand out (or one for another list)."""


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_key: tuple | None  # the key to continue after, None on the last page


def encode_cursor(key: tuple) -> str:
    text = json.dumps(list(key), ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, types: tuple[type, ...]) -> tuple:
    """The key in `cursor`, checked against the key's shape. Raises InvalidCursor."""
    if len(cursor) > MAX_CURSOR_LENGTH or not re.match(CURSOR_PATTERN, cursor):
        raise InvalidCursor("cursor characters")
    try:
        data = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(data.decode())
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidCursor("cursor encoding") from error
    if not isinstance(key, list) or len(key) != len(types):
        raise InvalidCursor("cursor shape")
    for value, kind in zip(key, types, strict=True):
        # bool is an int to Python, but never a valid key part
        if isinstance(value, bool) or not isinstance(value, kind):
            raise InvalidCursor("cursor type")
        if isinstance(value, int) and not -LARGEST_KEY <= value <= LARGEST_KEY:
            raise InvalidCursor("cursor number")  # beyond what a database column holds
    return tuple(key)


def keyset_page(
    items: Iterable[T], key: Callable[[T], tuple], after: tuple | None, limit: int | None
) -> Page[T]:
    """Records sorted by `key`, those after `after`, at most `limit` (None: all of them)."""
    ordered = sorted(items, key=key)
    if after is not None:
        ordered = [item for item in ordered if key(item) > after]
    return page_of(ordered, key, limit)


def page_of(rows: list[T], key: Callable[[T], tuple], limit: int | None) -> Page[T]:
    """`rows` fetched with one extra beyond `limit`: the extra one says a next page exists."""
    if limit is None or len(rows) <= limit:
        return Page(rows, None)
    shown = rows[:limit]
    return Page(shown, key(shown[-1]))
