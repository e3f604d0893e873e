"""Reporting periods in the city's calendar: local (Asia/Shanghai) months, and the year or
last-twelve-months window the public statistics cover.

Public statistics cover closed months only (published_period): the month under way is
"统计中" until it ends, so that a report cannot be spotted in the figures moments after it
was sent."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_

from ...clock import CITY_TZ
from ...models import Report

EARLIEST_YEAR = 2000  # no report can describe anything earlier (report_rules.EARLIEST_DATE)
MONTH_TEXT = re.compile(r"^(\d{4})-(\d{2})$")


class InvalidPeriod(ValueError):
    """A month or year that cannot be reported on; the message is the Chinese one to show."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, moment: datetime) -> "Month":
        local = moment.astimezone(CITY_TZ)
        return cls(local.year, local.month)

    @classmethod
    def parse(cls, text: str) -> "Month":
        match = MONTH_TEXT.match(text.strip())
        if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < EARLIEST_YEAR:
            raise InvalidPeriod(f"月份“{text}”无法识别：请写成 YYYY-MM，例如 2026-10。")
        return cls(int(match[1]), int(match[2]))

    def shifted(self, months: int) -> "Month":
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def start(self) -> datetime:
        """Local midnight on the first day, as an aware timestamp."""
        return datetime(self.year, self.month, 1, tzinfo=CITY_TZ)

    def end(self) -> datetime:
        return self.shifted(1).start()

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"


@dataclass(frozen=True)
class StatsPeriod:
    first: Month
    last: Month
    year: int | None = None  # a calendar year, or None for "the last twelve months"

    @property
    def months(self) -> list[Month]:
        count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        return [self.first.shifted(i) for i in range(count)]

    @property
    def label(self) -> str:
        if self.year is not None:
            return f"{self.year}年"
        return f"{self.first.label}至{self.last.label}"

    @property
    def slug(self) -> str:
        return str(self.year) if self.year is not None else f"{self.first.key}_{self.last.key}"

    def contains(self):
        """The SQL condition "submitted within this period"."""
        return and_(
            Report.submitted_at >= self.first.start(), Report.submitted_at < self.last.end()
        )


def stats_period(year: int | None, now: datetime) -> StatsPeriod:
    """A calendar year (up to the current month), or by default the last twelve months."""
    current = Month.of(now)
    if year is None:
        return StatsPeriod(current.shifted(-11), current)
    if not EARLIEST_YEAR <= year <= current.year:
        raise InvalidPeriod(f"没有 {year} 年的举报统计。")
    return StatsPeriod(Month(year, 1), Month(year, 12) if year < current.year else current, year)


def last_closed_month(now: datetime) -> Month:
    """The most recent month that is over."""
    return Month.of(now).shifted(-1)


def published_period(year: int | None, now: datetime) -> StatsPeriod:
    """The period public statistics show: as stats_period, but only months that are over
    (a year still under way is shown up to its last complete month)."""
    end_of_last_closed = Month.of(now).start() - timedelta(microseconds=1)
    return stats_period(year, end_of_last_closed)
