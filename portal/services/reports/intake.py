"""Creating reports: one transaction for the report, its evidence rows and its first event;
the evidence files are on disk (fsynced) before the commit and removed if it fails.

Used by the web form, the staff hotline form and the CLI alike.
"""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ...clock import CITY_TZ
from ...database import begin_write
from ...extensions import db
from ...models import (
    Channel,
    DroppedSubmission,
    Evidence,
    Report,
    ReportCategory,
    ReportSequence,
    ReportStatus,
)
from ...settings import settings
from ..common import audit
from ..common import uploads as evidence_files
from ..common.audit import Actor, Target
from . import replays
from .receipts import derive_code, format_code, token_digest
from .rules import InvalidReport, ReportInput, validate

REPORTER = "举报人"
STAFF_INTAKE = "受理人员"


class LooksAutomated(Exception):
    """A valid report sent faster than a person can fill in the form: dropped quietly."""


@dataclass(frozen=True)
class Submitted:
    report: Report
    # Formatted for reading aloud; never stored in clear. None when the form had been
    # submitted before by someone else, or with other content (see replays).
    receipt_code: str | None
    created: bool  # False when the same form had already been submitted


def submit_report(
    given: ReportInput,
    *,
    token: str,
    channel: Channel = Channel.WEB,
    form_age_seconds: float | None = None,
    sender: str | None = None,
    intake_by: Actor | None = None,
    now: datetime,
) -> Submitted:
    """Validate and store a report. Raises InvalidReport (nothing written) on bad input, and
    LooksAutomated when a web form came back faster than anyone could have filled it in.
    A form with mistakes is always answered with its errors, however fast it came back.

    `sender` names who sends the form (a random key of the reporter's browser session); a
    staff intake is sent by the staff account. The same form sent again gives its receipt
    code back only to the same sender with the same content (replays)."""
    categories = {c.code: c for c in db.session.scalars(select(ReportCategory))}
    clean = validate(given, categories=set(categories), now=now.astimezone(CITY_TZ))
    if form_age_seconds is not None and form_age_seconds < settings().min_fill_seconds:
        raise LooksAutomated()
    limits = settings().evidence
    try:
        prepared = evidence_files.prepare_all(
            given.evidence,
            max_files=limits.max_files,
            max_bytes=limits.max_bytes,
            max_total_bytes=limits.max_total_bytes,
            max_pixels=limits.max_pixels,
            max_video_bytes=limits.max_video_bytes,
            memory_bytes=limits.memory_bytes,
            seconds=limits.seconds,
        )
    except evidence_files.EvidenceError as error:
        raise InvalidReport({"evidence": str(error)}) from error

    if intake_by is not None:
        sender = f"staff:{intake_by.user_id}"
    digest = token_digest(token)
    code = format_code(derive_code(settings().receipt_key, token))
    existing = _by_token(digest)
    if existing is not None:
        return _resubmitted(existing, code, token, sender, given, now)

    # The slow parts (hashing, writing files) happen before the write lock is taken.
    receipt_hash = settings().receipt_hasher.hash(code.replace("-", ""))
    stored = evidence_files.store_all(prepared, settings().upload_dir)
    try:
        begin_write()
        report = _new_report(clean, categories[clean.category], channel, now)
        report.receipt_hash = receipt_hash
        report.idempotency_digest = digest
        report.evidence = [evidence_row(s, n) for n, s in enumerate(stored, start=1)]
        db.session.add(report)
        if sender:
            replays.remember(token, sender, given, now)
        if intake_by is not None:
            db.session.flush()
            audit.record(
                "report_intake", intake_by, Target("report", report.number), channel=channel.value
            )
        db.session.commit()
    except IntegrityError:
        # The same form, submitted twice at the same moment: the other request won.
        db.session.rollback()
        evidence_files.remove(stored, settings().upload_dir)
        existing = _by_token(digest)
        if existing is None:
            raise
        return _resubmitted(existing, code, token, sender, given, now)
    except BaseException:
        db.session.rollback()
        evidence_files.remove(stored, settings().upload_dir)
        raise
    return Submitted(report, code, created=True)


def _resubmitted(report, code, token, sender, given, now) -> Submitted:
    """The form was submitted before: its receipt only for the same sender, same content."""
    same = replays.is_resent_by_sender(token, sender, given, now)
    return Submitted(report, code if same else None, created=False)


def _by_token(digest: str) -> Report | None:
    return db.session.scalars(select(Report).where(Report.idempotency_digest == digest)).first()


def _new_report(clean, category: ReportCategory, channel: Channel, now: datetime) -> Report:
    cipher = settings().cipher
    local_day = now.astimezone(CITY_TZ).date()
    report = Report(
        number=report_number(local_day, _next_sequence(local_day)),
        channel=channel,
        status=ReportStatus.SUBMITTED,
        category=category,
        district=clean.district,
        place=clean.place,
        latitude=clean.latitude,
        longitude=clean.longitude,
        occurred_on=clean.occurred_on,
        occurred_time=clean.occurred_time,
        subject=clean.subject,
        description=clean.description,
        department=category.default_department,
        submitted_at=now,
        updated_at=now,
        anonymous=clean.anonymous,
        contact_name=cipher.encrypt(clean.name),
        contact_phone=cipher.encrypt(clean.phone),
        contact_email=cipher.encrypt(clean.email),
        notify_sms=clean.notify_sms,
        notify_email=clean.notify_email,
    )
    report.record_submission(
        f"通过{channel.label}渠道提交举报。",
        at=now,
        actor_name=REPORTER if channel == Channel.WEB else STAFF_INTAKE,
    )
    return report


def report_number(day: date, sequence: int) -> str:
    return f"HG{day:%Y%m%d}-{sequence:06d}"


def _next_sequence(day: date) -> int:
    """Atomically take the day's next number (an upsert that every engine serialises)."""
    insert = sqlite_insert if db.session.get_bind().dialect.name == "sqlite" else pg_insert
    statement = (
        insert(ReportSequence)
        .values(day=day, last=1)
        .on_conflict_do_update(index_elements=["day"], set_={"last": ReportSequence.last + 1})
        .returning(ReportSequence.last)
    )
    return db.session.execute(statement).scalar_one()


def evidence_row(stored: evidence_files.StoredEvidence, position: int) -> Evidence:
    """The row of a stored file, the report's `position`-th: named 证据<position> plus the
    extension of its detected type, whatever the upload was called."""
    return Evidence(
        relative_path=stored.relative_path,
        media_type=stored.media_type,
        size=stored.size,
        sha256=stored.sha256,
        name=f"证据{position}{Path(stored.relative_path).suffix}",
        width=stored.width,
        height=stored.height,
        thumbnail_path=stored.thumbnail_path,
    )


def count_dropped(reason: str, now: datetime) -> None:
    """Count a submission dropped as automated (honeypot filled, form filled too fast)."""
    day = now.astimezone(CITY_TZ).date()
    insert = sqlite_insert if db.session.get_bind().dialect.name == "sqlite" else pg_insert
    begin_write()
    db.session.execute(
        insert(DroppedSubmission)
        .values(day=day, reason=reason, count=1)
        .on_conflict_do_update(
            index_elements=["day", "reason"], set_={"count": DroppedSubmission.count + 1}
        )
    )
    db.session.commit()


def list_categories() -> list[ReportCategory]:
    return list(
        db.session.scalars(
            select(ReportCategory)
            .options(joinedload(ReportCategory.default_department))
            .order_by(ReportCategory.position)
        )
    )
