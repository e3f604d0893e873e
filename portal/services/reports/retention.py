"""The retention policy: contact details and evidence of reports closed more than N days ago
are erased; the anonymous record stays, so statistics do not change."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...database import begin_write
from ...extensions import db
from ...models import Report
from ...settings import settings
from ..common import audit
from ..common import uploads as evidence_files
from ..common.audit import Actor
from ..notifications.staging import cancel_for_reports


@dataclass(frozen=True)
class PurgeResult:
    reports: int
    files: int


def purge_contacts(older_than_days: int, actor: Actor, now: datetime) -> PurgeResult:
    if older_than_days < 0:
        raise ValueError("older_than_days must not be negative")
    cutoff = now - timedelta(days=older_than_days)
    begin_write()
    reports = list(
        db.session.scalars(
            select(Report)
            .where(Report.closed_at < cutoff, Report.contacts_purged_at.is_(None))
            .options(selectinload(Report.evidence))
        )
    )
    paths = [path for report in reports for row in report.evidence for path in row.stored_paths]
    # Files go first: if the commit then fails, the next run finds the same rows and
    # removing an already-removed file is a no-op; erasure never waits on the database.
    evidence_files.remove(paths, settings().upload_dir)
    for report in reports:
        report.contact_name = report.contact_phone = report.contact_email = None
        report.latitude = report.longitude = None  # where the reporter stood
        report.evidence.clear()
        report.contacts_purged_at = now
        report.notify_sms = report.notify_email = False
    # Messages still waiting go too (the worker also checks, for a row claimed meanwhile).
    cancel_for_reports([report.id for report in reports])
    audit.record(
        "contacts_purged", actor, None, reports=len(reports), files=len(paths),
        older_than_days=older_than_days,
    )  # fmt: skip
    db.session.commit()
    return PurgeResult(len(reports), len(paths))
