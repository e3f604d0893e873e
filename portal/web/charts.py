"""Geometry for server-rendered SVG bar charts (templates/components/bar_chart.html).

Horizontal bars, one row per item: long Chinese labels stay readable on a phone, and the
chart needs no script. Every figure a chart shows is also in a table beside it.
"""

import unicodedata
from dataclasses import dataclass

from flask import has_request_context

from .care_mode import is_care_mode

WIDTH = 520
ROW = 28
BAR = 18
PAD = 8
FONT = 14  # matches .chart text in site.css
CARE_FONT = 20  # 关怀版: matches .mode-care .chart text in care.css; rows and room grow with it
VALUE_ROOM = 56  # to the right of the longest bar, for its number
LABEL_ROOM = 240  # the most the labels may take, at FONT


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
    font = CARE_FONT if has_request_context() and is_care_mode() else FONT
    row, bar_height = round(ROW * font / FONT), round(BAR * font / FONT)
    widest = max((_text_width(label, font) for label, _ in items), default=0)
    label_width = min(widest + 2 * PAD, round(LABEL_ROOM * font / FONT))
    room = WIDTH - label_width - round(VALUE_ROOM * font / FONT)
    values = [(label, *_value_and_mark(value)) for label, value in items]
    largest = max((value or 0 for _, value, _ in values), default=0)
    bars = []
    for index, (label, value, mark) in enumerate(values):
        length = round(room * value / largest, 1) if largest and value else 0
        top = PAD + index * row
        baseline = top + bar_height - round(4 * font / FONT)
        bars.append(Bar(label, value, mark, top, baseline, length, label_width + length + 6))
    height = PAD * 2 + row * len(items)
    description = describe(title, [(label, value) for label, value, _ in values], unit)
    return BarChart(chart_id, title, description, WIDTH, height, label_width, bar_height, bars)


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


def _text_width(text: str, font: int = FONT) -> int:
    """Approximate rendered width: CJK characters are a full em, the rest about half."""
    ems = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)
    return round(ems * font)
