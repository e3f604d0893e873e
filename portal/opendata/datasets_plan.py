"""The plan's tables and the publications: targets and their published values, commitments,
projects, report outcomes and statistics, bulletins and the values in them.

Values are labels (状态 “进度滞后”), with the code beside them in a `_code` column where a
script needs it; series are tidy — one row per observation — so they chart as they are.
"""

from datetime import UTC, datetime

from ..models import (
    BulletinKind,
    Conclusion,
    Direction,
    District,
    Measure,
    ProgressStatus,
    Validity,
)
from ..services.opendata import bulletins as api_bulletins
from ..services.plan.target_progress import TrackStatus
from ..services.reports.periods import published_period
from ..services.reports.stats import report_stats
from ..services.reports.stats_export import stats_rows
from ..services.reports.stats_public import published_stats
from ..services.reports.verified_rate import with_verified_rate
from ..settings import settings
from .bulletin_records import bulletin_record
from .catalogue import COLLECTIONS
from .tables import Column, Dataset, ForeignKey, codes, labels

# The plan's wording for how a target is met; "=" itself would read as a formula in a spreadsheet.
COMPARATORS = {"=": "达到", ">=": "不低于", "<=": "不高于", ">": "高于", "<": "低于"}


def records(name: str):
    """Rows of an API list: its records, as /api/v1/<name> publishes them."""
    collection = COLLECTIONS[name]

    def rows(filters: dict):
        page = collection.page(filters, None, None)
        return (collection.record(item) for item in page.items)

    return rows


def sample(what: str) -> Column:
    return Column("is_sample", "示例数据", "boolean", "sample", f"{what}是否为演示用的虚构数据")


def url(what: str) -> Column:
    return Column("url", "网页链接", "string", "url", f"{what}在本站的固定链接", required=True)


def status_columns(enum, what: str) -> tuple[Column, ...]:
    return (
        Column(
            "status", "状态", "string", "status_label", f"{what}的当前状态", allowed=labels(enum)
        ),
        Column(
            "status_code", "状态代码", "string", "status", "状态的英文代码", allowed=codes(enum)
        ),
    )


def section_columns(what: str) -> tuple[Column, ...]:
    return (
        Column("section_slug", "方案章节代码", "string", "section.slug", f"{what}所在的方案章节"),
        Column("section_title", "方案章节", "string", "section.title", "章节标题"),
    )


def _comparator(record: dict) -> str:
    return COMPARATORS.get(record["comparator"], record["comparator"])


INDICATORS = Dataset(
    name="indicators",
    title="量化目标",
    description="方案中的每项量化指标：基准值、目标值、当前进展。已发布的数值见“量化目标数值”。",
    frequency="有新的通报数值时更新",
    rows=records("indicators"),
    collection="indicators",
    primary_key=("code",),
    columns=(
        Column("code", "指标代码", "string", "code", "指标的固定代码", required=True),
        Column("name", "指标名称", "string", "name", "方案中的指标名称", required=True),
        Column("unit", "单位", "string", "unit", "基准值、目标值和已发布数值的单位"),
        Column("measure", "计量方式", "string", "measure_label", "目标如何计量", allowed=labels(Measure)),
        Column("measure_code", "计量方式代码", "string", "measure", "计量方式的英文代码", allowed=codes(Measure)),
        Column("direction", "方向", "string", "direction_label", "数值越低越好还是越高越好", allowed=labels(Direction)),
        Column("direction_code", "方向代码", "string", "direction", "方向的英文代码", allowed=codes(Direction)),
        Column("comparator", "目标要求", "string", _comparator, "目标值是要达到、不低于还是不高于", allowed=lambda: list(COMPARATORS.values())),
        Column("baseline_year", "基准年", "integer", "baseline_year", "基准值所在年份"),
        Column("baseline_value", "基准值", "number", "baseline_value", "基准年的数值（单位见“单位”列）"),
        Column("target_year", "目标年", "integer", "target_year", "目标应达到的年份"),
        Column("target_value", "目标值", "number", "target_value", "目标年应达到的数值（单位见“单位”列）"),
        Column("stated_change", "方案表述", "string", "stated_change", "方案原文对变化的表述"),
        *(
            Column(c.key, c.title, c.type, f"progress.{c.source}", c.description, allowed=c.allowed)
            for c in status_columns(TrackStatus, "指标进展")
        ),
        Column("percent", "完成进度", "number", "progress.percent", "按最新数值计算的完成进度", unit="%"),
        Column("expected_percent", "应达进度", "number", "progress.expected_percent", "按时间推算此时应达的进度", unit="%"),
        Column("value_count", "已发布数值个数", "integer", lambda r: len(r["values"]), "“量化目标数值”中此指标的行数"),
        *section_columns("指标"),
        sample("指标数值"),
        url("指标"),
    ),
)  # fmt: skip


