"""The one cursor codec: a keyset position (the sort key of the last record shown) as an opaque
URL-safe token, for the open-data API's `?cursor=`, the moderation queue's `?after=` and the
audit log's `?before=`.

A cursor is URL-safe base64 (no padding) of a JSON array. Decoding checks the key's shape and
the type of each part against what the list sorts by, so a hand-made or stale cursor is
refused (InvalidCursor) rather than reaching the database as a wrongly typed bound.
"""

import base64
import binascii
import json
import re
from datetime import UTC, date, datetime

MAX_CURSOR_LENGTH = 2000  # a key may hold a 200-character name: ~900 characters encoded
LARGEST_KEY = 2**62
CURSOR_PATTERN = "^[A-Za-z0-9_-]+$"  # URL-safe base64 without padding

KeyPart = str | int | date | datetime


class InvalidCursor(ValueError):
    """A cursor this site did not hand out (or one for another list)."""


def encode_cursor(key: tuple[KeyPart, ...]) -> str:
    """Times travel as ISO 8601 in UTC (microseconds kept), days as YYYY-MM-DD."""
    parts = [_json_part(value) for value in key]
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _json_part(value: KeyPart) -> str | int:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


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
    return tuple(_key_part(value, kind) for value, kind in zip(key, types, strict=True))


def _key_part(value: object, kind: type) -> KeyPart:
    if kind is datetime:
        return _moment(value)
    if kind is date:
        return _day(value)
    # bool is an int to Python, but never a valid key part
    if isinstance(value, bool) or not isinstance(value, kind):
        raise InvalidCursor("cursor type")
    if isinstance(value, int) and not -LARGEST_KEY <= value <= LARGEST_KEY:
        raise InvalidCursor("cursor number")  # beyond what a database column holds
    return value


def _moment(value: object) -> datetime:
    """Only an aware time: a naive one would compare as some other moment."""
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment
    raise InvalidCursor("time in cursor")


def _day(value: object) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidCursor("date in cursor")
