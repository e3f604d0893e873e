"""The versions of a public bulletin as plain texts, and the comparison of two of them
(/bulletins/<id>/diff). The current version is the bulletin; earlier ones are its kept texts."""

from ...models import Bulletin
from ..common import versions
from ..common.textdiff import text_of_html
from .queries import earlier_text


def _value_line(v: dict) -> str:
    note = f"（{v['note']}）" if v["note"] else ""
    return f"{v['name']} {v['period']}：{v['value']} {v['unit']}{note}"


def _values_text(values: list[dict]) -> str:
    return "\n".join(_value_line(v) for v in values)


def version_texts(bulletin: Bulletin, number: int) -> dict[str, str]:
    """What a reader sees of version `number`, field by field (label → text)."""
    if number == bulletin.revision:
        shown = bulletin
        values = [
            {"name": v.indicator.name, "period": v.period, "value": v.value,
             "unit": v.indicator.unit, "note": v.note}
            for v in bulletin.values
        ]  # fmt: skip
        files = [a.original_name for a in bulletin.attachments]
    else:
        shown = earlier_text(bulletin, number)
        values, files = shown.values, shown.attachments
    return {
        "标题": shown.title,
        "类别": shown.kind.label,
        "主题分类": str(shown.subject_category),
        "发文机关": shown.issuing_body,
        "成文日期": shown.written_on.isoformat(),
        "发文字号": shown.document_number or "",
        "主题词": shown.keywords,
        "正文": text_of_html(shown.body_html),
        "指标数值": _values_text(values),
        "附件": "\n".join(files),
    }


def compare_versions(
    bulletin: Bulletin, earlier: str | None, later: str | None
) -> versions.Comparison:
    """InvalidVersions (400) for numbers that are not two of the bulletin's versions."""
    first, second = versions.parse_range(earlier, later, bulletin.revision)
    return versions.comparison(
        version_texts(bulletin, first), version_texts(bulletin, second), first, second,
        bulletin.revisions,
    )  # fmt: skip
