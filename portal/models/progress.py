"""The progress editors record for commitments and projects, with its dated history."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import LabelledEnum, UTCDateTime, enum_column, utcnow


class ProgressStatus(LabelledEnum):
    NOT_REPORTED = "not_reported", "尚无进展记录"
    NOT_STARTED = "not_started", "未开工"
    UNDER_CONSTRUCTION = "under_construction", "在建"
    IN_PROGRESS = "in_progress", "进行中"
    COMPLETED = "completed", "已完成"
    OVERDUE = "overdue", "逾期"


# What an editor may record for each kind of subject (the lists).
PROJECT_STATUSES = (
    ProgressStatus.NOT_STARTED,
    ProgressStatus.UNDER_CONSTRUCTION,
    ProgressStatus.COMPLETED,
    ProgressStatus.OVERDUE,
)
COMMITMENT_STATUSES = (ProgressStatus.IN_PROGRESS, ProgressStatus.COMPLETED, ProgressStatus.OVERDUE)


class ProgressUpdate(db.Model):
    """One dated status note on a commitment or a project; the newest is the current status."""

    __tablename__ = "progress_updates"
    __table_args__ = (
        CheckConstraint("(commitment_id IS NULL) <> (project_id IS NULL)", name="one_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), index=True
    )
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[ProgressStatus] = mapped_column(enum_column(ProgressStatus))
    note: Mapped[str] = mapped_column(Text)
    noted_on: Mapped[date]
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(80))
    is_sample: Mapped[bool] = mapped_column(default=False)
