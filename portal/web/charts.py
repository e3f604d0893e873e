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
    value: int | None  # None: not published; `mark` is printed instead
    mark: str | None
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


def bar_chart(chart_id: str, title: str, items: list[tuple[str, object]], unit: str = "件"):
    """A chart of (label, value) items, in the order given, values at least 0. A value may
    be a published figure (portal.services.reports.disclosure.Figure): one that is not
    published draws no bar and prints its mark ("<5", "×") instead."""
    label_width = min(max((_text_width(label) for label, _ in items), default=0) + 2 * PAD, 240)
    room = WIDTH - label_width - VALUE_ROOM
    values = [(label, *_value_and_mark(value)) for label, value in items]
    largest = max((value or 0 for _, value, _ in values), default=0)
    bars = []
    for index, (label, value, mark) in enumerate(values):
        length = round(room * value / largest, 1) if largest and value else 0
        top = PAD + index * ROW
        baseline = top + BAR - 4
        bars.append(Bar(label, value, mark, top, baseline, length, label_width + length + 6))
    height = PAD * 2 + ROW * len(items)
    description = describe(title, [(label, value) for label, value, _ in values], unit)
    return BarChart(chart_id, title, description, WIDTH, height, label_width, BAR, bars)


def _value_and_mark(value) -> tuple[int | None, str | None]:
    if isinstance(value, int):
        return value, None
    return value.value, None if value.published else value.text


def describe(title: str, items: list[tuple[str, int | None]], unit: str) -> str:
    """What a screen reader says for the chart: the total and the largest item."""
    shown = [(label, value) for label, value in items if value is not None]
    held_back = "部分数字为保护举报人不公布。" if len(shown) < len(items) else ""
    total = sum(value for _, value in shown)
    if total == 0:
        if held_back:
            return f"{title}：{held_back}数据见下表。"
        return f"{title}：各项均为 0{unit}。数据见下表。"
    label, value = max(shown, key=lambda item: item[1])
    if held_back:
        return f"{title}：公布的数字中最多的是{label}（{value}{unit}），{held_back}数据见下表。"
    return (
        f"{title}：共 {len(items)} 项，合计 {total}{unit}，"
        f"最多的是{label}（{value}{unit}）。数据见下表。"
    )


def _text_width(text: str) -> int:
    """Approximate rendered width: CJK characters are a full em, the rest about half."""
    ems = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)
    return round(ems * FONT)
