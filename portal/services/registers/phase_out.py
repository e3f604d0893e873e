"""The phase-out list (淘汰落后产能名单, plan §三(二)): items, their derived status, totals,
and their editing.

Whether an item is overdue is never stored: `status_of` derives it from the deadline and
today, for one item in Python or for the list as a SQL expression, from the same rule.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import fields as fields_of
from datetime import date
from decimal import Decimal

from sqlalchemy import case, select
from sqlalchemy.orm import contains_eager

from ...database import begin_write
from ...extensions import db
from ...models import Enterprise, Industry, PhaseOutCategory, PhaseOutItem
from ...models.types import LabelledEnum
from ..common import audit
from ..common.audit import Actor, Target
from .fields import Fields, InvalidFilter, RecordNotFound, choice_filter

CAPACITY_LIMIT = Decimal("1000000000")
# The industries the plan names for phase-out (小造纸、小水泥、小建材、小炼焦、小炼钢, 小煤矿).
INDUSTRIES = (
    Industry.PAPER, Industry.CEMENT, Industry.BUILDING_MATERIALS, Industry.COKING,
    Industry.STEEL, Industry.COAL_MINING, Industry.OTHER,
)  # fmt: skip


class PhaseOutStatus(LabelledEnum):
    PLANNED = "planned", "计划中"
    COMPLETED = "completed", "已完成"
    OVERDUE = "overdue", "逾期"


def status_of(item, today: date):
    """Completed once a completion date is recorded; otherwise overdue when the deadline has
    passed (a deadline of today is not yet overdue); otherwise planned.

    Given a PhaseOutItem, the status; given the PhaseOutItem class, the same rule as a SQL
    expression yielding the status value, for filtering the list in the database.
    """
    if isinstance(item, type):
        return case(
            (item.completed_on.is_not(None), PhaseOutStatus.COMPLETED.value),
            (item.deadline < today, PhaseOutStatus.OVERDUE.value),
            else_=PhaseOutStatus.PLANNED.value,
        )
    if item.completed_on is not None:
        return PhaseOutStatus.COMPLETED
    if item.deadline < today:
        return PhaseOutStatus.OVERDUE
    return PhaseOutStatus.PLANNED


@dataclass(frozen=True)
class PhaseOutFilters:
    industry: Industry | None = None
    category: PhaseOutCategory | None = None
    status: PhaseOutStatus | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.industry, self.category, self.status))


def parse_filters(args: Mapping[str, str]) -> PhaseOutFilters:
    industry = choice_filter(args, "industry", Industry, "行业")
    if industry is not None and industry not in INDUSTRIES:
        raise InvalidFilter(f"淘汰落后产能名单中没有行业“{industry.label}”。")
    return PhaseOutFilters(
        industry=industry,
        category=choice_filter(args, "category", PhaseOutCategory, "类别"),
        status=choice_filter(args, "status", PhaseOutStatus, "状态"),
    )


@dataclass
class Totals:
    """Counts per status, and capacity summed per product (industry) and unit: 5 万吨/年 of
    cement and 7 万吨/年 of paper are not "12 万吨/年", nor do 万吨/年 and 万千瓦 add up."""

    count: int = 0
    by_status: dict[PhaseOutStatus, int] = field(default_factory=lambda: defaultdict(int))
    capacity: dict[tuple[Industry, str], Decimal] = field(
        default_factory=lambda: defaultdict(Decimal)
    )

    def add(self, item: PhaseOutItem, status: PhaseOutStatus) -> None:
        self.count += 1
        self.by_status[status] += 1
        if item.capacity_value is not None:
            self.capacity[(item.industry, item.capacity_unit or "")] += item.capacity_value


def capacity_totals(items: list[tuple[PhaseOutItem, PhaseOutStatus]]) -> list[tuple]:
    """((industry, category, status, unit or None), (item count, capacity sum)), in a stable
    order: one row per group, capacity only ever summed within one product and one unit."""
    groups: dict[tuple, list] = defaultdict(lambda: [0, Decimal(0)])
    for item, status in items:
        unit = item.capacity_unit if item.capacity_value is not None else None
        group = groups[(item.industry, item.category, status, unit)]
        group[0] += 1
        group[1] += item.capacity_value or 0
    order = {member: position for position, member in enumerate((*Industry, *PhaseOutCategory))}
    statuses = list(PhaseOutStatus)

    def key(entry):
        industry, category, status, unit = entry[0]
        return (order[industry], order[category], statuses.index(status), unit or "")

    return sorted(((k, tuple(v)) for k, v in groups.items()), key=key)


@dataclass(frozen=True)
class PhaseOutList:
    items: list[tuple[PhaseOutItem, PhaseOutStatus]]
    by_industry: dict[Industry, Totals]
    by_category: dict[PhaseOutCategory, Totals]
    overall: Totals
    filters: PhaseOutFilters
    today: date


def phase_out_list(filters: PhaseOutFilters, today: date) -> PhaseOutList:
    """The items matching the filters, overdue ones first, with totals over them."""
    conditions = [
        column == value
        for column, value in (
            (PhaseOutItem.industry, filters.industry),
            (PhaseOutItem.category, filters.category),
            (status_of(PhaseOutItem, today), filters.status and filters.status.value),
        )
        if value is not None
    ]
    rows = db.session.scalars(
        select(PhaseOutItem)
        .join(PhaseOutItem.enterprise)
        .options(contains_eager(PhaseOutItem.enterprise))
        .where(*conditions)
        .order_by(PhaseOutItem.deadline, Enterprise.name, PhaseOutItem.id)
    )
    items = [(item, status_of(item, today)) for item in rows]
    items.sort(key=lambda pair: pair[1] is not PhaseOutStatus.OVERDUE)  # stable: overdue first
    by_industry: dict = {i: Totals() for i in INDUSTRIES}
    by_category: dict = {c: Totals() for c in PhaseOutCategory}
    overall = Totals()
    for item, status in items:
        by_industry.setdefault(item.industry, Totals()).add(item, status)
        by_category[item.category].add(item, status)
        overall.add(item, status)
    return PhaseOutList(items, by_industry, by_category, overall, filters, today)


def get_item(item_id: int) -> PhaseOutItem:
    item = db.session.get(PhaseOutItem, item_id)
    if item is None:
        raise RecordNotFound(item_id)
    return item


@dataclass(frozen=True)
class PhaseOutData:
    enterprise_id: int
    industry: Industry
    equipment: str
    capacity_value: Decimal | None
    capacity_unit: str | None
    category: PhaseOutCategory
    deadline: date
    completed_on: date | None
    verification: str | None
    note: str | None


def clean_phase_out(fields: Fields, *, enterprise_id: int | None, today: date) -> PhaseOutData:
    """Read an item's own fields (the enterprise is resolved by the caller)."""
    capacity = fields.amount("capacity_value", "产能", limit=CAPACITY_LIMIT, positive=True)
    unit = fields.text("capacity_unit", "产能单位", limit=20)
    if capacity is not None and not unit:
        fields.fail("capacity_unit", "填写产能时请同时填写单位，例如 万吨/年。")
    if unit and capacity is None and "capacity_value" not in fields.errors:
        fields.fail("capacity_value", "填写了产能单位，请同时填写产能数值。")
    completed = fields.day("completed_on", "完成日期", latest=today)
    verification = fields.text("verification", "核查情况", limit=2000)
    if completed and not verification:
        fields.fail(
            "verification", "已完成的项目请写明如何核查确认，例如：经现场核查，设备已拆除。"
        )
    if verification and not completed and "completed_on" not in fields.errors:
        fields.fail("completed_on", "填写了核查情况，请同时填写完成日期。")
    return PhaseOutData(
        enterprise_id=enterprise_id or 0,
        industry=fields.choice("industry", Industry, "行业", allowed=INDUSTRIES),
        equipment=fields.text("equipment", "设备或生产线", required=True, limit=200),
        capacity_value=capacity,
        capacity_unit=unit or None,
        category=fields.choice("category", PhaseOutCategory, "类别"),
        deadline=fields.day("deadline", "淘汰期限", required=True),
        completed_on=completed,
        verification=verification or None,
        note=fields.text("note", "备注", limit=2000) or None,
    )


