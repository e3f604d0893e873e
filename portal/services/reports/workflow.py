"""The report workflow: the only place a report's status changes.

submitted → accepted | rejected (public reason) | duplicate (link to the original);
accepted → assigned (department) → investigating → resolved (public result);
resolved → review, only by the reporter's one appeal (open_review) → resolved again by the
moderators' 复核办结 (a new public result).
Each transition is an event (actor, time, internal and public note) and an audit entry.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ...database import begin_write
from ...extensions import db
from ...models import Department, Report, ReportStatus
from ..common import audit
from ..common.audit import Actor, Target
from ..notifications.staging import stage_status_notice
from . import due  # noqa: F401 - registers the flush hook that keeps Report.due_at
from .closing import ClosingError, closing_of

S = ReportStatus


class WorkflowError(ValueError):
    """A refused transition, with a Chinese message for the moderator."""


@dataclass(frozen=True)
class Transition:
    label: str
    sources: frozenset[ReportStatus]
    target: ReportStatus
    needs_public_note: str | None = None  # the message when it is missing
    needs_department: bool = False
    needs_original: bool = False
    needs_conclusion: bool = False  # 办理结论 and the handling result (closing.py)


TRANSITIONS: dict[str, Transition] = {
    "accept": Transition("受理", frozenset({S.SUBMITTED}), S.ACCEPTED),
    "reject": Transition(
        "不予受理", frozenset({S.SUBMITTED}), S.REJECTED,
        needs_public_note="不予受理必须写明公开理由。",
    ),
    "duplicate": Transition(
        "标记为重复举报", frozenset({S.SUBMITTED, S.ACCEPTED}), S.DUPLICATE, needs_original=True
    ),
    "assign": Transition(
        "转办", frozenset({S.ACCEPTED, S.ASSIGNED, S.INVESTIGATING}), S.ASSIGNED,
        needs_department=True,
    ),
    "investigate": Transition("开始调查处理", frozenset({S.ASSIGNED}), S.INVESTIGATING),
    "resolve": Transition(
        "办结", frozenset({S.ASSIGNED, S.INVESTIGATING}), S.RESOLVED,
        needs_public_note="办结必须填写公开的处理结果。", needs_conclusion=True,
    ),
    "conclude_review": Transition(
        "复核办结", frozenset({S.REVIEW}), S.RESOLVED,
        needs_public_note="复核办结必须填写公开的复核结果。", needs_conclusion=True,
    ),
}  # fmt: skip

CLOSED = {S.REJECTED, S.DUPLICATE, S.RESOLVED}


def available_actions(report: Report) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if report.status in t.sources]


def transition(
    number: str,
    action: str,
    *,
    actor: Actor,
    now: datetime,
    public_note: str = "",
    internal_note: str = "",
    department_code: str = "",
    duplicate_of: str = "",
    conclusion: str = "",
    measures: Sequence[str] = (),
    handling_note: str = "",
) -> Report:
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise WorkflowError("未知的操作。")
    public_note, internal_note = public_note.strip(), internal_note.strip()
    begin_write()
    try:
        report = _report(number)
        _check(report, rule, public_note)
        department = _department(department_code) if rule.needs_department else None
        original = _original(report, duplicate_of) if rule.needs_original else None
        closing = closing_of(conclusion, measures, handling_note) if rule.needs_conclusion else None
    except WorkflowError:
        db.session.rollback()
        raise
    except ClosingError as error:
        db.session.rollback()
        raise WorkflowError(str(error)) from None
    _apply(report, rule, now, department, original, public_note)
    if closing is not None:
        report.conclusion, report.handling_measures, report.handling_note = closing
    event = report.record_transition(
        public_note or _default_public_note(rule, department, original),
        at=now,
        actor_name=actor.name,
        actor_id=actor.user_id,
        department=department,
        internal_note=internal_note or None,
    )
    # In this transaction: a notice exists exactly when the change is committed.
    stage_status_notice(report, event, now)
    audit.record(
        "report_transition", actor, Target("report", report.number),
        action=action, to=rule.target.value,
    )  # fmt: skip
    db.session.commit()
    return report


def open_review(report: Report, reason: str, *, now: datetime, actor_name: str) -> None:
    """The reporter's appeal of a resolved report: back to the moderators' queue, under its
    own time limit (deadlines.TimeLimits.review_days). The caller owns the transaction and has
    checked that the reporter may appeal (portal.services.reports.satisfaction)."""
    if report.status != S.RESOLVED or report.appealed_at is not None:
        raise WorkflowError("只有已办结且未申请过复核的举报才能申请复核。")
    report.status = S.REVIEW
    report.appealed_at = now
    report.updated_at = now
    report.closed_at = None
    report.record_appeal(reason, at=now, actor_name=actor_name)


def _report(number: str) -> Report:
    report = db.session.scalars(select(Report).where(Report.number == number)).first()
    if report is None:
        raise WorkflowError(f"找不到举报 {number}。")
    return report


def _check(report: Report, rule: Transition, public_note: str) -> None:
    if report.status not in rule.sources:
        allowed = "、".join(s.label for s in sorted(rule.sources, key=list(S).index))
        raise WorkflowError(
            f"当前状态为“{report.status.label}”，不能{rule.label}（只能从“{allowed}”状态{rule.label}）。"
        )
    if rule.needs_public_note and not public_note:
        raise WorkflowError(rule.needs_public_note)


def _department(code: str) -> Department:
    department = db.session.scalars(select(Department).where(Department.code == code)).first()
    if department is None:
        raise WorkflowError("转办必须选择承办部门。")
    return department


def _original(report: Report, number: str) -> Report:
    number = number.strip().upper()
    if not number:
        raise WorkflowError("标记为重复举报必须填写原举报编号。")
    if number == report.number:
        raise WorkflowError("不能把举报标记为自身的重复。")
    original = db.session.scalars(select(Report).where(Report.number == number)).first()
    if original is None:
        raise WorkflowError(f"找不到原举报 {number}。")
    return original


def _apply(report, rule, now, department, original, public_note) -> None:
    report.status = rule.target
    report.updated_at = now
    report.reply_unread = False
    if rule.target in {S.ACCEPTED, S.REJECTED, S.DUPLICATE} and report.decided_at is None:
        report.decided_at = now
    if department is not None:
        report.department = department
    if original is not None:
        report.duplicate_of = original
    if rule.target == S.RESOLVED:
        # The first resolution stays: time-to-resolve figures measure the handling, and a
        # review has its own limit.
        report.resolved_at = report.resolved_at or now
        report.public_result = public_note
    if rule.target in CLOSED:
        report.closed_at = now
        report.awaiting_reply = False


def _default_public_note(rule: Transition, department, original) -> str:
    if department is not None:
        return f"已转交{department.name}办理。"
    if original is not None:
        # Never the original's number: the reporter of one report must not learn another's.
        return "与此前收到的另一件举报反映的是同一问题，合并办理。"
    return f"举报{rule.target.label}。"
