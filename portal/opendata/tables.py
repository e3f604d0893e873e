"""What a published table is: its columns (key, 中文名, type, unit, meaning, allowed values)
and where its rows come from. Each dataset is declared once (datasets.py) and the CSV, the
XLSX, the dictionary page at /data/<name> and the Table Schema in /data/datapackage.json are
all read off that one declaration, so they cannot disagree.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum

from ..services.opendata.csv_export import pluck

TYPE_LABELS = {
    "string": "文本",
    "integer": "整数",
    "number": "数值",
    "boolean": "是/否",
    "date": "日期（YYYY-MM-DD）",
    "datetime": "时间（ISO 8601，北京时间 +08:00）",
}
TRUE, FALSE = "是", "否"


@dataclass(frozen=True)
class Column:
    key: str  # stable English name: ?header=key, the Table Schema's field name
    title: str  # 中文名: the default header row
    type: str  # a Table Schema type (TYPE_LABELS)
    source: (
        str | Callable[[dict], object]
    )  # a path in the source row ("a.b", "l[].n") or a function
    description: str
    unit: str | None = None
    allowed: Callable[[], list[str]] | None = None  # the enum constraint, read when used
    required: bool = False

    def value(self, row: dict):
        """The cell's value as published: 是/否 for booleans, everything else as the API has it."""
        raw = self.source(row) if callable(self.source) else pluck(row, self.source)
        if self.type == "boolean" and raw is not None:
            return TRUE if raw else FALSE
        return raw

    def enum(self) -> list[str] | None:
        return self.allowed() if self.allowed else None


def labels(enum: type[Enum], members: Iterable | None = None) -> Callable[[], list[str]]:
    return lambda: [m.label for m in (members or enum)]


def codes(enum: type[Enum], members: Iterable | None = None) -> Callable[[], list[str]]:
    return lambda: [m.value for m in (members or enum)]


@dataclass(frozen=True)
class ForeignKey:
    column: str
    dataset: str
    key: str


@dataclass(frozen=True)
class Dataset:
    name: str  # URL segment: /data/<name>.csv
    title: str
    description: str
    frequency: str  # how often it changes, in words
    columns: tuple[Column, ...]
    rows: Callable[[dict], Iterable[dict]]  # the API list's filters → source rows
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    collection: str | None = None  # the API list with the same records (its JSON)
    modified: str | None = None  # the column whose latest value is the last modification
    narrow_by: tuple[str, ...] = ()  # columns a download may be narrowed to (?key=value)
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def titles(self) -> list[str]:
        return [c.title for c in self.columns]

    def table(self, filters: dict | None = None, narrow: dict | None = None) -> list[list]:
        """Every row as a list of cell values, in column order; `narrow` keeps the rows whose
        column (a key in narrow_by) shows the value given."""
        narrow = narrow or {}
        positions = {self.keys.index(k): v for k, v in narrow.items()}
        table = []
        for row in self.rows(filters or {}):
            values = [c.value(row) for c in self.columns]
            if all(_shown(values[i]) == v for i, v in positions.items()):
                table.append(values)
        return table


def _shown(value) -> str:
    return "" if value is None else str(value)
