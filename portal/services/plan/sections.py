"""Reading the plan for the public pages."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import (
    Assignment,
    AssignmentDepartment,
    Commitment,
    Indicator,
    PlanSection,
    Project,
)
from ..common.errors import NotFound


class SectionNotFound(NotFound):
    """No plan section with that slug."""


class PlanNotImported(RuntimeError):
    """The database holds no plan yet: `flask --app wsgi content import` has not run."""


@dataclass(frozen=True)
class PlanView:
    """The plan in reading order, every section with its assignments loaded."""

    sections: list[PlanSection]

    @property
    def document(self) -> PlanSection:
        return self.sections[0]

    @property
    def contents(self) -> list[PlanSection]:
        """Sections listed in the table of contents (all but the document title)."""
        return [s for s in self.sections if s.level > 1]


def _with_assignments():
    return (
        selectinload(PlanSection.assignments)
        .selectinload(Assignment.members)
        .selectinload(AssignmentDepartment.department)
    )


def load_plan() -> PlanView:
    sections = db.session.scalars(
        select(PlanSection).options(_with_assignments()).order_by(PlanSection.position)
    ).all()
    if not sections:
        raise PlanNotImported()
    return PlanView(list(sections))


def plan_document() -> PlanSection:
    """The document's own title section (its introduction), without the rest of the plan."""
    document = db.session.scalars(select(PlanSection).order_by(PlanSection.position)).first()
    if document is None:
        raise PlanNotImported()
    return document


def get_section(slug: str) -> PlanSection:
    section = db.session.scalars(
        select(PlanSection)
        .where(PlanSection.slug == slug)
        .options(_with_assignments(), selectinload(PlanSection.children))
    ).first()
    if section is None:
        raise SectionNotFound(slug)
    return section


def section_trail(section: PlanSection) -> list[PlanSection]:
    """The section's ancestors, outermost first (for breadcrumbs)."""
    trail = []
    parent = section.parent
    while parent is not None:
        trail.append(parent)
        parent = parent.parent
    return list(reversed(trail))


def neighbours(section: PlanSection) -> tuple[PlanSection | None, PlanSection | None]:
    """The previous and next sections in reading order."""
    before = db.session.scalars(
        select(PlanSection)
        .where(PlanSection.position < section.position, PlanSection.level > 1)
        .order_by(PlanSection.position.desc())
        .limit(1)
    ).first()
    after = db.session.scalars(
        select(PlanSection)
        .where(PlanSection.position > section.position)
        .order_by(PlanSection.position)
        .limit(1)
    ).first()
    return before, after


@dataclass(frozen=True)
class SectionRecords:
    """What the portal tracks from one section: each item links back to its own page."""

    targets: list[Indicator]
    commitments: list[Commitment]
    projects: list[Project]

    def __bool__(self) -> bool:
        return bool(self.targets or self.commitments or self.projects)


def section_records(section: PlanSection) -> SectionRecords:
    def of(model):
        return list(
            db.session.scalars(
                select(model).where(model.section_id == section.id).order_by(model.position)
            )
        )

    return SectionRecords(of(Indicator), of(Commitment), of(Project))
