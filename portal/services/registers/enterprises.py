"""Enterprises named in the registers: their rules (name, 统一社会信用代码 checked with
python-stdnum, unique when present), their editing, and the public page that gathers what
the portal publishes about each of them."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from stdnum.cn import uscc as uscc_rules
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

from ...database import begin_write
from ...extensions import db
from ...models import (
    Conclusion,
    District,
    Enterprise,
    Exposure,
    Industry,
    PhaseOutItem,
    Project,
    PublishedOutcome,
    RecordState,
    Report,
    ReportCategory,
    ReportStatus,
)
from ..common import audit
from ..common.audit import Actor, Target
from .fields import Fields, InvalidRecord, RecordNotFound

NAME_LIMIT = 200
ADDRESS_LIMIT = 300


@dataclass(frozen=True)
class EnterpriseData:
    name: str
    uscc: str | None
    district: District | None
    industry: Industry
    address: str | None


def clean_uscc(fields: Fields, name: str = "uscc") -> str | None:
    """The code in its canonical form (18 characters, upper case), or None when left blank."""
    value = fields.text(name, "统一社会信用代码", limit=40)
    if not value:
        return None
    try:
        return uscc_rules.validate(value)
    except InvalidLength:
        fields.fail(name, "统一社会信用代码应为 18 位。")
    except InvalidChecksum:
        fields.fail(name, "统一社会信用代码校验位不符，请核对后重新填写。")
    except ValidationError:
        fields.fail(name, "统一社会信用代码格式不正确（应为 18 位数字和大写字母）。")
    return None


def clean_enterprise(fields: Fields) -> EnterpriseData:
    """Read an enterprise's fields; errors are collected in `fields`."""
    name = fields.text("name", "企业名称", required=True, limit=NAME_LIMIT)
    return EnterpriseData(
        name=name,
        uscc=clean_uscc(fields),
        district=fields.choice("district", District, "区县", optional=True),
        industry=fields.choice("industry", Industry, "行业", default=Industry.OTHER),
        address=fields.text("address", "企业地址", limit=ADDRESS_LIMIT) or None,
    )


def create_enterprise(raw: Mapping[str, object], actor: Actor) -> Enterprise:
    begin_write()
    data = _validated(raw, None)
    enterprise = Enterprise(is_sample=False)
    _apply(enterprise, data)
    db.session.add(enterprise)
    _flush_or_duplicate()
    audit.record("enterprise_created", actor, Target("enterprise", str(enterprise.id)))
    db.session.commit()
    return enterprise


def update_enterprise(enterprise_id: int, raw: Mapping[str, object], actor: Actor) -> Enterprise:
    begin_write()
    enterprise = _in_write(get_enterprise, enterprise_id)
    data = _validated(raw, enterprise_id)
    changed = sorted(k for k, v in data.__dict__.items() if getattr(enterprise, k) != v)
    _apply(enterprise, data)
    _flush_or_duplicate()
    audit.record(
        "enterprise_updated", actor, Target("enterprise", str(enterprise.id)), changed=changed
    )
    db.session.commit()
    return enterprise


def _in_write(function, *args):
    """Call a lookup inside a write transaction; on failure end the transaction, re-raise."""
    try:
        return function(*args)
    except (InvalidRecord, RecordNotFound):
        db.session.rollback()
        raise


def _validated(raw: Mapping[str, object], own_id: int | None) -> EnterpriseData:
    return _in_write(_check_enterprise, raw, own_id)


def _check_enterprise(raw: Mapping[str, object], own_id: int | None) -> EnterpriseData:
    fields = Fields(raw)
    data = clean_enterprise(fields)
    check_unique(fields, data, own_id)
    fields.check()
    return data


def check_unique(fields: Fields, data: EnterpriseData, own_id: int | None) -> None:
    """The code and the name each belong to one enterprise only."""
    if data.uscc and "uscc" not in fields.errors:
        holder = find_by_uscc(data.uscc)
        if holder is not None and holder.id != own_id:
            fields.fail("uscc", f"统一社会信用代码 {data.uscc} 已登记为“{holder.name}”。")
    if data.name and "name" not in fields.errors:
        namesake = find_by_name(data.name)
        if namesake is not None and namesake.id != own_id:
            fields.fail("name", f"已有同名企业“{data.name}”，请勿重复登记。")


