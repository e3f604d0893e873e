"""Query parameters of the open-data API: the filters each list accepts, and their parsing.

A parameter a list does not know is refused (400), never ignored: a misspelt filter would
otherwise quietly return everything. Each filter also describes itself as a JSON Schema, so the
OpenAPI document and the parsing cannot drift apart.
"""

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ..common.cursor import InvalidCursor, decode_cursor

DEFAULT_LIMIT = 50  # records per page unless `limit` says otherwise
MAX_LIMIT = 200
DIGITS = re.compile(r"^[0-9]{1,9}$")
BOOLEANS = {"true": True, "false": False}


class ParameterError(ValueError):
    """A bad query: `code` names the problem, the messages say it in Chinese and English."""

    def __init__(self, code: str, parameter: str, message_zh: str, message_en: str):
        super().__init__(message_en)
        self.code = code
        self.parameter = parameter
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass(frozen=True)
class Filter:
    name: str
    description: str  # Chinese, with the English term where it helps
    schema: Callable[[], dict]  # JSON Schema of the value (called per request: may list codes)
    parse: Callable[[str], Any]  # raises ValueError for a value it refuses


def enum_filter(
    name: str, enum_class: type[Enum], description: str, members: Iterable[Enum] | None = None
) -> Filter:
    """One of the enumeration's values (or of `members`, a part of it)."""
    values = [member.value for member in members or enum_class]

    def parse(raw: str):
        if raw not in values:
            raise ValueError(raw)
        return enum_class(raw)

    return Filter(name, description, lambda: {"type": "string", "enum": values}, parse)


def choice_filter(name: str, choices: Callable[[], list[str]], description: str) -> Filter:
    """A code that must exist in the database (a section slug, a department code…)."""

    def schema() -> dict:
        known = choices()
        return {"type": "string", "enum": known} if known else {"type": "string"}

    def parse(raw: str) -> str:
        if raw not in choices():
            raise ValueError(raw)
        return raw

    return Filter(name, description, schema, parse)


def integer_filter(name: str, minimum: int, maximum: Callable[[], int], description: str) -> Filter:
    def parse(raw: str) -> int:
        if not DIGITS.match(raw) or not minimum <= int(raw) <= maximum():
            raise ValueError(raw)
        return int(raw)

    return Filter(
        name,
        description,
        lambda: {"type": "integer", "minimum": minimum, "maximum": maximum()},
        parse,
    )


def boolean_filter(name: str, description: str) -> Filter:
    def parse(raw: str) -> bool:
        return BOOLEANS[raw]  # KeyError is a LookupError, turned into ValueError below

    return Filter(name, description, lambda: {"type": "boolean"}, parse)


@dataclass(frozen=True)
class Query:
    filters: dict[str, Any]  # parsed values of the filters given
    raw: dict[str, str]  # the filters as given, to carry into the next page's URL
    limit: int | None = None
    after: tuple | None = None  # the sort key the page starts after


def parse_query(
    args: Mapping[str, Sequence[str]],
    filters: Sequence[Filter],
    *,
    key_types: tuple[type, ...] | None = None,
) -> Query:
    """Check `args` (name → values given) against `filters`; with `key_types` the query is a
    paginated one and also takes `limit` and `cursor`. Raises ParameterError."""
    by_name = {f.name: f for f in filters}
    allowed = [*by_name, *(["limit", "cursor"] if key_types else [])]
    single = {name: _single(name, values, allowed) for name, values in args.items()}
    parsed = {name: _parse(by_name[name], raw) for name, raw in single.items() if name in by_name}
    raw = {name: value for name, value in single.items() if name in by_name}
    if not key_types:
        return Query(parsed, raw)
    limit = _limit(single.get("limit"))
    after = _cursor(single["cursor"], key_types) if "cursor" in single else None
    return Query(parsed, raw, limit, after)


def _single(name: str, values: Sequence[str], allowed: list[str]) -> str:
    if name not in allowed:
        names = "、".join(allowed) or "无"
        raise ParameterError(
            "unknown_filter",
            name,
            f"不支持查询参数“{name}”。此接口可用的参数：{names}。",
            f"Unknown query parameter '{name}'. Parameters accepted here: "
            f"{', '.join(allowed) or 'none'}.",
        )
    if len(values) != 1:
        raise ParameterError(
            "invalid_filter",
            name,
            f"查询参数“{name}”只能给出一次。",
            f"Query parameter '{name}' may be given only once.",
        )
    return values[0]


def _parse(spec: Filter, raw: str):
    try:
        return spec.parse(raw)
    except (ValueError, LookupError):
        allowed = spec.schema().get("enum")
        hint_zh = f"可用的值：{'、'.join(map(str, allowed))}。" if allowed else ""
        hint_en = f" Allowed values: {', '.join(map(str, allowed))}." if allowed else ""
        raise ParameterError(
            "invalid_filter",
            spec.name,
            f"查询参数“{spec.name}”的值“{raw}”无效。{hint_zh}",
            f"Invalid value '{raw}' for query parameter '{spec.name}'.{hint_en}",
        ) from None


def _limit(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    if not DIGITS.match(raw) or not 1 <= int(raw) <= MAX_LIMIT:
        raise ParameterError(
            "invalid_filter",
            "limit",
            f"limit 应为 1 到 {MAX_LIMIT} 之间的整数。",
            f"limit must be a whole number from 1 to {MAX_LIMIT}.",
        )
    return int(raw)


def _cursor(raw: str, key_types: tuple[type, ...]) -> tuple:
    try:
        return decode_cursor(raw, key_types)
    except InvalidCursor:
        raise cursor_error() from None


def cursor_error() -> ParameterError:
    return ParameterError(
        "invalid_cursor",
        "cursor",
        "cursor 无效：请使用上一页响应中 next 给出的链接。",
        "Invalid cursor: follow the 'next' link of the previous page.",
    )
