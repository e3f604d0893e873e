"""The plan's quantified targets, the change each one requires, and the values published
toward them (only values carried by a PUBLISHED bulletin count)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload

from ...extensions import db
from ...models import Bulletin, Indicator, IndicatorValue, Measure, PublicationState
from ...models.types import canonical_decimal
from ..common.errors import NotFound
from .target_progress import Assessment, Terms, assess, period_label


class IndicatorNotFound(NotFound):
    """No indicator with that code."""


@dataclass(frozen=True)
class RequiredChange:
    """How far the target lies from the baseline: absolute, and as a share of the baseline."""

    absolute: Decimal
    percent: Decimal | None


@dataclass(frozen=True)
class Reading:
    """One published value of an indicator and the bulletin that published it."""

    period: str
    period_end: date
    value: Decimal
    note: str | None
    bulletin: Bulletin

    @property
    def period_label(self) -> str:
        return period_label(self.period)


@dataclass(frozen=True)
class IndicatorProgress:
    indicator: Indicator
    readings: list[Reading]  # by period_end, one per period
    assessment: Assessment

    @property
    def latest(self) -> Reading | None:
        return self.readings[-1] if self.readings else None


def required_change(indicator: Indicator) -> RequiredChange | None:
    if indicator.measure == Measure.CHANGE:
        return RequiredChange(absolute=indicator.target_value, percent=None)
    if indicator.measure != Measure.LEVEL or indicator.baseline_value is None:
        return None
    absolute = canonical_decimal(indicator.target_value - indicator.baseline_value)
    percent = None
    if indicator.baseline_value != 0:
        ratio = absolute / indicator.baseline_value * 100
        percent = ratio.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return RequiredChange(absolute=absolute, percent=percent)


def list_indicators() -> list[Indicator]:
    return list(
        db.session.scalars(
            select(Indicator).options(joinedload(Indicator.section)).order_by(Indicator.position)
        )
    )


def progress_overview() -> list[IndicatorProgress]:
    """Every indicator with its published readings: two queries however many values exist."""
    readings = published_readings()
    return [_progress(i, readings.get(i.id, [])) for i in list_indicators()]


def indicator_progress(code: str) -> IndicatorProgress:
    query = select(Indicator).options(joinedload(Indicator.section)).filter_by(code=code)
    indicator = db.session.scalar(query)
    if indicator is None:
        raise IndicatorNotFound(code)
    return _progress(indicator, published_readings(indicator.id).get(indicator.id, []))


def published_readings(indicator_id: int | None = None) -> dict[int, list[Reading]]:
    """Readings by indicator id, in one query. When two published bulletins carry the same
    period, the later publication's value stands (it restates or corrects the earlier)."""
    query = (
        select(IndicatorValue)
        .join(IndicatorValue.bulletin)
        .where(Bulletin.state == PublicationState.PUBLISHED)
        .options(contains_eager(IndicatorValue.bulletin))
        .order_by(
            IndicatorValue.indicator_id,
            IndicatorValue.period_end,
            Bulletin.published_at,
            IndicatorValue.id,
        )
    )
    if indicator_id is not None:
        query = query.where(IndicatorValue.indicator_id == indicator_id)
    by_period: dict[int, dict[str, Reading]] = defaultdict(dict)
    for row in db.session.scalars(query):
        by_period[row.indicator_id][row.period] = Reading(
            row.period, row.period_end, row.value, row.note, row.bulletin
        )
    return {
        key: sorted(periods.values(), key=lambda r: r.period_end)
        for key, periods in by_period.items()
    }


def _progress(indicator: Indicator, readings: list[Reading]) -> IndicatorProgress:
    latest = readings[-1] if readings else None
    assessment = assess(
        Terms.of(indicator),
        latest.value if latest else None,
        latest.period_end if latest else None,
    )
    return IndicatorProgress(indicator, readings, assessment)
