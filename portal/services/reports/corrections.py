"""A moderator corrects a report's facts (类别, 区县, 地点, 发生日期, 涉及对象). The report row
takes the corrected values, so public pages and outcomes show them; what the reporter first
wrote is copied once, at the first correction, into report_originals for staff to compare.
Every correction is a timeline event with its reason, and audited."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from ...clock import local_date
from ...database import begin_write
from ...extensions import db
from ...models import District, Report, ReportCategory, ReportOriginal
from ..common import audit
from ..common.audit import Actor, Target
from .moderation import load_report
from .workflow import WorkflowError

LABELS = {
    "category": "类别",
    "district": "区县",
    "place": "地点",
    "occurred_on": "发生日期",
    "subject": "涉及对象",
}


@dataclass(frozen=True)
class Correction:
    """The values as the moderator typed them (strings from the form)."""

    category: str
    district: str
    place: str
    occurred_on: str
    subject: str
    reason: str


def original_of(report: Report) -> ReportOriginal | None:
    return db.session.get(ReportOriginal, report.id)


def correct_report(number: str, correction: Correction, actor: Actor, now: datetime) -> list[str]:
    """Apply the correction; returns the labels of the fields that changed."""
    reason = correction.reason.strip()
    if not reason:
        raise WorkflowError("请填写更正理由。")
    if len(reason) > 500:
        raise WorkflowError("更正理由不能超过 500 个字。")
    begin_write()
    report = load_report(number)
    try:
        values = _parsed(correction, now)
    except WorkflowError:
        db.session.rollback()
        raise
    changed = [name for name, value in values.items() if _current(report, name) != value]
    if not changed:
        db.session.rollback()
        raise WorkflowError("没有需要更正的内容：填写的值与现在的相同。")
    if original_of(report) is None:
        db.session.add(_snapshot(report, now))
    details = "；".join(
        f"{LABELS[name]}：{_shown(report, name)} → {_shown_value(name, values[name])}"
        for name in changed
    )
    for name in changed:
        setattr(report, name, values[name])
    report.record_correction(
        f"工作人员更正了举报信息：{'、'.join(LABELS[n] for n in changed)}。",
        f"{details}。理由：{reason}",
        at=now, actor_name=actor.name, actor_id=actor.user_id,
    )  # fmt: skip
    audit.record("report_corrected", actor, Target("report", report.number), fields=changed)
    db.session.commit()
    return [LABELS[name] for name in changed]


def _parsed(correction: Correction, now: datetime) -> dict:
    category = db.session.scalars(
        select(ReportCategory).where(ReportCategory.code == correction.category.strip())
    ).first()
    if category is None:
        raise WorkflowError("请选择举报类别。")
    try:
        district = District(correction.district.strip())
    except ValueError:
        raise WorkflowError("请选择区县。") from None
    place = correction.place.strip()
    if not place or len(place) > 500:
        raise WorkflowError("地点必须填写，且不能超过 500 个字。")
    try:
        occurred_on = date.fromisoformat(correction.occurred_on.strip())
    except ValueError:
        raise WorkflowError("发生日期格式应为 2026-01-31。") from None
    if occurred_on > local_date(now):
        raise WorkflowError("发生日期不能晚于今天。")
    subject = correction.subject.strip() or None
    if subject and len(subject) > 200:
        raise WorkflowError("涉及对象不能超过 200 个字。")
    return {
        "category": category,
        "district": district,
        "place": place,
        "occurred_on": occurred_on,
        "subject": subject,
    }


def _current(report: Report, name: str):
    return getattr(report, name)


def _shown(report: Report, name: str) -> str:
    return _shown_value(name, getattr(report, name))


def _shown_value(name: str, value) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, ReportCategory):
        return value.name
    if isinstance(value, District):
        return value.label
    return str(value)


def _snapshot(report: Report, now: datetime) -> ReportOriginal:
    return ReportOriginal(
        report_id=report.id,
        category_id=report.category_id,
        district=report.district,
        place=report.place,
        occurred_on=report.occurred_on,
        subject=report.subject,
        kept_at=now,
    )
