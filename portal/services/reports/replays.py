"""Telling a resubmitted form from a replayed one.

A report form carries a random token, so that a double click, a refresh or "back, then submit
again" makes one report and shows the same receipt. But the token sits in the page: someone
who copies it (a shared computer's history, a screenshot of the page source) could send it
from another browser, with other content, to get the original's number and receipt code.

So when a report is stored, a digest of who sent it and what they sent is kept with its token
for as long as the token is valid (short_lived, in the same transaction as the report). A
later submission of the same token gets the receipt back only if the digest matches: the
same sender — the reporter's browser session, or the staff account taking a call — and the
same content, files included. Anyone else learns only that the form was already submitted.
"""

import hashlib
import json
from dataclasses import fields
from datetime import datetime, timedelta

from ...settings import settings
from ..common import short_lived
from .rules import ReportInput

PURPOSE = "form-submission"


def remember(token: str, sender: str, given: ReportInput, now: datetime) -> None:
    """Stage, in the caller's write transaction, who sent the form with `token` and what."""
    short_lived.stage(
        PURPOSE,
        token,
        {"sent": sent_digest(sender, given)},
        ttl=timedelta(seconds=settings().form_max_age_seconds),
        now=now,
    )


def is_resent_by_sender(token: str, sender: str | None, given: ReportInput, now: datetime) -> bool:
    """Whether the form with `token` comes again from the sender who first sent it, unchanged."""
    if not sender:
        return False
    kept = short_lived.get(PURPOSE, token, now=now) or {}
    return kept.get("sent") == sent_digest(sender, given)


def sent_digest(sender: str, given: ReportInput) -> str:
    """SHA-256 of the sender and of every field as given, files by their own SHA-256."""
    content = {f.name: getattr(given, f.name) for f in fields(ReportInput) if f.name != "evidence"}
    content["evidence"] = [hashlib.sha256(data).hexdigest() for data, _name in given.evidence]
    text = json.dumps([sender, content], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
