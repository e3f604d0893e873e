"""What a department page shows: tasks led and co-led, commitments with a derived status, projects.

Everything is read from the imported plan records; nothing here is stored."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...extensions import db
from ...models import (
    Assignment,
    AssignmentDepartment,
    Commitment,
    CommitmentDepartment,
    Department,
    ProgressStatus,
    Project,
    Role,
)
from ..common.errors import NotFound
from ..plan.progress import attach_histories


class DepartmentNotFound(NotFound):
    """No department with that code."""


class Delivery(StrEnum):
    """How a commitment stands against its deadline, derived from the progress records."""

    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    PENDING = "pending"
    NO_RECORD = "no_record"

    @property
    def label(self) -> str:
        return {
            "on_time": "按期完成",
            "late": "逾期完成",
            "overdue": "已逾期、尚无完成记录",
            "pending": "未到期",
            "no_record": "无记录",
        }[self.value]


@dataclass(frozen=True)
class CommitmentLine:
    commitment: Commitment
    delivery: Delivery
    completed_on: date | None
    is_sample: bool = False  # the completion comes from a sample (invented) progress note


@dataclass(frozen=True)
class DepartmentPage:
    department: Department
    led: list[Assignment]
    co_led: list[Assignment]
    commitments: list[CommitmentLine]
    projects: list[Project]


def list_departments() -> list[Department]:
    return list(db.session.scalars(select(Department).order_by(Department.position)))


def _completion(commitment: Commitment):
    """The earliest 已完成 progress note, or None."""
    done = [u for u in commitment.progress_history if u.status == ProgressStatus.COMPLETED]
    return min(done, key=lambda u: u.noted_on) if done else None


def delivery_of(commitment: Commitment, today: date) -> CommitmentLine:
    """Needs `progress_history` attached (plan.progress.attach_histories)."""
    note = _completion(commitment)
    done = note.noted_on if note else None
    if done is None and commitment.status == ProgressStatus.COMPLETED:
        # Marked completed without a dated note: completion is known, its timing is not.
        return CommitmentLine(commitment, Delivery.NO_RECORD, None)
    if done is not None:
        kind = Delivery.ON_TIME if done <= commitment.deadline else Delivery.LATE
        return CommitmentLine(commitment, kind, done, note.is_sample)
    if commitment.deadline < today:
        return CommitmentLine(commitment, Delivery.OVERDUE, None)
    return CommitmentLine(commitment, Delivery.PENDING, None)


def department_page(code: str, today: date) -> DepartmentPage:
    department = db.session.scalars(select(Department).where(Department.code == code)).first()
    if department is None:
        raise DepartmentNotFound(code)
    memberships = db.session.scalars(
        select(AssignmentDepartment)
        .where(AssignmentDepartment.department_id == department.id)
        .options(joinedload(AssignmentDepartment.assignment).joinedload(Assignment.section))
    ).all()
    led = _unique(m.assignment for m in memberships if m.role == Role.LEAD)
    co_led = _unique(m.assignment for m in memberships if m.role != Role.LEAD)
    commitments = list(
        db.session.scalars(
            select(Commitment)
            .join(CommitmentDepartment)
            .where(CommitmentDepartment.department_id == department.id)
            .options(joinedload(Commitment.section))
            .order_by(Commitment.deadline, Commitment.position)
        ).unique()
    )
    attach_histories("commitment", commitments)
    section_ids = {a.section_id for a in led + co_led}
    projects = (
        list(
            db.session.scalars(
                select(Project)
                .where(Project.section_id.in_(section_ids))
                .options(selectinload(Project.group))
                .order_by(Project.section_id, Project.position)
            )
        )
        if section_ids
        else []
    )
    return DepartmentPage(
        department=department,
        led=led,
        co_led=co_led,
        commitments=[delivery_of(c, today) for c in commitments],
        projects=projects,
    )


def _unique(assignments) -> list[Assignment]:
    seen: dict[int, Assignment] = {}
    for a in assignments:
        seen.setdefault(a.id, a)
    return sorted(seen.values(), key=lambda a: (a.section.position, a.position))
