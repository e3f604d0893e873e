"""What the reporter first wrote, kept when a moderator corrects a report's facts."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .reports import District, Report, ReportCategory
from .types import UTCDateTime, enum_column


class ReportOriginal(db.Model):
    """A copy of the correctable facts taken at the first correction, never changed after:
    the report row then holds the corrected values, which every public page reads."""

    __tablename__ = "report_originals"

    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    category_id: Mapped[int] = mapped_column(ForeignKey("report_categories.id"))
    district: Mapped[District] = mapped_column(enum_column(District))
    place: Mapped[str] = mapped_column(String(500))
    occurred_on: Mapped[date]
    subject: Mapped[str | None] = mapped_column(String(200))
    kept_at: Mapped[datetime] = mapped_column(UTCDateTime)

    report: Mapped[Report] = relationship()
    category: Mapped[ReportCategory] = relationship()
