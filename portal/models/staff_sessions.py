"""Staff sign-in state kept on the server, so that it can be ended there.

StaffSession: one row per signed-in (or half signed-in) browser. The cookie carries only a
random token; the row keeps its SHA-256 digest, so a copy of the database signs nobody in.
Logging out, a password or second-factor change, disabling an account and an admin end rows;
a cookie whose row has ended, gone idle or grown too old no longer opens /admin.

What a row keeps about the browser is deliberately little: a coarse label an admin can
recognise ("Firefox · Windows"), and a keyed digest of the User-Agent so that a cookie
replayed from another browser is refused. No address and no full User-Agent: staff are
people too, and a table of where and on what they work would be a tempting thing to leak.

SignInDelay: consecutive failed sign-ins per account name, for the growing delay that
replaced the hard lock (anybody could lock moderators out by failing five times).
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import LabelledEnum, UTCDateTime, enum_column, utcnow
from .users import User


class SessionStage(LabelledEnum):
    SECOND_FACTOR = "second_factor", "等待输入验证码"  # password checked, code still to come
    SIGNED_IN = "signed_in", "已登录"


class StaffSession(db.Model):
    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    stage: Mapped[SessionStage] = mapped_column(enum_column(SessionStage))
    device: Mapped[str] = mapped_column(String(40), default="")
    agent_digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Wrong codes entered while this row waits for the second factor.
    code_attempts: Mapped[int] = mapped_column(default=0)
    # A second-factor secret being enrolled (Fernet-encrypted), until its first code is entered.
    pending_totp_secret: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User] = relationship(lazy="joined")


class SignInDelay(db.Model):
    __tablename__ = "sign_in_delays"

    # A keyed digest of what the delay counts for ("sign-in:<account name>"): names typed at
    # the sign-in form (sometimes a password typed in the wrong box) are not stored.
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    retry_after: Mapped[datetime] = mapped_column(UTCDateTime)
