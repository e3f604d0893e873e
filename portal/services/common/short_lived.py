"""Short-lived secrets kept on the server, behind an opaque handle.

Flask's session cookie is signed, not encrypted: whoever holds the cookie (a shared computer,
a proxy log, a browser extension) can read it. So a secret that a browser session needs for
a few minutes — a receipt code about to be shown, the report a reporter has just unlocked,
a second factor being set up — is stored here, and the cookie keeps only the handle that
`put` returns.

    handle = short_lived.put("receipt", {"code": ...}, ttl=timedelta(minutes=30), now=now)
    value = short_lived.get("receipt", handle, now=now)  # None once expired or unknown
    value = short_lived.pop("receipt", handle, now=now)  # read and deleted: at most once

- A handle is 256 random bits (URL-safe text). The table keeps only the SHA-256 of purpose
  and handle, so neither the database nor a backup gives back a handle, and a handle made
  for one purpose is unknown to every other.
- Values are anything JSON can carry; they are encrypted with the settings' cipher (the
  contact-details key), so the database alone does not give them back either.
- Every value has an expiry; an expired value is never returned. Expired rows are deleted
  whenever a value is written (cheap: expires_at is indexed) and by `purge_expired`, which
  `flask --app wsgi reports purge-contacts` also runs.
- The table is shared by every app server (SQLite or PostgreSQL), so a handle made by one
  worker works on any other; `pop` deletes before it answers, so two requests racing on the
  same handle cannot both get the value.
- `put` commits its own transaction. `stage` adds the row to the caller's transaction, for a
  value that must exist exactly when something else is committed (see reports.intake).
"""

import hashlib
import json
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from ...database import begin_write
from ...extensions import db
from ...models import ShortLivedValue
from ...settings import settings

MAX_PURPOSE_LENGTH = 40
PURGE_ON_WRITE = 100  # expired rows deleted along with each write: the work stays bounded


def new_handle() -> str:
    """256 random bits, as URL-safe text: what a cookie (or a link) may carry."""
    return secrets.token_urlsafe(32)


def put(purpose: str, value, *, ttl: timedelta, now: datetime) -> str:
    """Keep `value` for `ttl` and return the new handle to it (its own transaction)."""
    handle = new_handle()
    begin_write()
    stage(purpose, handle, value, ttl=ttl, now=now)
    db.session.commit()
    return handle


def stage(purpose: str, handle: str, value, *, ttl: timedelta, now: datetime) -> None:
    """Add `value` under `handle` to the current write transaction; the caller commits.

    The caller supplies the handle: it must carry at least 256 random bits (new_handle, or a
    token of that strength the caller already has)."""
    if len(handle) < 32:
        raise ValueError("a handle needs at least 256 random bits")
    _delete_expired(now, limit=PURGE_ON_WRITE)
    db.session.add(
        ShortLivedValue(
            key_digest=_digest(purpose, handle),
            purpose=_checked(purpose),
            value=settings().cipher.encrypt(json.dumps(value, ensure_ascii=False)),
            expires_at=now + ttl,
        )
    )


def get(purpose: str, handle: str | None, *, now: datetime):
    """The value, or None when the handle is missing, unknown, of another purpose or expired."""
    row = _row(purpose, handle, now)
    return None if row is None else _value(row)


def pop(purpose: str, handle: str | None, *, now: datetime):
    """The value, deleted as it is read: of several requests with one handle, one gets it."""
    row = _row(purpose, handle, now)
    if row is None:
        return None
    value = _value(row)
    begin_write()
    deleted = db.session.execute(
        delete(ShortLivedValue).where(ShortLivedValue.key_digest == row.key_digest)
    ).rowcount
    db.session.commit()
    return value if deleted == 1 else None


def discard(purpose: str, handle: str | None) -> None:
    """Forget a value now (logout, a finished step); unknown handles are ignored."""
    if not handle:
        return
    begin_write()
    db.session.execute(
        delete(ShortLivedValue).where(ShortLivedValue.key_digest == _digest(purpose, handle))
    )
    db.session.commit()


def purge_expired(now: datetime) -> int:
    """Delete every expired value (its own transaction); returns how many."""
    begin_write()
    count = _delete_expired(now)
    db.session.commit()
    return count


def _delete_expired(now: datetime, limit: int | None = None) -> int:
    """Delete expired rows, at most `limit`. Rows another transaction is deleting are
    skipped (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer at a time), so
    concurrent writers never wait on, or deadlock over, each other's clean-up."""
    expired = (
        select(ShortLivedValue.key_digest)
        .where(ShortLivedValue.expires_at <= now)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return db.session.execute(
        delete(ShortLivedValue).where(ShortLivedValue.key_digest.in_(expired))
    ).rowcount


def _row(purpose: str, handle: str | None, now: datetime) -> ShortLivedValue | None:
    if not handle or not isinstance(handle, str):
        return None
    return db.session.scalars(
        select(ShortLivedValue).where(
            ShortLivedValue.key_digest == _digest(purpose, handle),
            ShortLivedValue.purpose == purpose,
            ShortLivedValue.expires_at > now,
        )
    ).first()


def _value(row: ShortLivedValue):
    try:
        return json.loads(settings().cipher.decrypt(row.value))
    except ValueError:  # written under a key since retired: as good as expired
        return None


def _digest(purpose: str, handle: str) -> str:
    return hashlib.sha256(f"{_checked(purpose)}\n{handle}".encode()).hexdigest()


def _checked(purpose: str) -> str:
    if not purpose or len(purpose) > MAX_PURPOSE_LENGTH or "\n" in purpose:
        raise ValueError(f"a purpose is 1–{MAX_PURPOSE_LENGTH} characters on one line")
    return purpose
