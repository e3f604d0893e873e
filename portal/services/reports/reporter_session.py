"""What a reporter's browser session remembers between two requests, kept on the server.

The session cookie is signed, not encrypted, so it carries only random handles; the receipt
(number and code) waiting to be shown after a submission, and the report a reporter unlocked
with number and code, are kept in short_lived under those handles.

- The receipt is held for RECEIPT_TTL and taken (deleted) when the receipt page shows it.
  For a receipt page that survives a reload in the same browser session, read it with
  short_lived.get instead of pop (and keep the handle in the session): it then stays
  readable, to that session only, until RECEIPT_TTL has passed.
- Status access lasts STATUS_ACCESS_TTL from the lookup that proved number and code.
"""

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from ..common import short_lived
from .intake import Submitted

RECEIPT = "receipt"
RECEIPT_TTL = timedelta(minutes=30)
STATUS_ACCESS = "reporter-access"
STATUS_ACCESS_TTL = timedelta(minutes=30)


@dataclass(frozen=True)
class Receipt:
    number: str
    code: str
    created: bool  # False: the same form, sent again by the same reporter


def hold_receipt(submitted: Submitted, now: datetime) -> str:
    """Keep the receipt of a submission (which must carry its code); returns its handle."""
    if submitted.receipt_code is None:
        raise ValueError("a receipt without its code is never held")
    receipt = Receipt(submitted.report.number, submitted.receipt_code, submitted.created)
    return short_lived.put(RECEIPT, asdict(receipt), ttl=RECEIPT_TTL, now=now)


def take_receipt(handle: str | None, now: datetime) -> Receipt | None:
    """The receipt, once: the first read deletes it."""
    return _receipt(short_lived.pop(RECEIPT, handle, now=now))


def _receipt(value: dict | None) -> Receipt | None:
    return None if value is None else Receipt(**value)


def grant_status_access(number: str, now: datetime) -> str:
    """The reporter proved number and code: a handle that stands for that proof a while."""
    return short_lived.put(STATUS_ACCESS, {"number": number}, ttl=STATUS_ACCESS_TTL, now=now)


def verified_number(handle: str | None, now: datetime) -> str | None:
    """The report number the handle's session has proved, or None (unknown or expired)."""
    value = short_lived.get(STATUS_ACCESS, handle, now=now)
    return None if value is None else value.get("number")
