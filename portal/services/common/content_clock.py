"""When the published content last changed, for the Last-Modified header of public responses.

Other services are not changed to call us: a session event notices a flush (or a bulk ORM
statement) that touched any public record, and just before that session commits the time is
written into site_settings in the same transaction — so the clock can never lag a committed
change. Staff accounts and sessions, the audit log and the abuse counters are not public
and do not move it.

A page can also change with no write at all: derived states ("overdue", "on track") and the
citation's access date turn over at midnight, and a deploy or a settings change restarts the
app. So the time served is never earlier than the start of today in the city, nor than the
moment this app started.

A report's submission moves the clock too (it changes the public statistics), so the time
served is rounded up to the end of its minute: Last-Modified must not tell anyone the second
a report came in. Rounded up, not down, so a revalidation never misses a change; never later
than the response itself, as HTTP requires.
"""

from datetime import UTC, datetime, time

from sqlalchemy import event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ...clock import CITY_TZ, today_local, up_to_the_minute
from ...extensions import db
from ...models import (
    AuditEntry,
    DroppedSubmission,
    SignInDelay,
    SiteSetting,
    StaffSession,
    User,
    UserRole,
)
from ...models.search import SearchDocument

KEY = "content_changed_at"
CHANGED = "content_clock_changed"
# Rows whose changes no public page shows (the search index only mirrors public records).
PRIVATE_MODELS = (
    AuditEntry,
    DroppedSubmission,
    SearchDocument,
    SignInDelay,
    SiteSetting,
    StaffSession,
    User,
    UserRole,
)


def content_changed_at() -> datetime | None:
    value = db.session.scalar(select(SiteSetting.value).where(SiteSetting.key == KEY))
    return datetime.fromisoformat(value) if value else None


def last_modified(app_started_at: datetime) -> datetime:
    """The Last-Modified time of every public response (second precision, as HTTP dates)."""
    midnight = datetime.combine(today_local(), time(), CITY_TZ).astimezone(UTC)
    changed = up_to_the_minute(content_changed_at() or midnight)
    now = datetime.now(UTC)
    return min(max(midnight, app_started_at, changed), now).replace(microsecond=0)


def _is_public(obj) -> bool:
    return not isinstance(obj, PRIVATE_MODELS)


def _collect(session: Session, _context) -> None:
    if any(_is_public(obj) for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info[CHANGED] = True


def _watch_bulk(state) -> None:
    if not (state.is_update or state.is_delete or state.is_insert) or state.bind_mapper is None:
        return
    if not issubclass(state.bind_mapper.class_, PRIVATE_MODELS):
        state.session.info[CHANGED] = True


def _stamp(session: Session) -> None:
    session.flush()  # a change not flushed yet still counts
    if not session.info.pop(CHANGED, False):
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = datetime.now(UTC).isoformat()
    statement = insert(SiteSetting).values(key=KEY, value=now)
    # An upsert, so that two first writers cannot collide on the missing row.
    session.execute(
        statement.on_conflict_do_update(index_elements=["key"], set_={"value": now}),
        execution_options={"synchronize_session": False},
    )


def _forget(session: Session, *_args) -> None:
    session.info.pop(CHANGED, None)


def listen() -> None:
    """Listen on every Session (once per process, however many apps are created)."""
    for name, listener in (
        ("after_flush", _collect),
        ("before_commit", _stamp),
        ("after_commit", _forget),
        ("after_rollback", _forget),
        ("do_orm_execute", _watch_bulk),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
