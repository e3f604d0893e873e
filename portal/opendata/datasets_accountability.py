"""The 考核 table as open data: one row per unit, year and criterion (and the weighted total)."""

from ..clock import today_local
from ..services.departments.accountability import accountability_table, load_method
from .tables import Column, Dataset

NO_DATA = "无数据"


def _number(value):
    return None if value is None else float(value)  # JSON has no Decimal


def rows(filters: dict):
    method = load_method()
    for row in accountability_table(method, today_local()):
        unit = {"year": row.year, "kind": row.kind, "code": row.code, "name": row.name}
        for c in method.criteria:
            score = row.scores[c.code]
            yield {
                **unit, "criterion_code": c.code, "criterion": c.title, "weight": c.weight,
                "value": _number(score.percent), "numerator": score.numerator if score.denominator else None,
                "denominator": score.denominator or None, "is_sample": score.is_sample,
                "mark": NO_DATA if score.percent is None else None,
            }  # fmt: skip
        yield {
            **unit, "criterion_code": "total", "criterion": "加权总分", "weight": 100,
            "value": _number(row.total), "numerator": None, "denominator": None, "is_sample": False,
            "mark": NO_DATA if row.total is None else None,
        }  # fmt: skip


ACCOUNTABILITY = Dataset(
    name="accountability",
    title="考核表",
    description="按本站试行考核办法（content/accountability-method.yaml）计算的各部门、区县逐年得分，"
    "一行一个标准；没有记录可据以计算的为空，标“无数据”，不作估算。",
    frequency="有新的进展记录时更新",
    rows=rows,
    primary_key=("year", "unit_kind", "unit_code", "criterion_code"),
    narrow_by=("year", "unit_code"),
    columns=(
        Column("year", "年度", "integer", "year", "考核年度", required=True),
        Column("unit_kind", "单位类型", "string", lambda r: "部门" if r["kind"] == "department" else "区县", "部门或区县", allowed=lambda: ["部门", "区县"], required=True),
        Column("unit_code", "单位代码", "string", "code", "部门或区县的固定代码", required=True),
        Column("unit_name", "单位", "string", "name", "部门或区县名称", required=True),
        Column("criterion_code", "标准代码", "string", "criterion_code", "考核标准的代码；total 为加权总分", required=True),
        Column("criterion", "标准", "string", "criterion", "考核标准", required=True),
        Column("weight", "权重", "integer", "weight", "标准的权重（总分为 100）"),
        Column("value", "得分", "number", "value", "得分；无数据时为空", unit="%"),
        Column("numerator", "达标项数", "integer", "numerator", "按期完成的承诺数"),
        Column("denominator", "应考项数", "integer", "denominator", "当年到期的承诺数"),
        Column("mark", "标记", "string", "mark", "“无数据”：没有可据以计算的记录", allowed=lambda: [NO_DATA]),
        Column("is_sample", "示例数据", "boolean", "is_sample", "得分是否用到演示用的虚构进展记录"),
    ),
)  # fmt: skip
