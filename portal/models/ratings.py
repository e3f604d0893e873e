"""The reporter's rating of a resolved report (满意度评价): one per report, kept apart from the
report row so that statistics read a small table and the purge of contacts leaves it alone."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .reports import Report
from .types import LabelledEnum, UTCDateTime, enum_column


class Satisfaction(LabelledEnum):
    SATISFIED = "satisfied", "满意"
    FAIRLY_SATISFIED = "fairly_satisfied", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


# The ratings that count as satisfied in the published satisfaction rate.
CONTENT = frozenset({Satisfaction.SATISFIED, Satisfaction.FAIRLY_SATISFIED})


class ReportRating(db.Model):
    __tablename__ = "report_ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Unique: a report is rated once, even by two browsers racing each other.
    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), unique=True
    )
    rating: Mapped[Satisfaction] = mapped_column(enum_column(Satisfaction))
    comment: Mapped[str | None] = mapped_column(String(500))
    # To the minute, as every time a reporter leaves behind (portal.clock.to_the_minute).
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    report: Mapped[Report] = relationship()
