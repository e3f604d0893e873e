"""Key projects, by group."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...extensions import db
from ...models import Project, ProjectGroup
from .progress import attach_histories


def list_project_groups() -> list[ProjectGroup]:
    """Every group with its projects, each project with its `progress_history` (newest first)."""
    groups = list(
        db.session.scalars(
            select(ProjectGroup)
            .options(
                joinedload(ProjectGroup.section),
                selectinload(ProjectGroup.projects).joinedload(Project.section),
            )
            .order_by(ProjectGroup.position)
        )
    )
    attach_histories("project", [project for group in groups for project in group.projects])
    return groups
