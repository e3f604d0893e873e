"""The public registers' tables: enterprises, exposures, the phase-out list and its totals.

Phase-out capacity is only ever added up within one industry (the product: paper, cement,
coal…) and one unit: 5 万吨/年 of cement and 7 万吨/年 of paper are two rows, never "12 万吨/年".
"""

from ..clock import today_local
from ..models import District, Industry, PhaseOutCategory, RecordState, Rectification
from ..services.registers.phase_out import (
    INDUSTRIES,
    PhaseOutFilters,
    PhaseOutStatus,
    capacity_totals,
    phase_out_list,
)
from .datasets_plan import records, sample, url
from .tables import Column, Dataset, ForeignKey, codes, labels


def enterprise_columns(source: str) -> tuple[Column, ...]:
    return (
        Column("enterprise_id", "企业编号", "integer", f"{source}.id", "企业名录中的编号", required=True),
        Column("enterprise", "企业名称", "string", f"{source}.name", "企业名称"),
        Column("enterprise_uscc", "统一社会信用代码", "string", f"{source}.uscc", "企业的统一社会信用代码"),
        Column("district", "区县", "string", f"{source}.district_label", "企业所在区县", allowed=labels(District)),
    )  # fmt: skip


ENTERPRISE_KEY = ForeignKey("enterprise_id", "enterprises", "id")

ENTERPRISES = Dataset(
    name="enterprises",
    title="企业名录",
    description="曝光台和淘汰落后产能名单涉及的企业。",
    frequency="企业信息变更时更新",
    rows=records("enterprises"),
    collection="enterprises",
    primary_key=("id",),
    columns=(
        Column("id", "企业编号", "integer", "id", "企业名录中的编号", required=True),
        Column("name", "企业名称", "string", "name", "企业名称", required=True),
        Column("uscc", "统一社会信用代码", "string", "uscc", "企业的统一社会信用代码"),
        Column("district", "区县", "string", "district_label", "所在区县", allowed=labels(District)),
        Column("district_code", "区县代码", "string", "district", "区县的英文代码", allowed=codes(District)),
        Column("industry", "行业", "string", "industry_label", "所属行业", allowed=labels(Industry)),
        Column("industry_code", "行业代码", "string", "industry", "行业的英文代码", allowed=codes(Industry)),
        Column("address", "地址", "string", "address", "企业的登记地址"),
        sample("企业"),
        url("企业"),
    ),
)  # fmt: skip

EXPOSURES = Dataset(
    name="exposures",
    title="曝光台",
    description="公开曝光的环境违法案件：企业、违法类型、处罚决定和整改情况（不含已撤回的）。",
    frequency="每有曝光或更正即更新",
    rows=records("exposures"),
    collection="exposures",
    primary_key=("id",),
    foreign_keys=(ENTERPRISE_KEY,),
    modified="published_on",
    narrow_by=("enterprise_id",),
    columns=(
        Column("id", "曝光编号", "integer", "id", "曝光台记录编号", required=True),
        *enterprise_columns("enterprise"),
        Column("violation", "违法类型", "string", "violation_label", "违法行为的类型"),
        Column("violation_code", "违法类型代码", "string", "violation_type", "违法类型的代码"),
        Column("decision_number", "处罚决定书文号", "string", "decision_number", "行政处罚决定书文号"),
        Column("decision_date", "处罚决定日期", "date", "decision_date", "作出处罚决定的日期"),
        Column("published_on", "公开日期", "date", "published_on", "在曝光台公开的日期"),
        Column("penalties", "处罚种类", "string", "penalties[].label", "处罚种类，多个以“; ”分隔"),
        Column("fine_yuan", "罚款金额", "number", "fine_yuan", "罚款金额", unit="元"),
        Column("rectification", "整改情况", "string", "rectification_label", "整改情况", allowed=labels(Rectification)),
        Column("rectification_code", "整改情况代码", "string", "rectification", "整改情况的英文代码", allowed=codes(Rectification)),
        Column("state", "记录状态", "string", lambda r: RecordState(r["state"]).label, "公开或已撤回", allowed=labels(RecordState)),
        Column("revision", "版本", "integer", "revision", "现行版本号（1 为原版，更正后递增）"),
        Column("facts", "违法事实", "string", "facts", "违法事实"),
        Column("legal_basis", "处罚依据", "string", "legal_basis", "处罚依据"),
        Column("penalty_text", "处罚内容", "string", "penalty_text", "处罚决定的内容"),
        sample("曝光记录"),
        url("曝光记录"),
    ),
)  # fmt: skip

