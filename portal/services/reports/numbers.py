"""Report numbers (HG20261124-000123): the date in a number is the local day the report was
submitted, so a typed prefix also bounds the submission time, which an index can use."""

import calendar
import re
from datetime import date, timedelta

PREFIX = re.compile(r"^HG(\d{0,8})")
NO_MATCH = "no-match"


def prefix_days(prefix: str) -> tuple[date, date] | str | None:
    """The local days [first, last] any number with this prefix was submitted on; NO_MATCH
    when no number can start like this; None when the prefix says nothing about the day."""
    match = PREFIX.match(prefix)
    if not match or not match[1]:
        return None if prefix in {"", "H", "HG"} else NO_MATCH
    digits = match[1]
    low, high = digits.ljust(8, "0"), digits.ljust(8, "9")
    first_year, last_year = max(int(low[:4]), 1), min(int(high[:4]), 9998)
    if len(digits) <= 4:
        return date(first_year, 1, 1), date(last_year, 12, 31)
    year = first_year
    first_month, last_month = max(int(low[4:6]), 1), min(int(high[4:6]), 12)
    if first_month > last_month:
        return NO_MATCH
    if len(digits) <= 6:
        return date(year, first_month, 1), _month_end(year, last_month)
    month = first_month
    month_days = calendar.monthrange(year, month)[1]
    first_day, last_day = max(int(low[6:8]), 1), min(int(high[6:8]), month_days)
    if first_day > last_day:
        return NO_MATCH
    return date(year, month, first_day), date(year, month, last_day)


def _month_end(year: int, month: int) -> date:
    return date(year, month, 1) + timedelta(days=calendar.monthrange(year, month)[1] - 1)
