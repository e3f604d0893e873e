"""The plan's quantified targets and the change each one requires."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Indicator, Measure
from ..models.types import canonical_decimal


@dataclass(frozen=True)
class RequiredChange:
    """How far the target lies from the baseline: absolute, and as a share of the baseline."""

    absolute: Decimal
    percent: Decimal | None


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