def _validated(raw: Mapping[str, object], today: date) -> PhaseOutData:
    fields = Fields(raw)
    value = fields.text("enterprise", "企业", limit=20)
    enterprise = db.session.get(Enterprise, int(value)) if value.isdigit() else None
    if enterprise is None:
        fields.fail("enterprise", "请选择企业。" if not value else "所选企业不存在，请重新选择。")
    data = clean_phase_out(fields, enterprise_id=enterprise and enterprise.id, today=today)
    if fields.errors:
        db.session.rollback()
    fields.check()
    return data


def add_item(data: PhaseOutData, *, is_sample: bool) -> PhaseOutItem:
    """Add a validated item to the current transaction (the form and the CSV import)."""
    item = PhaseOutItem(is_sample=is_sample)
    _apply(item, data)
    db.session.add(item)
    db.session.flush()
    return item


def create_item(raw: Mapping[str, object], actor: Actor, today: date) -> PhaseOutItem:
    begin_write()
    item = add_item(_validated(raw, today), is_sample=False)
    audit.record("phase_out_created", actor, Target("phase_out_item", str(item.id)))
    db.session.commit()
    return item


def update_item(item_id: int, raw: Mapping[str, object], actor: Actor, today: date):
    begin_write()
    item = db.session.get(PhaseOutItem, item_id)
    if item is None:
        db.session.rollback()
        raise RecordNotFound(item_id)
    data = _validated(raw, today)
    changed = [f.name for f in fields_of(data) if getattr(item, f.name) != getattr(data, f.name)]
    _apply(item, data)
    audit.record(
        "phase_out_updated", actor, Target("phase_out_item", str(item.id)), changed=changed
    )
    db.session.commit()
    return item


def _apply(item: PhaseOutItem, data: PhaseOutData) -> None:
    for f in fields_of(data):
        setattr(item, f.name, getattr(data, f.name))


def form_values(item: PhaseOutItem) -> dict[str, str]:
    def text(value) -> str:
        if value is None:
            return ""
        return value.isoformat() if isinstance(value, date) else str(value)

    values = {f.name: text(getattr(item, f.name)) for f in fields_of(PhaseOutData)}
    return values | {"enterprise": str(item.enterprise_id)}
