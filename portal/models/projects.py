"""Key projects the plan names (重点工程), in their groups."""

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .plan import PlanSection
from .progress import ProgressStatus
from .types import UTCDateTime, enum_column


class ProjectGroup(db.Model):
    __tablename__ = "project_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    section_id: Mapped[int] = mapped_column(ForeignKey("plan_sections.id"))
    position: Mapped[int] = mapped_column(default=0)

    section: Mapped[PlanSection] = relationship()
    projects: Mapped[list["Project"]] = relationship(
        back_populates="group", order_by="Project.position"
    )


class Project(db.Model):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    group_id: Mapped[int] = mapped_column(ForeignKey("project_groups.id"), index=True)
    category: Mapped[str | None] = mapped_column(String(200))
    owner: Mapped[str | None] = mapped_column(String(200))
    deadline: Mapped[date | None]
    deadline_text: Mapped[str | None] = mapped_column(String(60))
    # [{"deadline": "2007-12-31", "deadline_text": "今年年底前", "text": "前期工作全部完成"}, …]
    milestones: Mapped[list[dict]] = mapped_column(JSON, default=list)
    source_text: Mapped[str] = mapped_column(Text)
    section_id: Mapped[int] = mapped_column(ForeignKey("plan_sections.id"))
    position: Mapped[int] = mapped_column(default=0)
    # Editors' fields: the content import never overwrites them.
    status: Mapped[ProgressStatus] = mapped_column(
        enum_column(ProgressStatus), default=ProgressStatus.NOT_REPORTED
    )
    status_note: Mapped[str | None] = mapped_column(Text)
    status_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    group: Mapped[ProjectGroup] = relationship(back_populates="projects")
    section: Mapped[PlanSection] = relationship()

    def __repr__(self) -> str:
        return f"<Project {self.code}>"
