"""The notification outbox: one row per message to send, written in the same transaction as
the change it tells about, delivered later by the worker (portal.services.notifications).

The recipient is not stored: it is read from the report (or the staff account) when the
message is sent, so erasing a report's contact details stops what is still waiting."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import LabelledEnum, UTCDateTime, enum_column, utcnow


class NotifyChannel(LabelledEnum):
    SMS = "sms", "短信"
    EMAIL = "email", "电子邮件"


class OutboxState(LabelledEnum):
    PENDING = "pending", "待发送"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"
    CANCELLED = "cancelled", "已取消"


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"
    # The worker asks for due pending rows, oldest first.
    __table_args__ = (Index("ix_outbox_messages_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    channel: Mapped[NotifyChannel] = mapped_column(enum_column(NotifyChannel))
    kind: Mapped[str] = mapped_column(String(30))
    # What the text is made of: a report number and a status label, or a digest's text.
    # Never a description, a receipt code or a contact detail.
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    state: Mapped[OutboxState] = mapped_column(
        enum_column(OutboxState), default=OutboxState.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A worker that took the row sends it before this time; after it, another worker may.
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # One message per event and channel, or per digest day and moderator.
    dedupe_key: Mapped[str] = mapped_column(String(120), unique=True)
