"""How far each indicator has come toward its target: pure arithmetic on plain values.

Definitions (each stated in one sentence on /targets):

- **progress** — the share of the required change that the latest published value achieves:
  (latest − baseline) / (target − baseline). For a lower-is-better indicator that is the same
  number as (baseline − latest) / (baseline − target); for higher-is-better it reads
  (latest − baseline) / (target − baseline). Shown as a percentage with one decimal
  (ROUND_HALF_UP). It can be negative (the value moved the wrong way) or above 100% (beyond
  the target). None when the plan gives no baseline, there is no published value, or the
  baseline already equals the target.
  Measure "change" (管网漏失率下降10个百分点): values are published as the change achieved so
  far, so progress = latest / target.
  Measure "growth_rate": no share is computed; the latest annual growth rate is compared with
  the target rate (on track when at least the target rate).
- **the straight path** — from the END of the baseline year to the END of the target year:
  baselines and targets are annual figures (2005's emissions are known at 31 Dec 2005; the 2010
  target is 2010's total). The expected share at a value's period_end is the days elapsed on
  that path divided by its length, clamped to 0–100%, also rounded to one decimal.
- **status** — 已达到目标 when the latest value is at or beyond the target level (or change);
  otherwise 进度正常 when progress ≥ the expected share (compared at the one decimal shown),
  进度滞后 when below; 无数据 without a published value; 无法判断 without a baseline value or
  without a baseline or target year.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ...models import Direction, Indicator, Measure
from ...models.types import LabelledEnum

ONE_DECIMAL = Decimal("0.1")


class TrackStatus(LabelledEnum):
    MET = "met", "已达到目标"
    ON_TRACK = "on_track", "进度正常"
    BEHIND = "behind", "进度滞后"
    NO_DATA = "no_data", "无数据"
    UNKNOWN = "unknown", "无法判断"


@dataclass(frozen=True)
class Terms:
    """What the plan fixes for one indicator: the inputs of every calculation here."""

    measure: Measure
    direction: Direction
    baseline_year: int | None
    baseline_value: Decimal | None
    target_year: int | None
    target_value: Decimal

    @classmethod
    def of(cls, indicator: Indicator) -> "Terms":
        return cls(
            indicator.measure,
            indicator.direction,
            indicator.baseline_year,
            indicator.baseline_value,
            indicator.target_year,
            indicator.target_value,
        )


@dataclass(frozen=True)
class Assessment:
    status: TrackStatus
    progress: Decimal | None  # percent of the required change, one decimal
    expected: Decimal | None  # percent the straight path requires by the value's period_end
    reason: str  # one Chinese sentence saying why the status is what it is


def percent(ratio: Decimal) -> Decimal:
    return (ratio * 100).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def progress_percent(terms: Terms, latest: Decimal | None) -> Decimal | None:
    if latest is None or terms.measure == Measure.GROWTH_RATE:
        return None
    if terms.measure == Measure.CHANGE:
        return percent(latest / terms.target_value) if terms.target_value else None
    baseline = terms.baseline_value
    if baseline is None or baseline == terms.target_value:
        return None
    return percent((latest - baseline) / (terms.target_value - baseline))


def path_start(baseline_year: int) -> date:
    return date(baseline_year, 12, 31)


def path_end(target_year: int) -> date:
    return date(target_year, 12, 31)


def expected_percent(
    baseline_year: int | None, target_year: int | None, as_of: date
) -> Decimal | None:
    """The share of the straight path's time elapsed at `as_of`, as a percentage."""
    if baseline_year is None or target_year is None or target_year <= baseline_year:
        return None
    start, end = path_start(baseline_year), path_end(target_year)
    elapsed = min(max((as_of - start).days, 0), (end - start).days)
    return percent(Decimal(elapsed) / Decimal((end - start).days))


def at_or_beyond(direction: Direction, target: Decimal, latest: Decimal) -> bool:
    return latest <= target if direction == Direction.LOWER else latest >= target


def assess(terms: Terms, latest: Decimal | None, as_of: date | None) -> Assessment:
    """The status of an indicator whose latest published value is `latest` for a period
    ending on `as_of` (both None when nothing has been published)."""
    if latest is None or as_of is None:
        return Assessment(TrackStatus.NO_DATA, None, None, "尚无已发布的数值。")
    if terms.measure == Measure.GROWTH_RATE:
        return _assess_growth(terms, latest)
    progress = progress_percent(terms, latest)
    if at_or_beyond(terms.direction, terms.target_value, latest):
        return Assessment(TrackStatus.MET, progress, None, "最新数值已达到方案目标。")
    if progress is None:
        return Assessment(TrackStatus.UNKNOWN, None, None, "方案未给出基准值，无法计算进展。")
    expected = expected_percent(terms.baseline_year, terms.target_year, as_of)
    if expected is None:
        reason = "方案未给出基准年或目标年份，无法确定按时间应完成的进度。"
        return Assessment(TrackStatus.UNKNOWN, progress, None, reason)
    if progress >= expected:
        reason = f"已完成所需变化的 {progress}%，不低于按直线路径应完成的 {expected}%。"
        return Assessment(TrackStatus.ON_TRACK, progress, expected, reason)
    reason = f"已完成所需变化的 {progress}%，低于按直线路径应完成的 {expected}%。"
    return Assessment(TrackStatus.BEHIND, progress, expected, reason)


def _assess_growth(terms: Terms, latest: Decimal) -> Assessment:
    target = terms.target_value
    if at_or_beyond(terms.direction, target, latest):
        reason = f"最新年增长率 {latest}%，不低于目标的每年 {target}%。"
        return Assessment(TrackStatus.ON_TRACK, None, None, reason)
    reason = f"最新年增长率 {latest}%，低于目标的每年 {target}%。"
    return Assessment(TrackStatus.BEHIND, None, None, reason)


def period_label(period: str) -> str:
    """ "2008Q3" → "2008年第3季度"; "2008" → "2008年"."""
    year, _, quarter = period.upper().partition("Q")
    return f"{year}年第{quarter}季度" if quarter else f"{year}年"
