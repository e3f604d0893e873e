"""The lists the API publishes, each declared once: its filters, order, cursor key, record
shape and CSV columns. The routes, the OpenAPI document and the /api page are all built from
this table, so a new list is one `Collection(...)` here or in register_collections.py, named in
catalogue.py.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from ..clock import today_local
from ..models import BulletinKind, Direction, District, Measure, ProgressStatus
from ..services.common.paging import Page, in_memory_page
from ..services.opendata import bulletins as api_bulletins
from ..services.opendata import outcomes as api_outcomes
from ..services.opendata import records as api_records
from ..services.opendata.params import (
    Filter,
    boolean_filter,
    choice_filter,
    enum_filter,
    integer_filter,
)
from ..services.plan.target_progress import TrackStatus
from . import serializers
from .bulletin_records import BULLETIN_SCHEMAS, bulletin_record


@dataclass(frozen=True)
class Collection:
    name: str  # URL segment: /api/v1/<name>
    title: str  # Chinese name, for the docs
    schema: str  # OpenAPI component name of one record
    key_name: str  # what identifies one record: /api/v1/<name>/{key_name}
    order: str  # the documented sort order
    filters: tuple[Filter, ...]
    key_types: tuple[type, ...]  # the cursor's shape
    page: Callable[[dict, tuple | None, int | None], Page]  # filters, after, limit (None: all)
    find: Callable[[str], object | None]
    record: Callable[[object], dict]
    has_csv: bool = False  # a CSV and XLSX download, whose columns opendata/datasets declares
    components: dict = field(default_factory=dict)  # OpenAPI schemas beyond schemas.COMPONENTS
    key_schema: dict = field(default_factory=lambda: {"type": "string", "minLength": 1})

    @property
    def endpoint(self) -> str:
        """The route's endpoint name: "phase-out" → api.phase_out."""
        return self.name.replace("-", "_")


def in_memory(fetch: Callable[[dict], list], key: Callable[[object], tuple]):
    """A `page` function for a small list the services load whole."""
    return lambda filters, after, limit: in_memory_page(fetch(filters), key, after, limit)


def section_filter(what: str) -> Filter:
    return choice_filter("section", api_records.section_slugs, f"{what}所在的方案章节（slug）")


def status_filter(what: str) -> Filter:
    return enum_filter("status", ProgressStatus, f"{what}的当前状态（status）")


SECTIONS = Collection(
    name="sections",
    title="工作方案章节",
    schema="Section",
    key_name="slug",
    order="按方案原文顺序（position）",
    filters=(
        integer_filter("level", 1, lambda: 6, "标题层级（level；1 为文件标题）"),
        choice_filter("parent", api_records.section_slugs, "上级章节（parent，slug）"),
    ),
    key_types=(int, int),
    page=in_memory(api_records.plan_sections, lambda s: (s.position, s.id)),
    find=api_records.find_section,
    record=serializers.section_record,
)

INDICATORS = Collection(
    name="indicators",
    title="量化目标及已发布数值",
    schema="Indicator",
    key_name="code",
    order="按方案中的顺序（position）",
    filters=(
        section_filter("指标"),
        enum_filter("direction", Direction, "方向（direction）：越低越好 / 越高越好"),
        enum_filter("measure", Measure, "目标的计量方式（measure）"),
        enum_filter("status", TrackStatus, "进展状态（status）"),
    ),
    key_types=(int, int),
    page=in_memory(api_records.indicators, lambda p: (p.indicator.position, p.indicator.id)),
    find=api_records.find_indicator,
    record=serializers.indicator_record,
    has_csv=True,  # its columns: opendata/datasets_*.py
)  # fmt: skip

COMMITMENTS = Collection(
    name="commitments",
    title="承诺时间表",
    schema="Commitment",
    key_name="code",
    order="按截止日期，同日按方案中的顺序（deadline, position）",
    filters=(
        status_filter("承诺"),
        integer_filter("year", 2000, lambda: 2100, "截止年份（year）"),
        section_filter("承诺"),
        choice_filter("department", api_records.department_codes, "责任部门代码（department）"),
        boolean_filter("overdue", "是否已过截止日期且尚无完成记录（overdue）"),
    ),
    key_types=(str, int, int),
    page=in_memory(
        lambda filters: api_records.commitments(filters, today_local()),
        lambda c: (c.deadline.isoformat(), c.position, c.id),
    ),
    find=api_records.find_commitment,
    record=lambda c: serializers.commitment_record(c, today_local()),
    has_csv=True,  # its columns: opendata/datasets_*.py
)  # fmt: skip

PROJECTS = Collection(
    name="projects",
    title="重点工程",
    schema="Project",
    key_name="code",
    order="按工程类别，类别内按方案中的顺序（group, position）",
    filters=(
        choice_filter("group", api_records.project_group_codes, "工程类别代码（group）"),
        status_filter("工程"),
        section_filter("工程"),
    ),
    key_types=(int, int, int, int),
    page=in_memory(
        api_records.projects, lambda p: (p.group.position, p.group.id, p.position, p.id)
    ),
    find=api_records.find_project,
    record=serializers.project_record,
    has_csv=True,  # its columns: opendata/datasets_*.py
)  # fmt: skip

OUTCOMES = Collection(
    name="outcomes",
    title="举报办理结果公开",
    schema="Outcome",
    key_name="number",
    order="按公开时间从新到旧（published_at 降序）",
    filters=(
        choice_filter(
            "category", api_records.report_category_codes, "举报类别代码（category）"
        ),
        enum_filter("district", District, "所在区县（district）"),
    ),
    key_types=api_outcomes.KEY_TYPES,
    page=api_outcomes.outcomes_after,
    find=api_outcomes.find_outcome,
    record=serializers.outcome_record,
    has_csv=True,  # its columns: opendata/datasets_*.py
)  # fmt: skip

BULLETINS = Collection(
    name="bulletins",
    title="通报公告",
    schema="Bulletin",
    key_name="index_number",
    order="按发布日期从新到旧（published_at 降序）",
    filters=(
        enum_filter("kind", BulletinKind, "通报类别（kind）"),
        integer_filter("year", 2000, lambda: 2100, "发布年份（year，北京时间）"),
    ),
    key_types=api_bulletins.KEY_TYPES,
    page=api_bulletins.bulletins_after,
    find=api_bulletins.find_bulletin,
    record=bulletin_record,
    has_csv=True,  # its columns: opendata/datasets_*.py
    components=BULLETIN_SCHEMAS,
)  # fmt: skip

PLAN_AND_PUBLICATIONS = (SECTIONS, INDICATORS, COMMITMENTS, PROJECTS, OUTCOMES, BULLETINS)
