"""The monthly bulletin's section on 办理结论 and 查实率: over the reports resolved within the
month (whenever submitted), as its 办结情况 section counts them. The same small-number rule
applies: counts of 1–4 read "不足5件", and a rate (overall, or for one category, district or
department) is given only when at least `threshold` reports were concluded."""

from sqlalchemy import and_

from ...models import Conclusion, Report
from .disclosure import SMALL, Figure, protect, single
from .periods import Month
from .verified_rate import RateRow, rate_rows


def verified_section(month: Month, threshold: int) -> str:
    scope = and_(Report.resolved_at >= month.start(), Report.resolved_at < month.end())
    overall, by_category, by_district, by_department, counts = rate_rows(scope)
    concluded = single(overall.concluded, threshold)
    text = f"{month.label}办结的举报中，作出办理结论{_n(concluded)}"
    if overall.concluded >= threshold:
        by_value = {c.key: c.count for c in counts}
        offered = Conclusion.offered()
        figures = protect([by_value[c.value] for c in offered], threshold)
        parts = [f"{c.label}{_n(f)}" for c, f in zip(offered, figures, strict=True)]
        text += f"，其中{'、'.join(parts)}，查实率（属实和部分属实）为{overall.percent}%"
        groups = [
            _group("按举报类别", by_category, threshold),
            _group("按区县", by_district, threshold),
            _group("按承办部门", by_department, threshold),
        ]
        text += "。" + "".join(g for g in groups if g)
    else:
        text += f"，不足{threshold}件时不计算查实率。"
    if overall.unrecorded:
        text += (
            f"另有在记录办理结论之前办结的举报{_n(single(overall.unrecorded, threshold))}，"
            "办理结论为“未记录”，不计入查实率。"
        )
    return text


def _group(heading: str, rows: list[RateRow], threshold: int) -> str:
    # Protected as a table adding up to the published total, so that the groups left out
    # cannot be worked out from it.
    figures = protect([r.concluded for r in rows], threshold)
    shown = [r for r, f in zip(rows, figures, strict=True) if f.published and r.concluded]
    if not shown:
        return ""
    items = "；".join(f"{r.label}{r.percent}%（{r.concluded}件）" for r in shown)
    return f"{heading}，查实率为：{items}。"


def _n(figure: Figure) -> str:
    if figure.published:
        return f"{figure.value}件"
    if figure.mark == SMALL:
        return f"不足{figure.threshold}件"
    return "（件数不公布）"
