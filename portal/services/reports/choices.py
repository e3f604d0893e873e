"""The option lists staff forms and filters offer, read once per request."""

from dataclasses import dataclass

from sqlalchemy import select

from ...extensions import db
from ...models import Channel, Department, District, ReportCategory, ReportStatus


@dataclass(frozen=True)
class Choices:
    statuses: list[tuple[str, str]]
    categories: list[tuple[str, str]]
    districts: list[tuple[str, str]]
    channels: list[tuple[str, str]]
    departments: list[tuple[str, str]]


def queue_choices() -> Choices:
    categories = db.session.execute(
        select(ReportCategory.id, ReportCategory.name).order_by(ReportCategory.position)
    ).all()
    departments = db.session.execute(
        select(Department.code, Department.name).order_by(Department.position)
    ).all()
    return Choices(
        statuses=ReportStatus.choices(),
        categories=[(str(i), name) for i, name in categories],
        districts=District.choices(),
        channels=Channel.choices(),
        departments=[(code, name) for code, name in departments],
    )


def department_id(code: str) -> int | None:
    return db.session.scalar(select(Department.id).where(Department.code == code))
