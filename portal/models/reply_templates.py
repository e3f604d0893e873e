"""Reply templates (答复模板) that admins keep for moderators' notices and questions."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import LabelledEnum, UTCDateTime, enum_column, utcnow


class ReplyUse(LabelledEnum):
    """Where a template is offered: the workflow action of that name, or the question form."""

    ACCEPT = "accept", "受理通知"
    REJECT = "reject", "不予受理通知"
    ASSIGN = "assign", "转办通知"
    RESOLVE = "resolve", "办结通知"
    QUESTION = "question", "向举报人提问"


class ReplyTemplate(db.Model):
    __tablename__ = "reply_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    use: Mapped[ReplyUse] = mapped_column(enum_column(ReplyUse))
    title: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