def indicator_values(filters: dict):
    for record in records("indicators")(filters):
        for value in record["values"]:
            yield {**value, "indicator": record}


INDICATOR_VALUES = Dataset(
    name="indicator-values",
    title="量化目标数值",
    description="每项指标每个统计期的已发布数值，一行一个数值，注明来源通报，可直接作图。",
    frequency="有新的通报数值时更新",
    rows=indicator_values,
    primary_key=("indicator_code", "period"),
    foreign_keys=(
        ForeignKey("indicator_code", "indicators", "code"),
        ForeignKey("bulletin_index_number", "bulletins", "index_number"),
    ),
    modified="bulletin_published_at",
    narrow_by=("indicator_code", "bulletin_index_number"),
    columns=(
        Column("indicator_code", "指标代码", "string", "indicator.code", "指标的固定代码", required=True),
        Column("indicator_name", "指标名称", "string", "indicator.name", "方案中的指标名称"),
        Column("period", "统计期", "string", "period", "统计期代码，如 2008、2008Q4、2008-11", required=True),
        Column("period_label", "统计期（中文）", "string", "period_label", "统计期的中文写法"),
        Column("period_end", "统计期末", "date", "period_end", "统计期的最后一天"),
        Column("value", "数值", "number", "value", "通报公布的数值，按原文精度", required=True),
        Column("unit", "单位", "string", "indicator.unit", "数值的单位"),
        Column("note", "说明", "string", "note", "通报对此数值的说明"),
        Column("bulletin_index_number", "来源通报索引号", "string", "bulletin.index_number", "公布此数值的通报"),
        Column("bulletin_title", "来源通报", "string", "bulletin.title", "通报标题"),
        Column("bulletin_published_at", "通报发布时间", "datetime", "bulletin.published_at", "通报的发布时间"),
        sample("数值"),
        Column("bulletin_url", "来源通报链接", "string", "bulletin.url", "通报在本站的固定链接"),
    ),
)  # fmt: skip

COMMITMENTS = Dataset(
    name="commitments",
    title="承诺时间表",
    description="方案中有期限的每项承诺：期限、责任部门、当前状态和最近一次进展说明。",
    frequency="有进展记录时更新",
    rows=records("commitments"),
    collection="commitments",
    primary_key=("code",),
    foreign_keys=(ForeignKey("indicator_code", "indicators", "code"),),
    modified="status_noted_on",
    columns=(
        Column("code", "承诺代码", "string", "code", "承诺的固定代码", required=True),
        Column("title", "承诺内容", "string", "title", "方案中的承诺", required=True),
        Column("deadline", "截止日期", "date", "deadline", "承诺的截止日期", required=True),
        Column("deadline_text", "期限（原文）", "string", "deadline_text", "方案原文中的期限"),
        *status_columns(ProgressStatus, "承诺"),
        Column("status_noted_on", "状态记录日期", "date", "status_noted_on", "最近一次进展记录的日期"),
        Column("status_note", "进展说明", "string", "status_note", "最近一次进展记录的说明"),
        Column("overdue", "已逾期", "boolean", "overdue", "是否已过截止日期且尚无完成记录"),
        Column("departments", "责任部门", "string", "departments[].name", "牵头和参与部门，多个以“; ”分隔"),
        Column("indicator_code", "相关指标代码", "string", "indicator", "承诺对应的量化指标"),
        *section_columns("承诺"),
        sample("状态"),
        url("承诺"),
    ),
)  # fmt: skip

