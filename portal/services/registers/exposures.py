"""The exposure list (曝光台, plan §四(五)): the rules of a record, publishing it, correcting
it (the earlier version is kept and stays public) and withdrawing it (kept, with the reason:
a record is never silently deleted)."""

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import fields as fields_of
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ...database import begin_write
from ...extensions import db
from ...models import (
    Enterprise,
    Exposure,
    ExposureRevision,
    Penalty,
    RecordState,
    Rectification,
    Report,
    ReportCategory,
)
from ..common import audit
from ..common.audit import Actor, Target
from .fields import Fields, InvalidRecord, RecordNotFound

FINE_LIMIT = Decimal("10000000000")


@dataclass(frozen=True)
class ExposureData:
    enterprise_id: int
    violation_type: str
    facts: str
    legal_basis: str
    penalties: list[str]
    fine_yuan: Decimal | None
    penalty_text: str
    decision_number: str
    decision_date: date
    published_on: date
    rectification: Rectification
    rectification_note: str | None
    report_id: int | None


def violation_types() -> dict[str, str]:
    """code → Chinese name: the violation types the plan names (the report categories)."""
    rows = db.session.execute(
        select(ReportCategory.code, ReportCategory.name).order_by(ReportCategory.position)
    )
    return {row.code: row.name for row in rows}


def violation_code(value: str, names: dict[str, str]) -> str | None:
    """A violation type given by its code or its Chinese name."""
    if value in names:
        return value
    return next((code for code, name in names.items() if name == value), None)


def clean_exposure(
    fields: Fields, *, enterprise_id: int | None, today: date, names: dict[str, str]
) -> ExposureData:
    """Read an exposure's own fields (the enterprise is resolved by the caller)."""
    given_type = fields.text("violation_type", "违法类型", limit=80)
    violation = violation_code(given_type, names)
    if not given_type:
        fields.fail("violation_type", "请选择违法类型。")
    elif not names:
        fields.fail("violation_type", "尚无违法类型：请先导入站点内容（flask content import）。")
    elif violation is None:
        options = "、".join(names.values())
        fields.fail("violation_type", f"违法类型“{given_type[:20]}”无法识别，应为：{options}。")
    penalties = fields.choices("penalties", Penalty, "处罚种类")
    fine = fields.amount("fine_yuan", "罚款金额", limit=FINE_LIMIT)
    if Penalty.FINE in penalties and fine is None and "fine_yuan" not in fields.errors:
        fields.fail("fine_yuan", "处罚种类含罚款时，请填写罚款金额。")
    if fine is not None and Penalty.FINE not in penalties:
        fields.fail("fine_yuan", "填写了罚款金额，请在处罚种类中选择“罚款”。")
    decided = fields.day("decision_date", "处罚决定日期", required=True, latest=today)
    published = fields.day("published_on", "公开日期", required=True, latest=today)
    if decided and published and published < decided:
        fields.fail("published_on", "公开日期不能早于处罚决定日期。")
    return ExposureData(
        enterprise_id=enterprise_id or 0,
        violation_type=violation or "",
        facts=fields.text("facts", "违法事实", required=True, limit=5000),
        legal_basis=fields.text("legal_basis", "法律依据", required=True, limit=2000),
        penalties=[p.value for p in penalties],
        fine_yuan=fine,
        penalty_text=fields.text("penalty_text", "处罚内容说明", limit=1000),
        decision_number=fields.text("decision_number", "处罚决定书文号", required=True, limit=80),
        decision_date=decided,
        published_on=published,
        rectification=fields.choice(
            "rectification", Rectification, "整改情况", default=Rectification.NOT_STARTED
        ),
        rectification_note=fields.text("rectification_note", "整改说明", limit=2000) or None,
        report_id=_report_id(fields),
    )


def _report_id(fields: Fields) -> int | None:
    number = fields.text("report_number", "关联举报编号", limit=30).upper()
    if not number:
        return None
    report_id = db.session.scalar(select(Report.id).where(Report.number == number))
    if report_id is None:
        fields.fail("report_number", f"找不到举报编号 {number}。")
    return report_id


def _enterprise_id(fields: Fields) -> int | None:
    value = fields.text("enterprise", "企业", limit=20)
    if not value:
        fields.fail("enterprise", "请选择企业。")
        return None
    if not value.isdigit() or db.session.get(Enterprise, int(value)) is None:
        fields.fail("enterprise", "所选企业不存在，请重新选择。")
        return None
    return int(value)


def decision_number_taken(number: str, own_id: int | None = None) -> int | None:
    """The id of another exposure with this decision number, if any."""
    found = db.session.scalar(select(Exposure.id).where(Exposure.decision_number == number))
    return found if found != own_id else None


