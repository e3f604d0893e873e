"""The versions of an exposure record as plain texts, and the comparison of two of them
(/exposures/<id>/diff): the current record, or a kept earlier version, field by field."""

from ...models import Exposure, Penalty
from ..common import versions
from .exposure_listing import earlier_version, get_exposure
from .exposures import violation_types


def version_texts(exposure: Exposure, number: int) -> dict[str, str]:
    """What a reader sees of version `number` (label → text); RecordNotFound if none."""
    shown = exposure if number == exposure.revision else earlier_version(exposure.id, number)
    names, penalties = violation_types(), dict(Penalty.choices())
    fine = "" if shown.fine_yuan is None else f"{shown.fine_yuan} 元"
    return {
        "企业": shown.enterprise.name,
        "违法类型": names.get(shown.violation_type, shown.violation_type),
        "处罚决定书文号": shown.decision_number,
        "处罚决定日期": shown.decision_date.isoformat(),
        "公开日期": shown.published_on.isoformat(),
        "处罚种类": "、".join(penalties.get(p, p) for p in shown.penalties),
        "罚款金额": fine,
        "整改情况": shown.rectification.label,
        "违法事实": shown.facts,
        "法律依据": shown.legal_basis,
        "处罚内容": shown.penalty_text or "",
        "整改说明": shown.rectification_note or "",
    }


def compare_versions(
    exposure_id: int, earlier: str | None, later: str | None
) -> tuple[Exposure, versions.Comparison]:
    """RecordNotFound (404) for no such record; InvalidVersions (400) for bad numbers."""
    exposure = get_exposure(exposure_id)
    first, second = versions.parse_range(earlier, later, exposure.revision)
    compared = versions.comparison(
        version_texts(exposure, first), version_texts(exposure, second), first, second,
        exposure.revisions,
    )  # fmt: skip
    return exposure, compared
