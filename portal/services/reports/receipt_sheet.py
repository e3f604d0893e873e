"""What a saved receipt (PNG or PDF) says, line by line, and how a long line is wrapped.

Both files are drawn from the receipt held for the reporter's browser session
(reporter_session.Receipt): number, code, day, and what was received — category, district
and place, number of files. Never the description, nor anything a reporter's device sent.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .reporter_session import Receipt

TITLE = "鹤岗市节能减排违法行为举报回执"
NO_LINE_START = frozenset("，。、；：？！）」』”’》")  # kept at the end of the line before


@dataclass(frozen=True)
class Sheet:
    title: str
    issuer: str
    rows: list[tuple[str, str]]  # (label, value)
    notes: list[str]
    number: str
    code: str


def sheet(receipt: Receipt, *, issuer: str, status_url: str, hotline: str) -> Sheet:
    day = receipt.submitted_day
    return Sheet(
        title=TITLE,
        issuer=issuer,
        rows=[
            ("举报编号", receipt.number),
            ("回执码", receipt.code),
            ("提交日期", f"{day.year}年{day.month}月{day.day}日"),
            ("举报类别", receipt.category),
            ("地点", f"{receipt.district} {receipt.place}"),
            ("证据文件", f"{receipt.file_count} 个" if receipt.file_count else "无"),
        ],
        notes=[
            f"凭举报编号和回执码查询办理进展：{status_url}",
            f"也可以拨打举报电话 {hotline}，报出举报编号和回执码。",
            "回执码只保存了加密摘要，任何人（包括工作人员）都无法找回或重发。"
            "请妥善保管，不要告诉他人。",
        ],
        number=receipt.number,
        code=receipt.code,
    )


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Lines of `text` no wider than `width`, broken between any two characters: Chinese
    has no spaces to break at, and a long URL must break somewhere too. Closing punctuation
    never starts a line (it may reach a little into the margin instead). The reporter's own
    line breaks (a multi-line place) are kept; a control character never reaches the font."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(_wrap_line(paragraph, width, measure))
    return lines


def _wrap_line(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    lines: list[str] = []
    line = ""
    for ch in text:
        if not ch.isprintable():
            ch = " "
        if measure(line + ch) <= width or not line or ch in NO_LINE_START:
            line += ch
            continue
        lines.append(line)
        line = ch.lstrip()
    if line:
        lines.append(line)
    return lines
