"""What the open-data API lists: the plan's sections, indicators, commitments and projects,
read through the same services as the public pages and filtered here.

These lists are small (tens of rows) and the page services already load them whole, so the
filters and the keyset are applied in Python. Every function takes plain values.
"""

from datetime import date
from typing import Any

from sqlalchemy import select

from ...extensions import db
from ...models import Department, PlanSection, ProjectGroup, ReportCategory
from ..plan import commitments as commitment_service
from ..plan import sections as plan_service
from ..plan import targets as target_service
from ..plan.projects import list_project_groups
from ..plan.targets import IndicatorProgress


def section_slugs() -> list[str]:
    return list(db.session.scalars(select(PlanSection.slug).order_by(PlanSection.position)))


def department_codes() -> list[str]:
    return list(db.session.scalars(select(Department.code).order_by(Department.position)))


def project_group_codes() -> list[str]:
    return list(db.session.scalars(select(ProjectGroup.code).order_by(ProjectGroup.position)))


def report_category_codes() -> list[str]:
    query = select(ReportCategory.code).order_by(ReportCategory.position, ReportCategory.id)
    return list(db.session.scalars(query))


def plan_sections(filters: dict[str, Any]) -> list[PlanSection]:
    try:
        sections = plan_service.load_plan().sections
    except plan_service.PlanNotImported:
        return []
    return [
        s
        for s in sections
        if _matches(filters.get("level"), s.level)
        and _matches(filters.get("parent"), s.parent.slug if s.parent else None)
    ]


def find_section(slug: str) -> PlanSection | None:
    try:
        return plan_service.get_section(slug)
    except plan_service.SectionNotFound:
        return None


def indicators(filters: dict[str, Any]) -> list[IndicatorProgress]:
    return [
        p
        for p in target_service.progress_overview()
        if _matches(filters.get("section"), p.indicator.section.slug)
        and _matches(filters.get("direction"), p.indicator.direction)
        and _matches(filters.get("measure"), p.indicator.measure)
        and _matches(filters.get("status"), p.assessment.status)
    ]


def find_indicator(code: str) -> IndicatorProgress | None:
    try:
        return target_service.indicator_progress(code)
    except target_service.IndicatorNotFound:
        return None


def commitments(filters: dict[str, Any], today: date) -> list:
    return [
        c
        for c in commitment_service.list_commitments()
        if _matches(filters.get("status"), c.status)
        and _matches(filters.get("year"), c.deadline.year)
        and _matches(filters.get("section"), c.section.slug)
        and _matches(filters.get("overdue"), commitment_service.is_overdue(c, today))
        and (
            "department" not in filters
            or filters["department"] in {d.department.code for d in c.departments}
        )
    ]


def find_commitment(code: str):
    return next((c for c in commitment_service.list_commitments() if c.code == code), None)


def projects(filters: dict[str, Any]) -> list:
    return [
        p
        for group in list_project_groups()
        for p in group.projects
        if _matches(filters.get("group"), group.code)
        and _matches(filters.get("status"), p.status)
        and _matches(filters.get("section"), p.section.slug)
    ]


def find_project(code: str):
    return next((p for p in projects({}) if p.code == code), None)


def _matches(wanted, actual) -> bool:
    """A filter not given matches everything."""
    return wanted is None or wanted == actual