PROJECTS = Dataset(
    name="projects",
    title="重点工程",
    description="方案列出的重点工程：类别、实施单位、期限和当前状态。",
    frequency="有进展记录时更新",
    rows=records("projects"),
    collection="projects",
    primary_key=("code",),
    modified="status_noted_on",
    columns=(
        Column("code", "工程代码", "string", "code", "工程的固定代码", required=True),
        Column("name", "工程名称", "string", "name", "方案中的工程名称", required=True),
        Column("group", "工程类别", "string", "group.name", "方案中的工程分组"),
        Column("group_code", "工程类别代码", "string", "group.code", "工程分组的代码"),
        Column("category", "工程性质", "string", "category", "方案中的工程性质"),
        Column("owner", "实施单位", "string", "owner", "负责实施的单位"),
        Column("deadline", "截止日期", "date", "deadline", "工程的截止日期"),
        Column("deadline_text", "期限（原文）", "string", "deadline_text", "方案原文中的期限"),
        *status_columns(ProgressStatus, "工程"),
        Column("status_noted_on", "状态记录日期", "date", "status_noted_on", "最近一次进展记录的日期"),
        Column("status_note", "进展说明", "string", "status_note", "最近一次进展记录的说明"),
        *section_columns("工程")[:1],
        sample("状态"),
        url("工程"),
    ),
)  # fmt: skip

OUTCOMES = Dataset(
    name="outcomes",
    title="举报办理结果公开",
    description="已办结并公开的举报：类别、区县、日期、概要和办理结果（不含举报人信息）。",
    frequency="每有结果公开即更新",
    rows=records("outcomes"),
    collection="outcomes",
    primary_key=("number",),
    modified="published_at",
    columns=(
        Column("number", "举报编号", "string", "number", "举报的公开编号", required=True),
        Column("category", "举报类别", "string", "category.name", "举报所属类别"),
        Column("category_code", "举报类别代码", "string", "category.code", "类别的英文代码"),
        Column("district", "区县", "string", "district.name", "被举报事项所在区县", allowed=labels(District)),
        Column("district_code", "区县代码", "string", "district.code", "区县的英文代码", allowed=codes(District)),
        Column("submitted_on", "举报日期", "date", "submitted_on", "收到举报的日期"),
        Column("accepted_on", "受理日期", "date", "accepted_on", "受理的日期"),
        Column("resolved_on", "答复日期", "date", "resolved_on", "办结并答复举报人的日期（首次办结）"),
        Column("department", "承办部门", "string", "department", "承办（答复）部门"),
        Column("conclusion", "办理结论", "string", "conclusion.name", "属实、部分属实、不属实、无法核实，或未记录", allowed=labels(Conclusion)),
        Column("conclusion_code", "办理结论代码", "string", "conclusion.code", "办理结论的英文代码", allowed=codes(Conclusion)),
        Column("published_at", "公开时间", "datetime", "published_at", "结果公开的时间"),
        Column("summary", "举报概要", "string", "summary", "经编辑的举报概要"),
        Column("result", "办理结果", "string", "result", "办理结果"),
        sample("举报"),
        url("办理结果"),
    ),
)  # fmt: skip

BULLETINS = Dataset(
    name="bulletins",
    title="通报公告",
    description="已发布的通报公告的元数据；通报中的数值见“通报数值”。",
    frequency="每有通报发布即更新",
    rows=records("bulletins"),
    collection="bulletins",
    primary_key=("index_number",),
    modified="published_at",
    columns=(
        Column("index_number", "索引号", "string", "index_number", "通报的索引号", required=True),
        Column("kind", "类别", "string", "kind_label", "通报类别", allowed=labels(BulletinKind)),
        Column("kind_code", "类别代码", "string", "kind", "类别的英文代码", allowed=codes(BulletinKind)),
        Column("title", "标题", "string", "title", "通报标题", required=True),
        Column("document_number", "文号", "string", "document_number", "发文字号"),
        Column("issuing_body", "发布机构", "string", "issuing_body", "发文机关"),
        Column("written_on", "成文日期", "date", "written_on", "成文日期"),
        Column("published_at", "发布时间", "datetime", "published_at", "在本站发布的时间"),
        Column("validity", "效力", "string", "validity_label", "通报现在是否有效", allowed=labels(Validity)),
        Column("validity_code", "效力代码", "string", "validity", "效力的英文代码", allowed=codes(Validity)),
        Column("revision", "版本", "integer", "revision", "现行版本号（1 为原版，更正后递增）"),
        Column("subject_category", "主题分类", "string", "subject_category", "主题分类"),
        Column("keywords", "主题词", "string", "keywords", "主题词"),
        Column("value_count", "数值个数", "integer", lambda r: len(r["values"]), "“通报数值”中此通报的行数"),
        sample("通报"),
        url("通报"),
    ),
)  # fmt: skip


