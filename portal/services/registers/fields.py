"""Reading the registers' fields from plain strings, for the editors' forms and the CSV import
alike: one set of rules, one set of Chinese messages (each names its field, so that a CSV
error "第 3 行：处罚决定日期格式应为 YYYY-MM-DD" reads as well as one next to the field)."""

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from ...models.types import LabelledEnum
from ..common.errors import NotFound

# Control characters other than line breaks and tabs are never legitimate in a record.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
NUMBER = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
E = TypeVar("E", bound=LabelledEnum)
LIST_SEPARATORS = re.compile(r"[、，,；;/\s]+")
EARLIEST = date(2000, 1, 1)
YES = {"是", "yes", "y", "true", "1"}
NO = {"", "否", "no", "n", "false", "0"}


class RecordNotFound(NotFound):
    """No such enterprise, exposure or phase-out item (or earlier version of one)."""


class InvalidFilter(ValueError):
    """A filter value the list does not know: the page answers 400 with this message."""


class InvalidRecord(ValueError):
    """Bad input: one Chinese message per field name."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("；".join(errors.values()))
        self.errors = errors


class Fields:
    """Cleans values from `raw` (field name → text) and collects one error per field."""

    def __init__(self, raw: Mapping[str, object]):
        self.raw = raw
        self.errors: dict[str, str] = {}

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def check(self) -> None:
        if self.errors:
            raise InvalidRecord(self.errors)

    def text(self, name: str, label: str, *, required: bool = False, limit: int = 200) -> str:
        value = unicodedata.normalize("NFC", str(self.raw.get(name) or "")).strip()
        if CONTROL.search(value):
            self.fail(name, f"{label}含有无法识别的控制字符，请删除后重试。")
        elif required and not value:
            self.fail(name, f"请填写{label}。")
        elif len(value) > limit:
            self.fail(name, f"{label}不能超过 {limit} 字（现为 {len(value)} 字）。")
        return value

    def day(
        self, name: str, label: str, *, required: bool = False, latest: date | None = None
    ) -> date | None:
        value = self.text(name, label, limit=20)
        if not value:
            if required:
                self.fail(name, f"请填写{label}。")
            return None
        match = DATE.match(value)
        try:
            parsed = date(*map(int, match.groups())) if match else None
        except ValueError:
            parsed = None
        if parsed is None:
            self.fail(name, f"{label}格式应为 YYYY-MM-DD，例如 2008-05-20。")
        elif parsed < EARLIEST or (latest is not None and parsed > latest):
            last = latest.isoformat() if latest else "2100-12-31"
            self.fail(name, f"{label}应在 {EARLIEST.isoformat()} 至 {last} 之间。")
            return None
        return parsed

    def amount(self, name: str, label: str, *, limit: Decimal, positive: bool = False):
        value = self.text(name, label, limit=30).replace("，", ",")
        if not value:
            return None
        try:
            number = Decimal(value.replace(",", "")) if NUMBER.match(value) else None
        except InvalidOperation:
            number = None
        if number is None:
            self.fail(name, f"{label}应为数字，例如 50000 或 12.5。")
        elif number > limit or (positive and number == 0):
            self.fail(name, f"{label}应大于 0 且不超过 {limit:,}。")
            return None
        return number

    def choice(
        self,
        name: str,
        enum: type[E],
        label: str,
        *,
        allowed=None,
        default: E | None = None,
        optional: bool = False,
    ) -> E | None:
        """A member given by its code or its Chinese label; blank → `default` (or an error
        when there is no default and the choice is not optional)."""
        value = self.text(name, label, limit=40)
        if not value:
            if default is None and not optional:
                self.fail(name, f"请选择{label}。")
            return default
        member = member_of(enum, value)
        if member is None or (allowed is not None and member not in allowed):
            options = "、".join(m.label for m in (allowed or enum))
            self.fail(name, f"{label}“{value[:20]}”无法识别，应为：{options}。")
        return member

    def choices(self, name: str, enum: type[E], label: str) -> list[E]:
        given = self.raw.get(name) or []
        parts = LIST_SEPARATORS.split(given) if isinstance(given, str) else list(given)
        members = []
        for part in filter(None, (str(p).strip() for p in parts)):
            member = member_of(enum, part)
            if member is None:
                options = "、".join(m.label for m in enum)
                self.fail(name, f"{label}“{part[:20]}”无法识别，应为：{options}。")
            elif member not in members:
                members.append(member)
        if not members:
            self.fail(name, f"请选择{label}（至少一项）。")
        return members

    def flag(self, name: str, label: str) -> bool:
        value = self.text(name, label, limit=10).lower()
        if value not in YES | NO:
            self.fail(name, f"{label}应填“是”或“否”。")
        return value in YES


def member_of(enum: type[E], value: str) -> E | None:
    """The member whose value (code) or Chinese label is `value`."""
    value = value.strip()
    for member in enum:
        if value in (member.value, member.label):
            return member
    return None


def choice_filter(args: Mapping[str, str], name: str, enum, label: str):
    value = (args.get(name) or "").strip()
    if not value:
        return None
    member = member_of(enum, value)
    if member is None:
        raise InvalidFilter(f"未知的{label}：“{value[:30]}”。请从筛选项中选择。")
    return member
