"""Writing outbox rows inside the caller's transaction, so that a message exists exactly when
the change it tells about was committed; and cancelling the ones still waiting.

STATUS_NOTICES is the one list of the states a reporter hears about: a new state that
should notify (e.g. a 复核 review) is one more line."""

from datetime import datetime

from sqlalchemy import update

from ...extensions import db
from ...models import (
    NotifyChannel,
    OutboxMessage,
    OutboxState,
    Report,
    ReportEvent,
    ReportStatus,
    User,
)

S = ReportStatus

# New status → the words the reporter reads (the status's own label unless said otherwise).
STATUS_NOTICES: dict[ReportStatus, str] = {
    S.ACCEPTED: S.ACCEPTED.label,
    S.REJECTED: S.REJECTED.label,
    S.DUPLICATE: "与另一件举报合并办理",
    S.ASSIGNED: S.ASSIGNED.label,
    S.RESOLVED: S.RESOLVED.label,
}
QUESTION_NOTICE = "办理中，有问题需要您答复"


def wanted_channels(report: Report) -> list[NotifyChannel]:
    """The channels the reporter chose and can still be reached by."""
    if report.contacts_purged_at is not None:
        return []
    wanted = []
    if report.notify_sms and report.contact_phone:
        wanted.append(NotifyChannel.SMS)
    if report.notify_email and report.contact_email:
        wanted.append(NotifyChannel.EMAIL)
    return wanted


def stage_status_notice(report: Report, event: ReportEvent, now: datetime) -> None:
    """After a transition: one row per chosen channel, if the new state is one to tell."""
    words = STATUS_NOTICES.get(report.status)
    if words is not None:
        _stage_for_report(report, event, "status", words, now)


def stage_question_notice(report: Report, event: ReportEvent, now: datetime) -> None:
    _stage_for_report(report, event, "question", QUESTION_NOTICE, now)


def _stage_for_report(report, event, kind: str, words: str, now: datetime) -> None:
    channels = wanted_channels(report)
    if not channels:
        return
    db.session.flush()  # the event's id names the message
    for channel in channels:
        db.session.add(
            OutboxMessage(
                report_id=report.id, channel=channel, kind=kind,
                payload={"number": report.number, "status": words},
                created_at=now, next_attempt_at=now,
                dedupe_key=f"report:{event.id}:{channel.value}",
            )
        )  # fmt: skip


def stage_digest(user: User, subject: str, body: str, day: str, now: datetime) -> bool:
    """One digest per moderator per day; False when today's is already staged."""
    key = f"digest:{day}:{user.id}"
    if db.session.query(OutboxMessage.id).filter_by(dedupe_key=key).first():
        return False
    db.session.add(
        OutboxMessage(
            user_id=user.id, channel=NotifyChannel.EMAIL, kind="digest",
            payload={"subject": subject, "body": body},
            created_at=now, next_attempt_at=now, dedupe_key=key,
        )
    )  # fmt: skip
    return True


def cancel_for_reports(report_ids: list[int], channel: NotifyChannel | None = None) -> int:
    """Cancel what is still waiting for these reports (all channels, or one)."""
    if not report_ids:
        return 0
    statement = update(OutboxMessage).where(
        OutboxMessage.report_id.in_(report_ids), OutboxMessage.state == OutboxState.PENDING
    )
    if channel is not None:
        statement = statement.where(OutboxMessage.channel == channel)
    result = db.session.execute(
        statement.values(state=OutboxState.CANCELLED, locked_until=None),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount
