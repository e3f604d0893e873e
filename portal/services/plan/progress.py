"""Editors' dated progress notes on commitments and projects.

A subject's current status (status, status_note, status_updated_at on the commitment or
project) is always its newest note by date, so that public pages need no extra query for it;
sync_current_status keeps it in step whenever notes are added or removed.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, joinedload

from ...clock import today_local
from ...database import begin_write
from ...extensions import db
from ...models import (
    COMMITMENT_STATUSES,
    PROJECT_STATUSES,
    Commitment,
    ProgressStatus,
    ProgressUpdate,
    Project,
    ProjectGroup,
)
from ...models.types import utcnow
from ..common import audit
from ..common.audit import Actor, Target
from ..common.errors import NotFound
from ..reports.rules import CONTROL

NOTE_MAX = 2000
# Nothing can have progressed before the plan was issued (2007); catches mistyped years.
EARLIEST_DATE = date(2007, 1, 1)
# The newest note is the current status: by its date, then by when it was recorded.
NEWEST_FIRST = (
    ProgressUpdate.noted_on.desc(),
    ProgressUpdate.recorded_at.desc(),
    ProgressUpdate.id.desc(),
)


@dataclass(frozen=True)
class SubjectKind:
    name: str  # "commitment" / "project": the audit target kind
    model: type[Commitment] | type[Project]
    statuses: tuple[ProgressStatus, ...]
    column: InstrumentedAttribute  # the ProgressUpdate column pointing at the subject
    label: str


KINDS = {
    "commitment": SubjectKind(
        "commitment", Commitment, COMMITMENT_STATUSES, ProgressUpdate.commitment_id, "承诺"
    ),
    "project": SubjectKind(
        "project", Project, PROJECT_STATUSES, ProgressUpdate.project_id, "重点工程"
    ),
}


class InvalidProgress(ValueError):
    """Bad input, one Chinese message per field (status, note, noted_on)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class SubjectNotFound(NotFound):
    """No commitment or project with that code."""


def kind_of(name: str) -> SubjectKind:
    try:
        return KINDS[name]
    except KeyError:
        raise SubjectNotFound(name) from None


def record_progress(
    kind: str,
    code: str,
    status: str,
    note: str,
    noted_on: str | date,
    actor: Actor,
    *,
    today: date | None = None,
) -> ProgressUpdate:
    """Add a dated note and bring the subject's current status up to date. Raises
    InvalidProgress (nothing written) on bad input, SubjectNotFound for an unknown code."""
    spec = kind_of(kind)
    clean_status, clean_note, clean_date = _validate(
        spec, status, note, noted_on, today or today_local()
    )
    begin_write()
    subject = find_subject(spec, code)
    if subject is None:
        db.session.rollback()
        raise SubjectNotFound(code)
    update = new_update(spec, subject, clean_status, clean_note, clean_date, actor.name)
    db.session.add(update)
    db.session.flush()
    sync_current_status(spec, subject)
    audit.record(
        "progress_recorded", actor, Target(spec.name, subject.code),
        status=clean_status.value, noted_on=clean_date.isoformat(),
    )  # fmt: skip
    db.session.commit()
    return update


def new_update(
    spec: SubjectKind,
    subject: Commitment | Project,
    status: ProgressStatus,
    note: str,
    noted_on: date,
    recorded_by: str,
    *,
    is_sample: bool = False,
) -> ProgressUpdate:
    """A ProgressUpdate on `subject`, not yet added to the session."""
    return ProgressUpdate(
        **{spec.column.key: subject.id},
        status=status,
        note=note,
        noted_on=noted_on,
        recorded_at=utcnow(),
        recorded_by=recorded_by,
        is_sample=is_sample,
    )


