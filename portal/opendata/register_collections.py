"""The public registers in the API: exposures, the phase-out list and enterprises."""

from flask import g

from ..clock import today_local
from ..models import District, Industry, PhaseOutCategory, Rectification
from ..services.opendata import records as api_records
from ..services.opendata import registers as api_registers
from ..services.opendata.params import boolean_filter, choice_filter, enum_filter, integer_filter
from ..services.registers.exposures import violation_types
from ..services.registers.phase_out import INDUSTRIES, PhaseOutStatus
from .collections import Collection, in_memory
from .register_records import (
    REGISTER_SCHEMAS,
    enterprise_record,
    exposure_record,
    phase_out_record,
)

RECORD_NUMBER = {"type": "string", "pattern": "^[1-9][0-9]{0,8}$"}


def violation_names() -> dict[str, str]:
    """code → name, read once per request however many records are written."""
    if "api_violation_names" not in g:
        g.api_violation_names = violation_types()
    return g.api_violation_names


EXPOSURES = Collection(
    name="exposures",
    title="曝光台",
    schema="Exposure",
    key_name="id",
    key_schema=RECORD_NUMBER,
    order="按公开日期从新到旧（published_on 降序）",
    filters=(
        integer_filter("year", 2000, lambda: 2100, "公开年份（year）"),
        enum_filter("district", District, "企业所在区县（district）"),
        enum_filter("industry", Industry, "企业所属行业（industry）"),
        choice_filter(
            "violation", api_records.report_category_codes, "违法类型代码（violation）"
        ),
        enum_filter("rectification", Rectification, "整改情况（rectification）"),
        boolean_filter("withdrawn", "是否包括已撤回的记录（withdrawn；默认不包括）"),
    ),
    key_types=api_registers.EXPOSURE_KEY_TYPES,
    page=api_registers.exposures_after,
    find=api_registers.find_exposure,
    record=lambda x: exposure_record(x, violation_names()),
    has_csv=True,  # its columns: opendata/datasets_*.py
    components=REGISTER_SCHEMAS,
)  # fmt: skip

PHASE_OUT = Collection(
    name="phase-out",
    title="淘汰落后产能名单",
    schema="PhaseOutItem",
    key_name="id",
    key_schema=RECORD_NUMBER,
    order="按淘汰期限，同日按记录编号（deadline, id）",
    filters=(
        enum_filter("industry", Industry, "行业（industry）", INDUSTRIES),
        enum_filter("category", PhaseOutCategory, "类别（category）"),
        enum_filter("status", PhaseOutStatus, "状态（status）：计划中 / 已完成 / 逾期"),
    ),
    key_types=(str, int),
    page=lambda filters, after, limit: api_registers.phase_out_page(
        filters, after, limit, today_local()
    ),
    find=lambda key: api_registers.find_phase_out_item(key, today_local()),
    record=phase_out_record,
    has_csv=True,  # its columns: opendata/datasets_*.py
)  # fmt: skip

ENTERPRISES = Collection(
    name="enterprises",
    title="企业名录",
    schema="Enterprise",
    key_name="id",
    key_schema=RECORD_NUMBER,
    order="按企业名称，同名按记录编号（name, id）",
    filters=(
        enum_filter("district", District, "所在区县（district）"),
        enum_filter("industry", Industry, "所属行业（industry）"),
    ),
    key_types=(str, int),
    page=in_memory(api_registers.enterprises, lambda e: (e.name, e.id)),
    find=api_registers.find_enterprise,
    record=enterprise_record,
    has_csv=True,  # its columns: opendata/datasets_*.py
)  # fmt: skip

REGISTERS = (EXPOSURES, PHASE_OUT, ENTERPRISES)
