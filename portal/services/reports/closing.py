"""What closing a report (办结, 复核办结) records besides the public result: the 办理结论 and the
handling measures (处理措施) from a controlled list, with free text."""

from collections.abc import Sequence

from ...models import Conclusion, HandlingMeasure

NOTE_LIMIT = 2000


class ClosingError(ValueError):
    """Missing or invalid conclusion or handling result, with a Chinese message."""


def closing_of(
    conclusion: str, measures: Sequence[str], note: str
) -> tuple[Conclusion, str, str | None]:
    """Check the moderator's choice; returns (conclusion, stored measures, note)."""
    offered = {c.value: c for c in Conclusion.offered()}
    chosen = offered.get((conclusion or "").strip())
    if chosen is None:
        names = "、".join(c.label for c in Conclusion.offered())
        raise ClosingError(f"请选择办理结论（{names}）。")
    known = {m.value: m for m in HandlingMeasure}
    picked = [known.get(value.strip()) for value in measures if value.strip()]
    if not picked:
        raise ClosingError("请至少选择一项处理措施。")
    if None in picked:
        raise ClosingError("处理措施只能从列表中选择。")
    unique = [m for m in HandlingMeasure if m in picked]  # list order, no repeats
    if HandlingMeasure.NONE in unique and len(unique) > 1:
        raise ClosingError("“无需处理”不能与其他处理措施同时选择。")
    note = (note or "").strip()
    if HandlingMeasure.OTHER in unique and not note:
        raise ClosingError("选择“其他”时，请在处理措施说明中写明。")
    if len(note) > NOTE_LIMIT:
        raise ClosingError(f"处理措施说明不能超过 {NOTE_LIMIT} 字。")
    return chosen, ",".join(m.value for m in unique), note or None
