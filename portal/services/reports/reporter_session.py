"""What a reporter's browser session remembers between two requests, kept on the server.

The session cookie is signed, not encrypted, so it carries only random handles; the receipt
(number and code) waiting to be shown after a submission, and the report a reporter unlocked
with number and code, are kept in short_lived under those handles.

- The receipt is held for RECEIPT_TTL with what it says was received (category, district,
  place, number of files, the day — never the description), and read as often as its session
  asks until then (a reload, the PNG and PDF downloads), so a dropped tab does not lose the
  code. It is discarded when the reporter says it is saved; after that, or after RECEIPT_TTL,
  nobody can read the code again (the database keeps only its hash).
- Status access lasts STATUS_ACCESS_TTL from the lookup that proved number and code.
"""

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from ...clock import local_date
from ...models import Report
from ..common import short_lived
from .intake import Submitted

RECEIPT = "receipt"
RECEIPT_TTL = timedelta(minutes=30)
STATUS_ACCESS = "reporter-access"
STATUS_ACCESS_TTL = timedelta(minutes=30)


@dataclass(frozen=True)
class Receipt:
    number: str
    code: str  # formatted in groups of four, joined by dashes
    created: bool  # False: the same form, sent again by the same reporter
    submitted_on: str  # the city's date (ISO), never the time: what the receipt shows
    category: str
    district: str
    place: str
    file_count: int

    @property
    def submitted_day(self) -> date:
        return date.fromisoformat(self.submitted_on)


def hold_receipt(submitted: Submitted, now: datetime) -> str:
    """Keep the receipt of a submission (which must carry its code); returns its handle."""
    if submitted.receipt_code is None:
        raise ValueError("a receipt without its code is never held")
    report = submitted.report
    receipt = Receipt(
        number=report.number,
        code=submitted.receipt_code,
        created=submitted.created,
        submitted_on=local_date(report.submitted_at).isoformat(),
        category=report.category.name,
        district=report.district.label,
        place=report.place,
        file_count=_files_sent_with(report),
    )
    return short_lived.put(RECEIPT, asdict(receipt), ttl=RECEIPT_TTL, now=now)


def shown_receipt(handle: str | None, now: datetime) -> Receipt | None:
    """The receipt behind the session's handle, as often as asked until RECEIPT_TTL has
    passed or the reporter finished; None then (or for an unknown handle)."""
    value = short_lived.get(RECEIPT, handle, now=now)
    try:
        return None if value is None else Receipt(**value)
    except TypeError:  # held by an older release, without what was received: as if expired
        return None


def finish_receipt(handle: str | None) -> None:
    """The reporter saved the receipt: forget it now, before its time runs out."""
    short_lived.discard(RECEIPT, handle)


def _files_sent_with(report: Report) -> int:
    """The files of the report itself, not of later replies to staff questions."""
    return sum(1 for evidence in report.evidence if evidence.event_id is None)


def grant_status_access(number: str, now: datetime) -> str:
    """The reporter proved number and code: a handle that stands for that proof a while."""
    return short_lived.put(STATUS_ACCESS, {"number": number}, ttl=STATUS_ACCESS_TTL, now=now)


def verified_number(handle: str | None, now: datetime) -> str | None:
    """The report number the handle's session has proved, or None (unknown or expired)."""
    value = short_lived.get(STATUS_ACCESS, handle, now=now)
    return None if value is None else value.get("number")
