"""The city's calendar: deadlines and "today" are dates in China Standard Time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

CITY_TZ = ZoneInfo("Asia/Shanghai")


def today_local() -> date:
    return datetime.now(CITY_TZ).date()


def local_date(moment: datetime) -> date:
    """The date in the city of an aware timestamp (发布日期 is the city's date, not UTC's)."""
    return moment.astimezone(CITY_TZ).date()
