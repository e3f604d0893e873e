"""What a reporter sees after entering the report number and receipt code: the public
timeline only. Internal notes and contact details never enter these objects, nor the number
of any other report: a duplicate mark names its original to staff only, since the number
would tell one reporter of another's report (and let them try its receipt code). Times are
given to the minute: the second a report came in could tie it to a line in some log.

The timeline is newest first, and a question waiting for the reporter is also given on its
own (open_question), for the page to quote right above the answer box."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...clock import to_the_minute
from ...extensions import db
from ...models import (
    INTERNAL_EVENT_KINDS,
    EventKind,
    PublishedOutcome,
    Report,
    ReportEvent,
    ReportStatus,
)
from ...settings import settings
from .receipts import code_problem, without_separators
from .rules import InvalidReport
from .satisfaction import Feedback, feedback_for

REPORT_NUMBER = re.compile(r"HG\d{8}-\d{6}", re.IGNORECASE)
TYPED_NUMBER = re.compile(r"HG(\d{8})(\d{6})")  # separators already removed
ANOTHER_REPORT = "另一件举报"
NUMBER_FORMAT = "举报编号格式应为 HG + 8 位日期 + 6 位序号，例如 HG20261124-000123。"


@dataclass(frozen=True)
class PublicEvent:
    at: datetime
    kind: EventKind
    status: ReportStatus
    department: str | None
    note: str | None


@dataclass(frozen=True)
class PublicReport:
    number: str
    status: ReportStatus
    category: str
    district: str
    submitted_at: datetime
    occurred_on: date
    department: str | None
    events: list[PublicEvent]
    awaiting_reply: bool
    public_result: str | None
    conclusion: str | None  # 办理结论's label, once resolved
    open_question: str | None  # the question the reporter is asked to answer, if any
    outcome_published: bool  # a summary is public at /reports/outcomes/<number>
    feedback: Feedback


def normalise_number(typed: str) -> str | None:
    """What the reporter typed → HG20261124-000123, or None when it cannot be a report
    number: full-width, case, spaces and any kind of dash do not matter."""
    found = TYPED_NUMBER.fullmatch(without_separators(typed))
    return f"HG{found[1]}-{found[2]}" if found else None


def find_for_reporter(number: str, code: str) -> PublicReport | None:
    """The public view of a report, or None when the number is unknown or the code wrong —
    the two cases look the same from outside, and take the same time. Raises InvalidReport
    for a number or a code that could never be right (their shape tells nothing)."""
    normal = normalise_number(number)
    errors = {"number": NUMBER_FORMAT} if normal is None else {}
    if problem := code_problem(code):
        errors["code"] = problem
    if errors:
        raise InvalidReport(errors)
    report = _load(normal)
    if not settings().receipt_hasher.verify(report.receipt_hash if report else None, code):
        return None
    return _public(report)


def for_verified_reporter(number: str) -> PublicReport | None:
    """The same view, for a reporter who proved number + code earlier in this session."""
    report = _load(number)
    return _public(report) if report else None


def _load(number: str) -> Report | None:
    return db.session.scalars(
        select(Report)
        .where(Report.number == number)
        .options(
            joinedload(Report.category),
            joinedload(Report.department),
            selectinload(Report.events).joinedload(ReportEvent.department),
        )
    ).first()


def _public(report: Report) -> PublicReport:
    events = [
        PublicEvent(
            at=to_the_minute(event.created_at),
            kind=event.kind,
            status=event.status,
            department=event.department.name if event.department else None,
            note=without_other_numbers(event.public_note, report.number),
        )
        for event in reversed(report.events)
        if event.kind not in INTERNAL_EVENT_KINDS  # 督办/催办 are for staff only
    ]
    return PublicReport(
        number=report.number,
        status=report.status,
        category=report.category.name,
        district=report.district.label,
        submitted_at=to_the_minute(report.submitted_at),
        occurred_on=report.occurred_on,
        department=report.department.name if report.department else None,
        events=events,
        awaiting_reply=report.awaiting_reply,
        public_result=without_other_numbers(report.public_result, report.number),
        conclusion=report.conclusion.label if report.conclusion else None,
        open_question=_open_question(report, events),
        outcome_published=_outcome_published(report),
        feedback=feedback_for(report),
    )


def _open_question(report: Report, newest_first: list[PublicEvent]) -> str | None:
    if not report.awaiting_reply:
        return None
    return next((e.note for e in newest_first if e.kind == EventKind.QUESTION), None)


def _outcome_published(report: Report) -> bool:
    query = select(PublishedOutcome.id).where(PublishedOutcome.report_id == report.id)
    return db.session.scalar(query) is not None


def without_other_numbers(note: str | None, own_number: str) -> str | None:
    """The note with every report number but the reporter's own replaced (old notes written
    with the original's number included)."""
    if not note:
        return note
    return REPORT_NUMBER.sub(
        lambda found: found[0] if found[0].upper() == own_number else ANOTHER_REPORT, note
    )
