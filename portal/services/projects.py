"""Key projects, by group."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import Project, ProjectGroup


def list_project_groups() -> list[ProjectGroup]:
    return list(
        db.session.scalars(
            select(ProjectGroup)
            .options(
                joinedload(ProjectGroup.section),
                selectinload(ProjectGroup.projects).joinedload(Project.section),
            )
            .order_by(ProjectGroup.position)
        )
    )
