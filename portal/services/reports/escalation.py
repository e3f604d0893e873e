"""督办 and 催办: a moderator supervises a report (a reason and a new deadline) or reminds the
handling department. Both are internal timeline events and audit entries, counted per
department. 挂牌督办 (the accountability pages) can build on `supervise` and `counts_by_department`.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from ...clock import CITY_TZ
from ...database import begin_write
from ...extensions import db
from ...models import Department, EventKind, Report, ReportEvent, ReportStatus
from ..common import audit
from ..common.audit import Actor, Target
from .workflow import CLOSED, WorkflowError

MAX_TEXT = 2000
HANDLED = {ReportStatus.ASSIGNED, ReportStatus.INVESTIGATING}  # a department has it in hand


def supervise(number: str, reason: str, deadline: date | None, *, actor: Actor, now: datetime):
    """督办: mark the report supervised, to be concluded by `deadline` (a local date, later
    than today)."""
    reason = reason.strip()
    today = now.astimezone(CITY_TZ).date()
    if not reason:
        raise WorkflowError("请填写督办理由。")
    if len(reason) > MAX_TEXT:
        raise WorkflowError(f"督办理由不能超过 {MAX_TEXT} 字。")
    if deadline is None:
        raise WorkflowError("请填写督办期限（年-月-日）。")
    if deadline <= today:
        raise WorkflowError("督办期限应晚于今天。")
    report = _open_report(number)
    report.supervised = True
    report.supervise_deadline = deadline
    note = f"{reason}（督办期限：{deadline.isoformat()}）"
    report.record_escalation(
        EventKind.SUPERVISE, note, at=now, actor_name=actor.name, actor_id=actor.user_id
    )
    audit.record(
        "report_supervised", actor, Target("report", report.number), deadline=deadline.isoformat()
    )
    db.session.commit()
    return report


def urge(number: str, text: str, *, actor: Actor, now: datetime):
    """催办: a reminder to the handling department, kept with its time and text."""
    text = text.strip()
    if not text:
        raise WorkflowError("请填写催办内容。")
    if len(text) > MAX_TEXT:
        raise WorkflowError(f"催办内容不能超过 {MAX_TEXT} 字。")
    report = _open_report(number)
    if report.status not in HANDLED or report.department_id is None:
        db.session.rollback()
        raise WorkflowError("该举报尚未转办，没有可催办的承办部门。")
    report.urged = True
    report.record_escalation(
        EventKind.URGE, text, at=now, actor_name=actor.name, actor_id=actor.user_id
    )
    audit.record("report_urged", actor, Target("report", report.number))
    db.session.commit()
    return report


def _open_report(number: str) -> Report:
    begin_write()
    report = db.session.scalars(select(Report).where(Report.number == number)).first()
    if report is None:
        db.session.rollback()
        raise WorkflowError("没有这件举报。")
    if report.status in CLOSED:
        db.session.rollback()
        raise WorkflowError("已办结或已结束的举报不能督办或催办。")
    return report


@dataclass(frozen=True)
class DepartmentEscalations:
    department_id: int
    department: str
    supervised: int  # 督办 events
    urged: int  # 催办 events


def counts_by_department(since: datetime | None = None) -> list[DepartmentEscalations]:
    """How many 督办 and 催办 each department received (optionally since a time), busiest
    first. The department is the one handling the report when the event was recorded."""
    kinds = (EventKind.SUPERVISE, EventKind.URGE)
    query = (
        select(Department.id, Department.name, ReportEvent.kind, func.count())
        .join(Department, Department.id == ReportEvent.department_id)
        .where(ReportEvent.kind.in_(kinds))
        .group_by(Department.id, Department.name, ReportEvent.kind)
    )
    if since is not None:
        query = query.where(ReportEvent.created_at >= since)
    table: dict[int, dict] = {}
    for dept_id, name, kind, count in db.session.execute(query):
        row = table.setdefault(dept_id, {"name": name, EventKind.SUPERVISE: 0, EventKind.URGE: 0})
        row[kind] = count
    rows = [
        DepartmentEscalations(i, r["name"], r[EventKind.SUPERVISE], r[EventKind.URGE])
        for i, r in table.items()
    ]
    return sorted(rows, key=lambda r: (-(r.supervised + r.urged), r.department))
