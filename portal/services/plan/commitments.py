"""The commitment timetable: grouping by year and the overdue rule."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...extensions import db
from ...models import Commitment, CommitmentDepartment, ProgressStatus
from .progress import attach_histories


def is_overdue(commitment: Commitment, today: date) -> bool:
    """Past its deadline with no completion recorded: derived each time, never stored."""
    return commitment.deadline < today and commitment.status != ProgressStatus.COMPLETED


@dataclass(frozen=True)
class TimelineEntry:
    commitment: Commitment
    overdue: bool


@dataclass(frozen=True)
class TimelineYear:
    year: int
    entries: list[TimelineEntry]


def list_commitments() -> list[Commitment]:
    """Every commitment, each with its `progress_history` (newest first)."""
    commitments = list(
        db.session.scalars(
            select(Commitment)
            .options(
                joinedload(Commitment.section),
                selectinload(Commitment.departments).joinedload(CommitmentDepartment.department),
            )
            .order_by(Commitment.deadline, Commitment.position)
        )
    )
    attach_histories("commitment", commitments)
    return commitments


def commitments_by_deadline() -> list[Commitment]:
    """Every commitment with its own columns only (what the home page's glance needs)."""
    return list(
        db.session.scalars(select(Commitment).order_by(Commitment.deadline, Commitment.position))
    )


def timeline_by_year(commitments: list[Commitment], today: date) -> list[TimelineYear]:
    ordered = sorted(commitments, key=lambda c: (c.deadline, c.position))
    return [
        TimelineYear(year, [TimelineEntry(c, is_overdue(c, today)) for c in items])
        for year, items in groupby(ordered, key=lambda c: c.deadline.year)
    ]


@dataclass(frozen=True)
class CommitmentGlance:
    """What the home page shows: the next deadlines ahead, and the ones passed unmet."""

    upcoming: list[Commitment]
    overdue: list[Commitment]
    overdue_count: int
    total: int


def glance(commitments: list[Commitment], today: date, limit: int = 5) -> CommitmentGlance:
    upcoming = [c for c in commitments if c.deadline >= today]
    overdue = [c for c in commitments if is_overdue(c, today)]
    overdue.sort(key=lambda c: c.deadline, reverse=True)
    return CommitmentGlance(
        upcoming=upcoming[:limit],
        overdue=overdue[:limit],
        overdue_count=len(overdue),
        total=len(commitments),
    )
