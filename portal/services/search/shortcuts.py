"""Queries that name one record go straight to it: a report number to its published outcome,
a 统一社会信用代码 to its enterprise.

A report number without a published outcome — not yet published, or no such report — goes to
the status page with the number filled in: the same answer either way, so that search never
tells whether a report exists."""

from dataclasses import dataclass, field

from sqlalchemy import select

from ...extensions import db
from ...models import Enterprise, PublishedOutcome, Report
from .terms import normalise, report_number, uscc


@dataclass(frozen=True)
class Destination:
    endpoint: str
    args: dict = field(default_factory=dict)


def destination(raw: str | None) -> Destination | None:
    """Where a query naming one record leads, or None to search as text."""
    query = normalise(raw)
    if number := report_number(query):
        published = select(PublishedOutcome.id).join(PublishedOutcome.report)
        if db.session.scalar(published.where(Report.number == number)) is not None:
            return Destination("reports.outcome", {"number": number})
        return Destination("reports.status_form", {"number": number})
    if code := uscc(query):
        found = db.session.scalar(select(Enterprise.id).where(Enterprise.uscc == code))
        if found is not None:
            return Destination("registers.enterprise", {"enterprise_id": found})
    return None
