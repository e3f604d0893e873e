"""Staff sessions, kept on the server (models.staff_sessions).

The browser's cookie holds only a random token; `open_session` makes a row for it and
`resume` finds the row again on every /admin request (through the gate, portal.admin): the
row, not the cookie, says whether the session is still good — not ended, not idle longer
than the limit, not older than the lifetime, the same browser, the account still active.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from ...database import begin_write
from ...extensions import db
from ...models import SessionStage, StaffSession, User
from ...settings import settings
from ..common import audit
from ..common.audit import Actor, Target
from .devices import agent_digest, device_label
from .errors import UserNotFound

# How often the time a session was last used is written: the idle limit is in minutes,
# and a write per page would be wasted work.
TOUCH_EVERY = timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find(token: str | None) -> StaffSession | None:
    if not token:
        return None
    query = select(StaffSession).where(StaffSession.token_digest == _digest(token))
    return db.session.scalar(query)


def open_session(user: User, stage: SessionStage, user_agent: str, now: datetime) -> str:
    """A new session row in the caller's transaction; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        StaffSession(
            token_digest=_digest(token),
            user_id=user.id,
            stage=stage,
            device=device_label(user_agent),
            agent_digest=agent_digest(user_agent),
            created_at=now,
            last_seen_at=now,
        )
    )
    # Rows past any limit are of no more use to anybody.
    limits = settings().staff_sessions
    db.session.execute(
        delete(StaffSession).where(StaffSession.created_at < now - limits.lifetime - limits.idle),
        execution_options={"synchronize_session": False},
    )
    return token


@dataclass(frozen=True)
class Resumed:
    session: StaffSession | None
    expired: bool = False  # it was good, and ran out: "please sign in again"

    @property
    def user(self) -> User | None:
        return self.session.user if self.session else None


def resume(token: str | None, user_agent: str, now: datetime) -> Resumed:
    """The signed-in session this cookie's token opens, if it still may."""
    row = find(token)
    if row is None or row.stage != SessionStage.SIGNED_IN or row.revoked_at is not None:
        return Resumed(None)
    if not row.user.active:
        return Resumed(None)
    if settings().staff_sessions.ended(row.created_at, row.last_seen_at, now):
        return Resumed(None, expired=True)
    if not hmac.compare_digest(row.agent_digest, agent_digest(user_agent)):
        return Resumed(None)  # the cookie was copied into another browser
    return Resumed(row)


def touch(session: StaffSession, now: datetime) -> None:
    """Note that the session is in use (for the idle limit), at most once a minute."""
    if now - session.last_seen_at < TOUCH_EVERY:
        return
    session_id = session.id
    begin_write()
    db.session.execute(
        update(StaffSession).where(StaffSession.id == session_id).values(last_seen_at=now),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()


def pending(token: str | None, now: datetime) -> StaffSession | None:
    """The row of a checked password still waiting for its code, while it may wait."""
    row = find(token)
    if row is None or row.stage != SessionStage.SECOND_FACTOR or row.revoked_at is not None:
        return None
    if now - row.created_at > settings().staff_sessions.second_factor or not row.user.active:
        return None
    return row


def sign_out(token: str | None, actor: Actor, now: datetime) -> None:
    """Logout: the row ends, so the cookie opens nothing even if a copy of it was kept."""
    begin_write()
    row = find(token)
    if row is not None and row.revoked_at is None:
        row.revoked_at = now
        if row.stage == SessionStage.SIGNED_IN:
            audit.record("logout", actor, Target("user", str(row.user_id)))
    db.session.commit()


def end_all(user_id: int, now: datetime, keep: str | None = None) -> None:
    """End every session of the account (but `keep`'s), in the caller's transaction."""
    statement = update(StaffSession).where(
        StaffSession.user_id == user_id, StaffSession.revoked_at.is_(None)
    )
    if keep:
        statement = statement.where(StaffSession.token_digest != _digest(keep))
    db.session.execute(
        statement.values(revoked_at=now), execution_options={"synchronize_session": False}
    )


def active(now: datetime, user_id: int | None = None) -> list[StaffSession]:
    """Signed-in sessions still good, newest use first (all accounts', or one's)."""
    limits = settings().staff_sessions
    query = (
        select(StaffSession)
        .where(
            StaffSession.stage == SessionStage.SIGNED_IN,
            StaffSession.revoked_at.is_(None),
            StaffSession.last_seen_at >= now - limits.idle,
            StaffSession.created_at >= now - limits.lifetime,
        )
        .order_by(StaffSession.last_seen_at.desc(), StaffSession.id.desc())
    )
    if user_id is not None:
        query = query.where(StaffSession.user_id == user_id)
    return list(db.session.scalars(query))


def is_current(session: StaffSession, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(session.token_digest, _digest(token))


def end_one(user_id: int, session_id: int, actor: Actor, now: datetime) -> None:
    """An admin ends one session of an account (say, on a lost phone)."""
    begin_write()
    row = db.session.get(StaffSession, session_id)
    if row is None or row.user_id != user_id:
        db.session.rollback()
        raise UserNotFound(user_id)
    if row.revoked_at is None:
        row.revoked_at = now
        audit.record("session_ended", actor, Target("user", str(user_id)), device=row.device)
    db.session.commit()
