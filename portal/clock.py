"""The city's calendar: deadlines and "today" are dates in China Standard Time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

CITY_TZ = ZoneInfo("Asia/Shanghai")


def today_local() -> date:
    return datetime.now(CITY_TZ).date()
