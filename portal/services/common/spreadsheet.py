"""One cell of a CSV download, written so that a spreadsheet shows it and never runs it.

Every CSV the portal writes (the open-data lists, the registers, the audit log) goes through
`cell`: text a spreadsheet would read as a formula (CSV injection: "=HYPERLINK(…)", "@SUM(…)",
"-2+3") gets a leading apostrophe, which Excel and LibreOffice show as plain text; numbers such
as -3.5 are left alone.
"""

import re

LIST_SEPARATOR = "; "
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell(v) for v in value)
    text = str(value)
    if text.startswith(FORMULA_START) and not NUMBER.match(text):
        return "'" + text
    return text
