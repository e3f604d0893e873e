"""The city's calendar: deadlines and "today" are dates in China Standard Time."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

CITY_TZ = ZoneInfo("Asia/Shanghai")


def today_local() -> date:
    return datetime.now(CITY_TZ).date()


def local_date(moment: datetime) -> date:
    """The date in the city of an aware timestamp (发布日期 is the city's date, not UTC's)."""
    return moment.astimezone(CITY_TZ).date()


def to_the_minute(moment: datetime) -> datetime:
    """The minute a reporter's time falls in: what public pages and exports show of it."""
    return moment.replace(second=0, microsecond=0)


def up_to_the_minute(moment: datetime) -> datetime:
    """The end of the minute `moment` falls in (itself if on the minute): a bound that is
    never earlier than the moment and tells no more than its minute."""
    floor = to_the_minute(moment)
    return floor if floor == moment else floor + timedelta(minutes=1)
