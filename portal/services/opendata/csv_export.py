"""CSV downloads of the public lists: the API's records, flattened into named columns.

One writer for every list (the registers reuse it): UTF-8 with a byte-order mark, which Excel
needs to read Chinese correctly, CRLF line ends (RFC 4180), and columns named after the JSON
fields they come from ("section.slug"; "departments[].name" joins a list with "; "). Cells
are written by the one CSV-injection-safe `cell` (services/common/spreadsheet).
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


def csv_text(columns: Sequence[str], records: Iterable[dict]) -> str:
    """The records as CSV text (BOM first), one row each, the header being `columns`."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([cell(pluck(record, column)) for column in columns])
    return buffer.getvalue()
