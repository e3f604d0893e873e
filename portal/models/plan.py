"""The plan: its sections, the departments it names, and who leads or cooperates on each task."""

from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import SanitisedHTML


class Department(db.Model):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    level: Mapped[str] = mapped_column(String(20))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<Department {self.code}>"


class PlanSection(db.Model):
    __tablename__ = "plan_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    level: Mapped[int]
    position: Mapped[int] = mapped_column(index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sections.id"))
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(SanitisedHTML, default="")

    parent: Mapped["PlanSection | None"] = relationship(
        remote_side="PlanSection.id", back_populates="children"
    )
    children: Mapped[list["PlanSection"]] = relationship(
        back_populates="parent", order_by="PlanSection.position"
    )
    assignments: Mapped[list["Assignment"]] = relationship(
        back_populates="section", order_by="Assignment.position", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<PlanSection {self.slug}>"


class Role(StrEnum):
    LEAD = "lead"
    COOPERATING = "cooperating"


class Assignment(db.Model):
    """One "此项工作由…牵头，…配合" sentence of a section."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("plan_sections.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    scope: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    others_cooperate: Mapped[bool] = mapped_column(default=False)

    section: Mapped[PlanSection] = relationship(back_populates="assignments")
    members: Mapped[list["AssignmentDepartment"]] = relationship(
        back_populates="assignment",
        order_by="AssignmentDepartment.position",
        cascade="all, delete-orphan",
    )

    @property
    def leads(self) -> list[Department]:
        return [m.department for m in self.members if m.role == Role.LEAD]

    @property
    def cooperating(self) -> list[Department]:
        return [m.department for m in self.members if m.role == Role.COOPERATING]


class AssignmentDepartment(db.Model):
    __tablename__ = "assignment_departments"
    __table_args__ = (UniqueConstraint("assignment_id", "department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(default=0)

    assignment: Mapped[Assignment] = relationship(back_populates="members")
    department: Mapped[Department] = relationship()
