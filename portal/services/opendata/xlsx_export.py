"""XLSX downloads: the same header and rows as the CSV, for people who open data in a
spreadsheet. Text is always stored as text (never as a formula, whatever it starts with),
figures as numbers, the header row is frozen and columns are sized to their content."""

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..common.spreadsheet import LIST_SEPARATOR

WIDEST = 60  # characters; longer text wraps in the cell rather than widening the sheet
CJK_WIDTH = 2  # a Chinese character takes about two Latin widths


def _display_width(text: str) -> int:
    return sum(CJK_WIDTH if ord(ch) > 0x2E80 else 1 for ch in text)


def _value(value, numeric: bool):
    if value is None:
        return None
    if isinstance(value, list):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    if numeric and isinstance(value, int | float | Decimal | str):
        try:
            number = Decimal(str(value))
        except ArithmeticError:
            return str(value)
        return int(number) if number.as_tuple().exponent >= 0 else float(number)
    return str(value)


def _decimals(written) -> str:
    places = -Decimal(str(written)).as_tuple().exponent
    return "0." + "0" * places if places > 0 else "0"


def table_xlsx(
    title: str, header: Sequence[str], rows: Iterable[Sequence], numeric: Sequence[bool]
) -> bytes:
    """A workbook with one sheet called `title`; `numeric` says which columns hold figures."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel's limit on a sheet name
    sheet.append(list(header))
    for c in sheet[1]:
        c.font = Font(bold=True)
    widths = [_display_width(h) for h in header]
    for row in rows:
        values = [_value(v, n) for v, n in zip(row, numeric, strict=True)]
        sheet.append(values)
        for position, value in enumerate(values):
            target = sheet.cell(sheet.max_row, position + 1)
            if isinstance(value, str):
                # openpyxl would take "=…" for a formula; a string cell is shown, never run
                target.data_type = "s"
            elif isinstance(value, float):
                target.number_format = _decimals(row[position])  # "2.00" shows as 2.00
            shown = "" if value is None else str(value)
            widths[position] = max(widths[position], _display_width(shown))
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = min(width + 2, WIDEST)
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