def bulletin_values(filters: dict):
    for bulletin in api_bulletins.bulletins_after(filters, None, None).items:
        record = bulletin_record(bulletin)
        for value in record["values"]:
            yield {**value, "bulletin": record}


BULLETIN_VALUES = Dataset(
    name="bulletin-values",
    title="通报数值",
    description="每份通报公布的每个数值（含后来被新数值取代的），一行一个数值。",
    frequency="每有通报发布即更新",
    rows=bulletin_values,
    primary_key=("bulletin_index_number", "indicator_code", "period"),
    foreign_keys=(
        ForeignKey("bulletin_index_number", "bulletins", "index_number"),
        ForeignKey("indicator_code", "indicators", "code"),
    ),
    modified="bulletin_published_at",
    narrow_by=("bulletin_index_number", "indicator_code"),
    columns=(
        Column("bulletin_index_number", "通报索引号", "string", "bulletin.index_number", "公布数值的通报", required=True),
        Column("bulletin_title", "通报标题", "string", "bulletin.title", "通报标题"),
        Column("bulletin_published_at", "通报发布时间", "datetime", "bulletin.published_at", "通报的发布时间"),
        Column("indicator_code", "指标代码", "string", "indicator", "指标的固定代码", required=True),
        Column("indicator_name", "指标名称", "string", "indicator_name", "方案中的指标名称"),
        Column("period", "统计期", "string", "period", "统计期代码，如 2008、2008Q4、2008-11", required=True),
        Column("period_end", "统计期末", "date", "period_end", "统计期的最后一天"),
        Column("value", "数值", "number", "value", "通报公布的数值，按原文精度", required=True),
        Column("unit", "单位", "string", "unit", "数值的单位"),
        Column("note", "说明", "string", "note", "通报对此数值的说明"),
        Column("is_sample", "示例数据", "boolean", "bulletin.sample", "通报是否为演示用的虚构数据"),
        Column("bulletin_url", "通报链接", "string", "bulletin.url", "通报在本站的固定链接"),
    ),
)  # fmt: skip

STATS_KEYS = ("period", "group", "item", "code", "measure", "value", "unit", "mark")


def stats(filters: dict):
    now = datetime.now(UTC)
    period = published_period(None, now)
    figures = published_stats(report_stats(period, now, settings().time_limits))
    table = stats_rows(with_verified_rate(figures))
    return (dict(zip(STATS_KEYS, row, strict=True)) for row in table[1:])


REPORT_STATS = Dataset(
    name="report-stats",
    title="举报统计",
    description="本年度已结束月份的举报统计，一行一个数字；少于 5 件的不公布，只标“<5”。",
    frequency="每月初更新上月数据",
    rows=stats,
    primary_key=(),
    columns=(
        Column("period", "统计期间", "string", "period", "统计所覆盖的月份", required=True),
        Column("group", "分组", "string", "group", "总体、时效、按月份、按类别或按区县", required=True),
        Column("item", "项目", "string", "item", "分组中的一项，如某月、某类别", required=True),
        Column("code", "代码", "string", "code", "项目的代码（月份、类别或区县）"),
        Column("measure", "指标", "string", "measure", "统计的是什么", required=True),
        Column("value", "数值", "number", "value", "统计值；不公布时为空，见“标记”"),
        Column("unit", "单位", "string", "unit", "件、天或 %", allowed=lambda: ["件", "天", "%"]),
        Column("mark", "标记", "string", "mark", "“<5”：1 至 4 件，不公布；“×”：为防推算而隐去"),
    ),
)  # fmt: skip

PLAN_DATASETS = (
    INDICATORS, INDICATOR_VALUES, COMMITMENTS, PROJECTS, OUTCOMES, BULLETINS, BULLETIN_VALUES,
    REPORT_STATS,
)  # fmt: skip
