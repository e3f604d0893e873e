"""Geometry for the server-rendered SVG line chart of one indicator
(templates/components/indicator_chart.html).

Time runs left to right with a tick at the END of each year (an annual value for 2008 sits on
the "2008" tick, a 2008Q3 value three quarters of the way to it); the straight path runs from
the baseline at the end of the baseline year to the target at the end of the target year, as in
portal.services.plan.target_progress. Every figure drawn is also in the table beside the chart.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from ..models import Measure
from ..models.types import canonical_decimal
from ..services.plan.target_progress import path_end, path_start
from ..services.plan.targets import IndicatorProgress
from .templating import format_number

WIDTH = 560
HEIGHT = 300
LEFT = 76  # room for the value labels of the y axis
RIGHT = 20
TOP = 28  # room for the target line's label
BOTTOM = 48  # room for the year labels and the axis caption
NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


@dataclass(frozen=True)
class Tick:
    position: float
    value: Decimal | int


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: Decimal


@dataclass(frozen=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class IndicatorChart:
    id: str
    title: str
    description: str
    unit: str
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    points: list[Point]
    polyline: str
    baseline: Point | None
    path: Segment | None
    target: Segment
    target_value: Decimal


def indicator_chart(progress: IndicatorProgress) -> IndicatorChart | None:
    """The chart of one indicator, or None when there is nothing to draw on a time axis
    (no published value and no baseline-to-target path)."""
    indicator = progress.indicator
    start_value = _path_start_value(progress)
    has_path = start_value is not None and indicator.target_year is not None
    if not progress.readings and not has_path:
        return None
    # a year of room before the first reading; the path starts on its own tick
    starts = [r.period_end.year - 1 for r in progress.readings]
    ends = [r.period_end.year for r in progress.readings]
    if has_path:
        starts.append(indicator.baseline_year)
    if indicator.target_year is not None:
        ends.append(indicator.target_year)
    first_year = min(starts)
    last_year = max(max(ends), first_year + 1)
    x = _time_scale(date(first_year, 12, 31), date(last_year, 12, 31))

    values = [r.value for r in progress.readings] + [indicator.target_value]
    if start_value is not None:
        values.append(start_value)
    if indicator.measure != Measure.LEVEL:
        values.append(Decimal(0))  # a change or a rate is read against zero
    y_ticks_values = nice_ticks(min(values), max(values))
    y = _value_scale(y_ticks_values[0], y_ticks_values[-1])

    points = [
        Point(x(r.period_end), y(r.value), r.period_label, r.value) for r in progress.readings
    ]
    baseline = None
    path = None
    if has_path:
        start = path_start(indicator.baseline_year)
        baseline = Point(x(start), y(start_value), f"{indicator.baseline_year}年", start_value)
        end = path_end(indicator.target_year)
        path = Segment(baseline.x, baseline.y, x(end), y(indicator.target_value))
    target_y = y(indicator.target_value)
    step = max(1, (last_year - first_year + 9) // 10)  # at most about ten year labels
    return IndicatorChart(
        id=f"chart-{indicator.code}",
        title=f"{indicator.name}：已发布数值与目标",
        description=describe(progress),
        unit=indicator.unit,
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        bottom=HEIGHT - BOTTOM,
        x_ticks=[
            Tick(x(date(year, 12, 31)), year) for year in range(first_year, last_year + 1, step)
        ],
        y_ticks=[Tick(y(v), v) for v in y_ticks_values],
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        baseline=baseline,
        path=path,
        target=Segment(LEFT, target_y, WIDTH - RIGHT, target_y),
        target_value=indicator.target_value,
    )


def describe(progress: IndicatorProgress) -> str:
    """The chart in words, for a screen reader: the terms, the latest value and the status."""
    indicator, unit = progress.indicator, progress.indicator.unit
    parts = [f"{indicator.name}（{unit}）"]
    if indicator.measure == Measure.LEVEL and indicator.baseline_value is not None:
        parts.append(
            f"基准为{indicator.baseline_year}年的{format_number(indicator.baseline_value)}"
        )
    year = f"{indicator.target_year}年" if indicator.target_year else ""
    if indicator.measure == Measure.GROWTH_RATE:
        parts.append(f"目标为到{year}每年增长{format_number(indicator.target_value)}")
    else:
        parts.append(f"目标为{year}{format_number(indicator.target_value)}")
    latest = progress.latest
    if latest is None:
        parts.append("尚无已发布的数值")
    else:
        parts.append(
            f"已发布{len(progress.readings)}个数值，最新为{latest.period_label}的"
            f"{format_number(latest.value)}"
        )
    if progress.assessment.progress is not None:
        parts.append(f"完成所需变化的{progress.assessment.progress}%")
    parts.append(f"状态：{progress.assessment.status.label}")
    path = "虚线为从基准到目标的直线路径，" if _path_start_value(progress) is not None else ""
    return "，".join(parts) + f"。{path}横线为目标值；数据见图旁的表格。"


def nice_ticks(low: Decimal, high: Decimal, count: int = 4) -> list[Decimal]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering low..high."""
    if low == high:
        low, high = low - 1, high + 1
    rough = (high - low) / count
    power = Decimal(1).scaleb(rough.adjusted())
    step = next(power * s for s in NICE_STEPS if power * s >= rough)
    first = (low / step).to_integral_value(ROUND_FLOOR) * step
    last = (high / step).to_integral_value(ROUND_CEILING) * step
    ticks = []
    value = first
    while value <= last:
        ticks.append(canonical_decimal(value) if value else Decimal(0))
        value += step
    return ticks


def _path_start_value(progress: IndicatorProgress) -> Decimal | None:
    indicator = progress.indicator
    if indicator.baseline_year is None:
        return None
    if indicator.measure == Measure.CHANGE:
        return Decimal(0)
    if indicator.measure == Measure.LEVEL:
        return indicator.baseline_value
    return None


def _time_scale(start: date, end: date):
    span = (end - start).days

    def x(day: date) -> float:
        return round(LEFT + (day - start).days / span * (WIDTH - RIGHT - LEFT), 1)

    return x


def _value_scale(low: Decimal, high: Decimal):
    span = float(high - low)

    def y(value: Decimal) -> float:
        return round(HEIGHT - BOTTOM - float(value - low) / span * (HEIGHT - BOTTOM - TOP), 1)

    return y
