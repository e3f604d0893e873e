"""A resolved report's 办理结论 and its handling result (处理结果), from controlled lists."""

from .types import LabelledEnum


class Conclusion(LabelledEnum):
    SUBSTANTIATED = "substantiated", "属实"
    PARTLY = "partly", "部分属实"
    UNFOUNDED = "unfounded", "不属实"
    UNVERIFIABLE = "unverifiable", "无法核实"
    # Reports resolved before conclusions were recorded (migration 0021): counted apart in
    # 查实率, never offered in the form.
    UNRECORDED = "unrecorded", "未记录"

    @classmethod
    def offered(cls) -> list["Conclusion"]:
        return [c for c in cls if c is not cls.UNRECORDED]

    @property
    def verified(self) -> bool:
        """Counts towards 查实率 (属实 or 部分属实)."""
        return self in (Conclusion.SUBSTANTIATED, Conclusion.PARTLY)


class HandlingMeasure(LabelledEnum):
    RECTIFY = "rectify", "责令整改"
    FINE = "fine", "罚款"
    CASE = "case", "立案查处"
    TRANSFER = "transfer", "移送"
    HALT = "halt", "责令停产"
    NONE = "none", "无需处理"
    OTHER = "other", "其他"


def measures_of(stored: str | None) -> list[HandlingMeasure]:
    """The measures stored as comma-separated values; unknown values are skipped."""
    known = {m.value: m for m in HandlingMeasure}
    return [known[v] for v in (stored or "").split(",") if v in known]
