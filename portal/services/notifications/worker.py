"""The outbox worker: claim due rows under a lease, deliver, mark sent; retry with backoff.

At least once: the lease (locked_until) is committed before anything is sent, and the row is
marked sent after. A worker that dies mid-delivery leaves its rows leased; once the lease
runs out another run takes them again, so a message is sent at most once more than it had
to be. PostgreSQL workers skip each other's rows (FOR UPDATE SKIP LOCKED); SQLite has one
writer at a time, which BEGIN IMMEDIATE (begin_write) gives the claim."""

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from ...database import begin_write
from ...extensions import db
from ...models import NotifyChannel, OutboxMessage, OutboxState, Report, User
from ...settings import settings
from . import adapters, texts
from .adapters import DeliveryFailed

BATCH = 20
P = OutboxState.PENDING


def claim_due(now: datetime, limit: int = BATCH) -> list[int]:
    """Lease up to `limit` due rows to this worker and commit; return their ids."""
    lease = timedelta(seconds=settings().notify.lease_seconds)
    begin_write()
    rows = list(
        db.session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.state == P,
                OutboxMessage.next_attempt_at <= now,
                or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until <= now),
            )
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    for row in rows:
        row.locked_until = now + lease
        row.attempts += 1
    ids = [row.id for row in rows]
    db.session.commit()
    return ids


@dataclass(frozen=True)
class Prepared:
    """Everything needed to send one message, read before any network I/O."""

    channel: NotifyChannel
    recipient: str
    about: str  # what the log line names: a report number or a staff account id
    email: texts.Email | None
    sms_params: dict | None
    sms_text: str | None


def deliver(message_id: int, now: datetime) -> OutboxState:
    """Send one claimed row; return the state it is left in."""
    prepared = _prepare(message_id, now)
    if prepared is None:
        return OutboxState.CANCELLED
    notify = settings().notify
    try:
        if prepared.channel == NotifyChannel.EMAIL:
            adapters.email_adapter(notify).send(prepared.recipient, prepared.email, prepared.about)
        else:
            adapters.sms_adapter(notify).send(
                prepared.recipient, prepared.sms_params, prepared.sms_text, prepared.about
            )
    except DeliveryFailed as failure:
        return _failed(message_id, str(failure), now)
    return _finish(message_id, OutboxState.SENT, now)


def _prepare(message_id: int, now: datetime) -> Prepared | None:
    """Read the row and its recipient, at send time: a purged report or an unsubscribed
    channel cancels the message instead."""
    row = db.session.get(OutboxMessage, message_id)
    if row is None or row.state != P:
        db.session.rollback()
        return None
    notify = settings().notify
    recipient, about = _recipient(row)
    channel, kind, payload, report_id = row.channel, row.kind, dict(row.payload), row.report_id
    db.session.rollback()  # end the read before the network: no lock is held while sending
    if recipient is None:
        _finish(message_id, OutboxState.CANCELLED, now)
        return None
    if kind == "digest":
        return Prepared(channel, recipient, about, texts.Email(**payload), None, None)
    number, status = payload["number"], payload["status"]
    if channel == NotifyChannel.SMS:
        text = texts.sms_text(number, status, notify.site_url)
        return Prepared(channel, recipient, about, None, payload, text)
    token = texts.unsubscribe_token(notify.unsubscribe_key, report_id, channel)
    email = texts.report_email(number, status, notify.site_url, token)
    return Prepared(channel, recipient, about, email, None, None)


def _recipient(row: OutboxMessage) -> tuple[str | None, str]:
    if row.user_id is not None:
        user = db.session.get(User, row.user_id)
        ok = user is not None and user.active and user.email
        return (user.email if ok else None), f"staff account {row.user_id}"
    report = db.session.get(Report, row.report_id)
    if report is None or report.contacts_purged_at is not None:
        return None, "report"
    cipher = settings().cipher
    if row.channel == NotifyChannel.SMS:
        wanted, token = report.notify_sms, report.contact_phone
    else:
        wanted, token = report.notify_email, report.contact_email
    return (cipher.decrypt(token) if wanted else None), f"report {report.number}"


def _finish(message_id: int, state: OutboxState, now: datetime) -> OutboxState:
    begin_write()
    row = db.session.get(OutboxMessage, message_id)
    if row is not None and row.state == P:
        row.state = state
        row.locked_until = None
        if state == OutboxState.SENT:
            row.sent_at = now
    db.session.commit()
    return state


def _failed(message_id: int, error: str, now: datetime) -> OutboxState:
    notify = settings().notify
    begin_write()
    row = db.session.get(OutboxMessage, message_id)
    if row is None or row.state != P:
        db.session.commit()
        return OutboxState.CANCELLED
    row.last_error = error[:200]
    row.locked_until = None
    if row.attempts >= notify.max_attempts:
        row.state = OutboxState.FAILED
    else:
        wait = notify.backoff_seconds * 2 ** (row.attempts - 1)
        row.next_attempt_at = now + timedelta(seconds=min(wait, notify.backoff_max_seconds))
    state = row.state
    db.session.commit()
    return state


def work(now_fn, stop: threading.Event, once: bool = False) -> int:
    """Deliver until `stop` is set (SIGTERM) or, with `once`, until nothing is due."""
    handled = 0
    while not stop.is_set():
        # One row at a time: a SIGTERM lets the message in hand finish and leaves no other
        # row leased to a worker that has gone.
        ids = claim_due(now_fn(), limit=1)
        for message_id in ids:
            deliver(message_id, now_fn())
        handled += len(ids)
        if not ids:
            if once:
                break
            stop.wait(settings().notify.poll_seconds)
    return handled


def counts() -> dict[OutboxState, int]:
    rows = db.session.execute(
        select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
    ).all()
    found = dict(rows)
    return {state: found.get(state, 0) for state in OutboxState}


def oldest_pending() -> datetime | None:
    return db.session.scalar(
        select(func.min(OutboxMessage.created_at)).where(OutboxMessage.state == P)
    )