def _validated(
    raw: Mapping[str, object], today: date, own_id: int | None, reason_label: str = ""
) -> tuple[ExposureData, str]:
    """The checked record, and the reason for the change when one is asked for."""
    fields = Fields(raw)
    data = clean_exposure(
        fields, enterprise_id=_enterprise_id(fields), today=today, names=violation_types()
    )
    if data.decision_number and (other := decision_number_taken(data.decision_number, own_id)):
        fields.fail("decision_number", f"处罚决定书文号已用于曝光记录 #{other}。")
    reason = fields.text("reason", reason_label, required=True, limit=1000) if reason_label else ""
    if fields.errors:
        db.session.rollback()
    fields.check()
    return data, reason


def create_exposure(raw: Mapping[str, object], actor: Actor, today: date) -> Exposure:
    begin_write()
    data, _ = _validated(raw, today, None)
    exposure = add_exposure(data, is_sample=False)
    audit.record("exposure_created", actor, Target("exposure", str(exposure.id)))
    db.session.commit()
    return exposure


def add_exposure(data: ExposureData, *, is_sample: bool) -> Exposure:
    """Add a validated record to the current transaction (the form and the CSV import)."""
    exposure = Exposure(state=RecordState.PUBLISHED, revision=1, is_sample=is_sample)
    _apply(exposure, data)
    db.session.add(exposure)
    db.session.flush()
    return exposure


def correct_exposure(
    exposure_id: int, raw: Mapping[str, object], reason: str, actor: Actor, today: date
) -> Exposure:
    begin_write()
    exposure = _published(exposure_id)
    data, reason = _validated({**raw, "reason": reason}, today, exposure_id, "更正原因")
    changed = [
        f.name for f in fields_of(data) if getattr(exposure, f.name) != getattr(data, f.name)
    ]
    if not changed:
        db.session.rollback()
        raise InvalidRecord({"reason": "内容没有任何修改，无需更正。"})
    _keep_revision(exposure, "corrected", reason, actor)
    _apply(exposure, data)
    audit.record(
        "exposure_corrected", actor, Target("exposure", str(exposure.id)),
        revision=exposure.revision, changed=changed, reason=reason,
    )  # fmt: skip
    db.session.commit()
    return exposure


def withdraw_exposure(exposure_id: int, reason: str, actor: Actor) -> Exposure:
    begin_write()
    exposure = _published(exposure_id)
    reason = _reason(reason, "撤回原因")
    _keep_revision(exposure, "withdrawn", reason, actor)
    exposure.state = RecordState.WITHDRAWN
    exposure.withdrawn_reason = reason
    audit.record("exposure_withdrawn", actor, Target("exposure", str(exposure.id)), reason=reason)
    db.session.commit()
    return exposure


def _published(exposure_id: int) -> Exposure:
    exposure = db.session.get(Exposure, exposure_id)
    if exposure is None:
        db.session.rollback()
        raise RecordNotFound(exposure_id)
    if exposure.state is not RecordState.PUBLISHED:
        db.session.rollback()
        raise InvalidRecord({"reason": "该曝光记录已撤回，不能再更正或撤回。"})
    return exposure


def _reason(reason: str, label: str) -> str:
    fields = Fields({"reason": reason})
    value = fields.text("reason", label, required=True, limit=1000)
    if fields.errors:
        db.session.rollback()
    fields.check()
    return value


def _apply(exposure: Exposure, data: ExposureData) -> None:
    for field in fields_of(data):
        setattr(exposure, field.name, getattr(data, field.name))


def _keep_revision(exposure: Exposure, change: str, reason: str, actor: Actor) -> None:
    exposure.revisions.append(
        ExposureRevision(
            revision=exposure.revision,
            snapshot=snapshot(exposure) | {"change": change},
            reason=reason,
            corrected_by=actor.name,
        )
    )
    exposure.revision += 1


def snapshot(exposure: Exposure) -> dict:
    """The record as published, in plain JSON values."""
    return {
        "enterprise_id": exposure.enterprise_id,
        "enterprise_name": exposure.enterprise.name,
        "violation_type": exposure.violation_type,
        "facts": exposure.facts,
        "legal_basis": exposure.legal_basis,
        "penalties": list(exposure.penalties),
        "fine_yuan": None if exposure.fine_yuan is None else str(exposure.fine_yuan),
        "penalty_text": exposure.penalty_text,
        "decision_number": exposure.decision_number,
        "decision_date": exposure.decision_date.isoformat(),
        "published_on": exposure.published_on.isoformat(),
        "rectification": exposure.rectification.value,
        "rectification_note": exposure.rectification_note,
        "report_id": exposure.report_id,
    }


def form_values(exposure: Exposure) -> dict[str, object]:
    """The record as the editors' form shows it, for a correction."""
    values = snapshot(exposure)
    report_number = exposure.report.number if exposure.report else ""
    return values | {
        "enterprise": str(exposure.enterprise_id),
        "fine_yuan": values["fine_yuan"] or "",
        "rectification_note": values["rectification_note"] or "",
        "report_number": report_number,
    }
