"""Geometry for server-rendered SVG bar charts (templates/components/bar_chart.html).

Horizontal bars, one row per item: long Chinese labels stay readable on a phone, and the
chart needs no script. Every figure a chart shows is also in a table beside it.
"""

import unicodedata
from dataclasses import dataclass

WIDTH = 520
ROW = 28
BAR = 18
PAD = 8
FONT = 14  # matches .chart text in site.css
VALUE_ROOM = 56  # to the right of the longest bar, for its number


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int  # top of the bar
    text_y: int  # baseline of the label and the number
    length: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: list[Bar]


def bar_chart(chart_id: str, title: str, items: list[tuple[str, int]], unit: str = "件"):
    """A chart of (label, value) items, in the order given, values at least 0."""
    label_width = min(max((_text_width(label) for label, _ in items), default=0) + 2 * PAD, 240)
    room = WIDTH - label_width - VALUE_ROOM
    largest = max((value for _, value in items), default=0)
    bars = []
    for index, (label, value) in enumerate(items):
        length = round(room * value / largest, 1) if largest else 0
        top = PAD + index * ROW
        baseline = top + BAR - 4
        bars.append(Bar(label, value, top, baseline, length, label_width + length + 6))
    height = PAD * 2 + ROW * len(items)
    return BarChart(
        chart_id, title, describe(title, items, unit), WIDTH, height, label_width, BAR, bars
    )


def describe(title: str, items: list[tuple[str, int]], unit: str) -> str:
    """What a screen reader says for the chart: the total and the largest item."""
    total = sum(value for _, value in items)
    if total == 0:
        return f"{title}：各项均为 0{unit}。数据见下表。"
    label, value = max(items, key=lambda item: item[1])
    return (
        f"{title}：共 {len(items)} 项，合计 {total}{unit}，"
        f"最多的是{label}（{value}{unit}）。数据见下表。"
    )


def _text_width(text: str) -> int:
    """Approximate rendered width: CJK characters are a full em, the rest about half."""
    ems = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)
    return round(ems * FONT)
