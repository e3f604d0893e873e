"""CSV downloads of the public tables.

One writer for every table (the registers reuse it): UTF-8 with a byte-order mark, which Excel
needs to read Chinese correctly, and CRLF line ends (RFC 4180). Cells are written by the one
CSV-injection-safe `cell` (services/common/spreadsheet), so only text that really starts like a
formula gets the apostrophe. Which columns a table has is declared in portal/opendata/datasets.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from ..common.spreadsheet import cell


def pluck(record: dict, path: str):
    """The value at `path` in a JSON record: "a.b" descends, "a[].b" collects from a list."""
    head, _, rest = path.partition(".")
    if head.endswith("[]"):
        items = record.get(head[:-2]) or []
        return [pluck(item, rest) if rest else item for item in items]
    value = record.get(head)
    if rest and isinstance(value, dict):
        return pluck(value, rest)
    return None if rest else value


def table_csv(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """The rows as CSV text (BOM first) under `header`."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue()
