"""Possible duplicates, flagged in the queue and on a report's page: an earlier report within
30 days about the same linked enterprise ("同一企业"), or from the same district with a place
that reads alike (character-bigram Jaccard, "地点相似（73%）").

The candidate query is bounded: the page's districts and enterprises, a 30-day window, at
most CANDIDATE_LIMIT rows, compared in Python (bigram sets of ≤ 500 characters)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select

from ...extensions import db
from ...models import Report, ReportStatus

WINDOW = timedelta(days=30)
THRESHOLD = 0.5
CANDIDATE_LIMIT = 200
# Already-marked duplicates are not offered as originals: the original they point at is.
_NOT_ORIGINALS = (ReportStatus.DUPLICATE, ReportStatus.REJECTED)


@dataclass(frozen=True)
class DuplicateHint:
    number: str
    reason: str


def bigrams(text: str) -> set[str]:
    """Adjacent character pairs of the text without spaces and punctuation (Chinese place
    names have no word breaks, so characters are the unit)."""
    kept = "".join(ch for ch in text.lower() if ch.isalnum())
    if len(kept) < 2:
        return {kept} if kept else set()
    return {kept[i : i + 2] for i in range(len(kept) - 1)}


def similarity(a: str, b: str) -> float:
    first, second = bigrams(a), bigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def hints_for(reports: Iterable[Report]) -> dict[int, list[DuplicateHint]]:
    """For each report, the earlier reports it may repeat, best match first."""
    reports = [r for r in reports if r.status not in _NOT_ORIGINALS]
    if not reports:
        return {}
    earliest = min(r.submitted_at for r in reports) - WINDOW
    latest = max(r.submitted_at for r in reports)
    districts = {r.district for r in reports}
    enterprises = {r.enterprise_id for r in reports if r.enterprise_id is not None}
    rows = db.session.execute(
        select(
            Report.id,
            Report.number,
            Report.district,
            Report.place,
            Report.submitted_at,
            Report.enterprise_id,
        )
        .where(
            or_(Report.district.in_(districts), Report.enterprise_id.in_(enterprises)),
            Report.submitted_at >= earliest,
            Report.submitted_at <= latest,
            Report.status.not_in(_NOT_ORIGINALS),
        )
        .order_by(Report.submitted_at.desc(), Report.id.desc())
        .limit(CANDIDATE_LIMIT)
    ).all()
    hints: dict[int, list[DuplicateHint]] = {}
    for report in reports:
        found = []
        for row in rows:
            earlier = (row.submitted_at, row.id) < (report.submitted_at, report.id)
            if row.id == report.id or not earlier:
                continue
            if report.submitted_at - row.submitted_at > WINDOW:
                continue
            if report.enterprise_id is not None and row.enterprise_id == report.enterprise_id:
                found.append((2.0, row.number, "同一企业"))  # ranks above any place match
                continue
            score = similarity(report.place, row.place) if row.district == report.district else 0
            if score >= THRESHOLD:
                found.append((score, row.number, f"地点相似（{round(score * 100)}%）"))
        if found:
            found.sort(reverse=True)
            hints[report.id] = [DuplicateHint(number, reason) for _, number, reason in found]
    return hints


def duplicates_of(report: Report) -> list[Report]:
    """The reports marked as duplicates of this one (the other direction of duplicate_of)."""
    return list(
        db.session.scalars(
            select(Report).where(Report.duplicate_of_id == report.id).order_by(Report.id)
        )
    )
