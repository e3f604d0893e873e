"""A moderator's work on one report: reading it, revealing contact details, fetching evidence,
asking the reporter a question, publishing the outcome. Each action is audited."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...database import begin_write
from ...extensions import db
from ...models import Evidence, PublishedOutcome, Report, ReportEvent, ReportStatus
from ...settings import settings
from ..common import audit
from ..common import uploads as evidence_files
from ..common.audit import Actor, Target
from ..common.errors import NotFound
from ..notifications.staging import stage_question_notice
from .workflow import WorkflowError


class ReportNotFound(NotFound):
    """No report with that number (or no such evidence file of it)."""


def load_report(number: str) -> Report:
    report = db.session.scalars(
        select(Report)
        .where(Report.number == number)
        .options(
            joinedload(Report.category),
            joinedload(Report.department),
            joinedload(Report.duplicate_of),
            selectinload(Report.events).selectinload(ReportEvent.evidence),
            selectinload(Report.evidence),
        )
    ).first()
    if report is None:
        raise ReportNotFound(number)
    return report


def _target(report: Report) -> Target:
    return Target("report", report.number)


def record_view(number: str, actor: Actor) -> None:
    """A staff member opened the report's page: one audit row (who, which report, when), in
    its own short write after the page is built."""
    begin_write()
    audit.record("report_viewed", actor, Target("report", number))
    db.session.commit()


@dataclass(frozen=True)
class Contacts:
    name: str | None
    phone: str | None
    email: str | None


def reveal_contacts(number: str, actor: Actor) -> Contacts:
    begin_write()
    report = load_report(number)
    cipher = settings().cipher
    contacts = Contacts(
        cipher.decrypt(report.contact_name),
        cipher.decrypt(report.contact_phone),
        cipher.decrypt(report.contact_email),
    )
    audit.record("contact_viewed", actor, _target(report))
    db.session.commit()
    return contacts


@dataclass(frozen=True)
class EvidenceFile:
    path: Path
    media_type: str
    download_name: str


def evidence_for_download(
    number: str, evidence_id: int, actor: Actor, *, continued: bool = False
) -> EvidenceFile:
    """The stored file, audited once per viewing: a video played in the page arrives in many
    range requests, and only the one that starts at the beginning (not `continued`) is
    recorded."""
    begin_write()
    row = _evidence_row(number, evidence_id)
    path = evidence_files.open_stored(row.relative_path, settings().upload_dir)
    if not continued:
        audit.record("evidence_downloaded", actor, Target("report", number), evidence_id=row.id)
    db.session.commit()
    return EvidenceFile(path, row.media_type, f"{number}-{row.name}")


def evidence_thumbnail(number: str, evidence_id: int) -> EvidenceFile:
    """An image's thumbnail, shown on the report's page (not audited, as the page is not)."""
    row = _evidence_row(number, evidence_id)
    if row.thumbnail_path is None:
        raise ReportNotFound(f"{number}/{evidence_id}/thumbnail")
    path = evidence_files.open_stored(row.thumbnail_path, settings().upload_dir)
    return EvidenceFile(path, "image/jpeg", f"{number}-{row.name}-缩略图.jpg")


def _evidence_row(number: str, evidence_id: int) -> Evidence:
    row = db.session.scalars(
        select(Evidence)
        .join(Evidence.report)
        .where(Evidence.id == evidence_id, Report.number == number)
    ).first()
    if row is None:
        db.session.rollback()
        raise ReportNotFound(f"{number}/{evidence_id}")
    return row


def ask_reporter(number: str, question: str, actor: Actor, now: datetime) -> None:
    question = question.strip()
    if not question:
        raise WorkflowError("请填写要问举报人的问题。")
    if len(question) > 2000:
        raise WorkflowError("问题不能超过 2000 个字。")
    begin_write()
    report = load_report(number)
    if report.closed_at is not None:
        db.session.rollback()
        raise WorkflowError("举报已结束办理，不能再向举报人提问。")
    event = report.record_question(question, at=now, actor_name=actor.name, actor_id=actor.user_id)
    stage_question_notice(report, event, now)
    report.awaiting_reply = True
    report.reply_unread = False
    audit.record("report_question", actor, _target(report))
    db.session.commit()


def mark_replies_read(number: str, actor: Actor) -> None:
    begin_write()
    report = load_report(number)
    report.reply_unread = False
    audit.record("report_replies_read", actor, _target(report))
    db.session.commit()


def publish_outcome(number: str, summary: str, result: str, actor: Actor, now: datetime) -> None:
    summary, result = summary.strip(), result.strip()
    if not summary or not result:
        raise WorkflowError("公开摘要和处理结果都必须填写。")
    if len(summary) > 2000 or len(result) > 2000:
        raise WorkflowError("公开摘要和处理结果各不能超过 2000 个字。")
    begin_write()
    report = load_report(number)
    if report.status != ReportStatus.RESOLVED:
        db.session.rollback()
        raise WorkflowError("只有已办结的举报才能公开办理结果。")
    outcome = db.session.scalars(
        select(PublishedOutcome).where(PublishedOutcome.report_id == report.id)
    ).first() or PublishedOutcome(report=report)
    outcome.summary, outcome.result = summary, result
    outcome.published_at, outcome.published_by_id = now, actor.user_id
    db.session.add(outcome)
    audit.record("outcome_published", actor, _target(report))
    db.session.commit()


def outcome_of(report: Report) -> PublishedOutcome | None:
    return db.session.scalars(
        select(PublishedOutcome).where(PublishedOutcome.report_id == report.id)
    ).first()