PHASE_OUT = Dataset(
    name="phase-out",
    title="淘汰落后产能名单",
    description="每项淘汰落后产能任务：企业、行业、设备、产能、类别、期限和完成情况。",
    frequency="每有新增或完成即更新",
    rows=records("phase-out"),
    collection="phase-out",
    primary_key=("id",),
    foreign_keys=(ENTERPRISE_KEY,),
    modified="updated_at",
    narrow_by=("enterprise_id",),
    columns=(
        Column("id", "项目编号", "integer", "id", "名单中的编号", required=True),
        *enterprise_columns("enterprise"),
        Column("industry", "行业", "string", "industry_label", "行业（淘汰的产品）", allowed=labels(Industry, INDUSTRIES)),
        Column("industry_code", "行业代码", "string", "industry", "行业的英文代码", allowed=codes(Industry, INDUSTRIES)),
        Column("equipment", "设备或生产线", "string", "equipment", "要淘汰的设备或生产线", required=True),
        Column("capacity_value", "产能", "number", "capacity_value", "产能数值（单位见“产能单位”列）"),
        Column("capacity_unit", "产能单位", "string", "capacity_unit", "产能的单位，如 万吨/年"),
        Column("category", "类别", "string", "category_label", "淘汰关停、限期整改或技术改造升级", allowed=labels(PhaseOutCategory)),
        Column("category_code", "类别代码", "string", "category", "类别的英文代码", allowed=codes(PhaseOutCategory)),
        Column("deadline", "淘汰期限", "date", "deadline", "应完成的日期", required=True),
        Column("completed_on", "完成日期", "date", "completed_on", "核查确认完成的日期"),
        Column("status", "状态", "string", "status_label", "按期限和今天推算", allowed=labels(PhaseOutStatus)),
        Column("status_code", "状态代码", "string", "status", "状态的英文代码", allowed=codes(PhaseOutStatus)),
        Column("verification", "核查情况", "string", "verification", "如何核查确认完成"),
        Column("note", "备注", "string", "note", "备注"),
        Column("updated_at", "更新时间", "datetime", "updated_at", "记录最后修改的时间"),
        sample("项目"),
        url("项目"),
    ),
)  # fmt: skip

NO_CAPACITY = "（未填产能）"


def phase_out_totals(filters: dict):
    listing = phase_out_list(PhaseOutFilters(), today_local())
    for (industry, category, status, unit), (count, total) in capacity_totals(listing.items):
        yield {
            "industry": industry, "category": category, "status": status,
            "unit": unit or NO_CAPACITY, "count": count,
            "total": None if unit is None else format(total, "f"),
        }  # fmt: skip


PHASE_OUT_TOTALS = Dataset(
    name="phase-out-totals",
    title="淘汰落后产能汇总",
    description="按行业（产品）、类别、状态和产能单位汇总的项目数和产能；不同产品、不同单位从不相加。",
    frequency="每有新增或完成即更新",
    rows=phase_out_totals,
    primary_key=("industry_code", "category_code", "status_code", "capacity_unit"),
    columns=(
        Column("industry", "行业", "string", lambda r: r["industry"].label, "行业（淘汰的产品）", allowed=labels(Industry, INDUSTRIES)),
        Column("industry_code", "行业代码", "string", lambda r: r["industry"].value, "行业的英文代码", required=True, allowed=codes(Industry, INDUSTRIES)),
        Column("category", "类别", "string", lambda r: r["category"].label, "淘汰关停、限期整改或技术改造升级", allowed=labels(PhaseOutCategory)),
        Column("category_code", "类别代码", "string", lambda r: r["category"].value, "类别的英文代码", required=True, allowed=codes(PhaseOutCategory)),
        Column("status", "状态", "string", lambda r: r["status"].label, "按期限和今天推算", allowed=labels(PhaseOutStatus)),
        Column("status_code", "状态代码", "string", lambda r: r["status"].value, "状态的英文代码", required=True, allowed=codes(PhaseOutStatus)),
        Column("capacity_unit", "产能单位", "string", "unit", f"产能的单位；未填写产能的项目记为“{NO_CAPACITY}”", required=True),
        Column("item_count", "项目数", "integer", "count", "此组的项目数", required=True),
        Column("capacity_total", "产能合计", "number", "total", "此组的产能之和（同一产品、同一单位）"),
    ),
)  # fmt: skip

REGISTER_DATASETS = (EXPOSURES, PHASE_OUT, PHASE_OUT_TOTALS, ENTERPRISES)