def _apply(enterprise: Enterprise, data: EnterpriseData) -> None:
    for key, value in data.__dict__.items():
        setattr(enterprise, key, value)


def _flush_or_duplicate() -> None:
    """Two editors registering the same code at once: the unique index decides, politely."""
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise InvalidRecord({"uscc": "统一社会信用代码已被其他企业使用。"}) from error


def find_by_uscc(code: str) -> Enterprise | None:
    return db.session.scalars(select(Enterprise).where(Enterprise.uscc == code)).first()


def find_by_name(name: str) -> Enterprise | None:
    return db.session.scalars(
        select(Enterprise).where(Enterprise.name == name).order_by(Enterprise.id)
    ).first()


def get_enterprise(enterprise_id: int) -> Enterprise:
    enterprise = db.session.get(Enterprise, enterprise_id)
    if enterprise is None:
        raise RecordNotFound(enterprise_id)
    return enterprise


def list_enterprises() -> list[Enterprise]:
    return list(db.session.scalars(select(Enterprise).order_by(Enterprise.name, Enterprise.id)))


def enterprise_options() -> list[tuple[str, str]]:
    """(id, label) for the editors' select of an exposure's or phase-out item's enterprise."""
    rows = db.session.execute(
        select(Enterprise.id, Enterprise.name, Enterprise.uscc).order_by(Enterprise.name)
    )
    return [(str(r.id), f"{r.name}（{r.uscc}）" if r.uscc else r.name) for r in rows]


@dataclass(frozen=True)
class OutcomeLink:
    """A published outcome of a report that led to one of the enterprise's exposures."""

    number: str
    category: str
    summary: str
    result: str
    published_at: datetime


@dataclass(frozen=True)
class EnterpriseDetails:
    """Everything published about one enterprise, for its page."""

    enterprise: Enterprise
    exposures: list[Exposure]
    phase_out_items: list[PhaseOutItem]
    projects: list[Project]
    outcomes: list[OutcomeLink]
    today: date
    verified_reports: int = 0


def enterprise_details(enterprise_id: int, today: date) -> EnterpriseDetails:
    enterprise = get_enterprise(enterprise_id)
    exposures = db.session.scalars(
        select(Exposure)
        .where(Exposure.enterprise_id == enterprise.id)
        .order_by(Exposure.published_on.desc(), Exposure.id.desc())
    )
    items = db.session.scalars(
        select(PhaseOutItem)
        .where(PhaseOutItem.enterprise_id == enterprise.id)
        .order_by(PhaseOutItem.deadline, PhaseOutItem.id)
    )
    projects = db.session.scalars(
        select(Project).where(Project.owner == enterprise.name).order_by(Project.position)
    )
    return EnterpriseDetails(
        enterprise, list(exposures), list(items), list(projects), _outcomes(enterprise), today,
        verified_report_count(enterprise),
    )  # fmt: skip


def verified_report_count(enterprise: Enterprise) -> int:
    """How many reports linked to the enterprise were closed with the conclusion 属实."""
    return db.session.scalar(
        select(func.count(Report.id)).where(
            Report.enterprise_id == enterprise.id,
            Report.status == ReportStatus.RESOLVED,
            Report.conclusion == Conclusion.SUBSTANTIATED,
        )
    )


def _outcomes(enterprise: Enterprise) -> list[OutcomeLink]:
    # Named columns only: nothing of the report but what /reports/outcomes already shows.
    exposed_reports = select(Exposure.report_id).where(
        Exposure.enterprise_id == enterprise.id,
        Exposure.state == RecordState.PUBLISHED,
        Exposure.report_id.is_not(None),
    )
    rows = db.session.execute(
        select(
            Report.number,
            ReportCategory.name.label("category"),
            PublishedOutcome.summary,
            PublishedOutcome.result,
            PublishedOutcome.published_at,
        )
        .join(PublishedOutcome.report)
        .join(Report.category)
        .where(Report.id.in_(exposed_reports))
        .order_by(PublishedOutcome.published_at.desc())
    )
    return [OutcomeLink(**row._mapping) for row in rows]