def _validate(spec: SubjectKind, status, note, noted_on, today: date):
    errors: dict[str, str] = {}
    try:
        clean_status = ProgressStatus(str(status or ""))
    except ValueError:
        clean_status = None
    if clean_status not in spec.statuses:
        allowed = "、".join(s.label for s in spec.statuses)
        errors["status"] = f"请选择{spec.label}的状态：{allowed}。"
    clean_note = str(note or "").strip()
    if message := _note_problem(clean_note):
        errors["note"] = message
    clean_date, message = _parse_date(noted_on, today)
    if message:
        errors["noted_on"] = message
    if errors:
        raise InvalidProgress(errors)
    return clean_status, clean_note, clean_date


def _note_problem(note: str) -> str | None:
    if not note:
        return "请填写进展说明。"
    if len(note) > NOTE_MAX:
        return f"进展说明不能超过 {NOTE_MAX} 个字（现有 {len(note)} 个字）。"
    if CONTROL.search(note):
        return "进展说明含有无法识别的控制字符，请删除后重试。"
    return None


def _parse_date(value: str | date, today: date) -> tuple[date | None, str | None]:
    if isinstance(value, date):
        parsed = value
    elif not str(value or "").strip():
        return None, "请填写进展日期。"
    else:
        try:
            parsed = date.fromisoformat(str(value).strip())
        except ValueError:
            return None, "日期格式应为 年-月-日，例如 2008-12-31。"
    if parsed > today:
        return None, "进展日期不能晚于今天。"
    if parsed < EARLIEST_DATE:
        return None, f"进展日期不能早于 {EARLIEST_DATE.year} 年（方案印发之前）。"
    return parsed, None


def find_subject(spec: SubjectKind, code: str) -> Commitment | Project | None:
    return db.session.scalars(select(spec.model).where(spec.model.code == code)).first()


def sync_current_status(spec: SubjectKind, subject) -> None:
    """Set the subject's current status from its newest remaining note (or none). Runs inside
    the caller's transaction; the caller commits."""
    latest = db.session.scalars(
        select(ProgressUpdate).where(spec.column == subject.id).order_by(*NEWEST_FIRST).limit(1)
    ).first()
    subject.status = latest.status if latest else ProgressStatus.NOT_REPORTED
    subject.status_note = latest.note if latest else None
    subject.status_updated_at = latest.recorded_at if latest else None


def histories(kind: str, subject_ids: list[int]) -> dict[int, list[ProgressUpdate]]:
    """Every note on the given subjects, newest first, in one query."""
    spec = kind_of(kind)
    by_subject: dict[int, list[ProgressUpdate]] = defaultdict(list)
    if not subject_ids:
        return by_subject
    rows = db.session.scalars(
        select(ProgressUpdate).where(spec.column.in_(subject_ids)).order_by(*NEWEST_FIRST)
    )
    for row in rows:
        by_subject[getattr(row, spec.column.key)].append(row)
    return by_subject


def attach_histories(kind: str, subjects: list) -> None:
    """Give each subject a `progress_history` list (newest first) for the public pages.
    The models have no relationship for it, so it is loaded here in one query."""
    found = histories(kind, [s.id for s in subjects])
    for subject in subjects:
        subject.progress_history = found.get(subject.id, [])


@dataclass(frozen=True)
class ProgressSubject:
    """A commitment or project with its progress history, newest first: the editors' page."""

    kind: SubjectKind
    subject: Commitment | Project
    history: list[ProgressUpdate]


def progress_subject(kind: str, code: str) -> ProgressSubject:
    spec = kind_of(kind)
    subject = find_subject(spec, code)
    if subject is None:
        raise SubjectNotFound(code)
    return ProgressSubject(spec, subject, histories(kind, [subject.id]).get(subject.id, []))


@dataclass(frozen=True)
class Overview:
    """Every subject, each with its `progress_history` (newest first)."""

    commitments: list[Commitment]
    projects: list[Project]


def overview() -> Overview:
    commitments = list(
        db.session.scalars(select(Commitment).order_by(Commitment.deadline, Commitment.position))
    )
    projects = list(
        db.session.scalars(
            select(Project)
            .join(Project.group)
            .options(joinedload(Project.group))
            .order_by(ProjectGroup.position, Project.position)
        )
    )
    attach_histories("commitment", commitments)
    attach_histories("project", projects)
    return Overview(commitments, projects)
