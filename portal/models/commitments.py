"""Dated commitments of the plan (承诺时间表)."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .indicators import Indicator
from .plan import Department, PlanSection
from .progress import ProgressStatus
from .types import UTCDateTime, enum_column


class Commitment(db.Model):
    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    deadline: Mapped[date] = mapped_column(index=True)
    deadline_text: Mapped[str] = mapped_column(String(60))
    source_text: Mapped[str] = mapped_column(Text)
    section_id: Mapped[int] = mapped_column(ForeignKey("plan_sections.id"), index=True)
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id"))
    position: Mapped[int] = mapped_column(default=0)
    # Editors' fields: the content import never overwrites them.
    status: Mapped[ProgressStatus] = mapped_column(
        enum_column(ProgressStatus), default=ProgressStatus.NOT_REPORTED
    )
    status_note: Mapped[str | None] = mapped_column(Text)
    status_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    section: Mapped[PlanSection] = relationship()
    indicator: Mapped[Indicator | None] = relationship()
    departments: Mapped[list["CommitmentDepartment"]] = relationship(
        order_by="CommitmentDepartment.position", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Commitment {self.code}>"


class CommitmentDepartment(db.Model):
    __tablename__ = "commitment_departments"
    __table_args__ = (UniqueConstraint("commitment_id", "department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)

    department: Mapped[Department] = relationship()
