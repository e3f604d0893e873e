"""The growing wait after consecutive failures for one account (policy.DelayPolicy).

Counted per name typed, known account or not, so that the answers do not tell which names
exist; stored under a keyed digest of the name (models.staff_sessions.SignInDelay). The
functions work inside the caller's transaction: the failure is counted together with its
audit entry. Refused attempts (still waiting) are not counted, so waiting always ends.
"""

import hashlib
import hmac
import math
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ...extensions import db
from ...models import SignInDelay
from ...settings import settings
from .errors import TooSoon

SIGN_IN = "sign-in"  # the password and code of the sign-in form, per account name
REAUTH = "reauth"  # the current password asked again by a signed-in account, per account
FORGET_AFTER = timedelta(days=1)  # a day without failures starts the count afresh


def key_for(purpose: str, name: str | int) -> str:
    message = f"{purpose}:{str(name).strip().lower()}".encode()
    return hmac.new(settings().staff_key, message, hashlib.sha256).hexdigest()


def seconds_to_wait(key: str, now: datetime) -> int:
    retry_after = db.session.scalar(select(SignInDelay.retry_after).where(SignInDelay.key == key))
    if retry_after is None or retry_after <= now:
        return 0
    return max(1, math.ceil((retry_after - now).total_seconds()))


def refuse_if_waiting(key: str, now: datetime) -> None:
    """Raise TooSoon while the key must wait (ending the caller's transaction first)."""
    if seconds := seconds_to_wait(key, now):
        db.session.rollback()
        raise TooSoon(seconds)


def count_failure(key: str, now: datetime) -> None:
    """One more consecutive failure; the next attempt waits what the policy says."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # An upsert: two failures at once for a new name must not collide on the missing row.
    failures = db.session.execute(
        insert(SignInDelay)
        .values(key=key, failures=1, last_failure_at=now, retry_after=now)
        .on_conflict_do_update(
            index_elements=["key"],
            set_={"failures": SignInDelay.failures + 1, "last_failure_at": now},
        )
        .returning(SignInDelay.failures),
        execution_options={"synchronize_session": False},
    ).scalar_one()
    retry_after = now + settings().sign_in_delay.after(failures)
    db.session.execute(
        update(SignInDelay).where(SignInDelay.key == key).values(retry_after=retry_after),
        execution_options={"synchronize_session": False},
    )
    db.session.execute(
        delete(SignInDelay).where(SignInDelay.last_failure_at < now - FORGET_AFTER),
        execution_options={"synchronize_session": False},
    )


def forget(key: str) -> None:
    """A success: the count starts again from nothing."""
    db.session.execute(
        delete(SignInDelay).where(SignInDelay.key == key),
        execution_options={"synchronize_session": False},
    )
