"""Keeping the search index (search_documents) in step with the public records.

Other services are not changed to call us: a session event collects the (kind, record_id) of
every indexed record that a flush inserted, updated or deleted, and just before that session
commits the matching index rows are rewritten in the same transaction — so the index can never
disagree with a committed change, and an edit costs a few row writes, never a full rebuild.
Writes that bypass the ORM (bulk SQL, the content import if it uses it) are caught by
`ensure_index()` — an empty index over non-empty records is rebuilt once — and by
`flask search rebuild`.
"""

from collections.abc import Iterable, Iterator

from sqlalchemy import delete, event, exists, insert, select
from sqlalchemy.orm import Session

from ...database import begin_write
from ...extensions import db
from ...models.search import SearchDocument
from .documents import KIND_OF_MODEL, KINDS, NAMES_AN_ENTERPRISE, bigrams_of, document_for

__all__ = ["KINDS", "bigrams_of", "ensure_index", "listen", "rebuild_search_index", "reindex"]
PENDING = "search_pending"
STALE_KINDS = "search_stale_kinds"
BATCH = 1000


def _documents(kind: str, records: Iterable) -> Iterator[dict]:
    for record in records:
        row = document_for(kind, record)
        if row is not None:
            yield row


def _insert(session, rows: Iterable[dict]) -> int:
    count, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            session.execute(insert(SearchDocument), batch)
            count, batch = count + len(batch), []
    if batch:
        session.execute(insert(SearchDocument), batch)
    return count + len(batch)


def rebuild_search_index() -> int:
    """Rewrite the whole index from the records, in one write transaction."""
    begin_write()
    session = db.session
    session.execute(delete(SearchDocument))
    count = 0
    for kind, (model, _label) in KINDS.items():
        records = session.scalars(select(model).execution_options(yield_per=BATCH))
        count += _insert(session, _documents(kind, records))
    session.commit()
    return count


def ensure_index() -> None:
    """Build the index once if it is empty while there are records (bulk-loaded data)."""
    session = db.session
    if session.scalar(select(exists().select_from(SearchDocument))):
        return
    if any(session.scalar(select(exists().select_from(m))) for m, _l in KINDS.values()):
        rebuild_search_index()


def reindex(session: Session, keys: set[tuple[str, int]]) -> None:
    """Rewrite the index rows of these records (deleting those no longer public)."""
    by_kind: dict[str, set[int]] = {}
    for kind, record_id in keys:
        by_kind.setdefault(kind, set()).add(record_id)
    # An enterprise's name is part of its exposures' and phase-out items' titles.
    if ids := by_kind.get("enterprise"):
        for kind, model in NAMES_AN_ENTERPRISE.items():
            found = session.scalars(select(model.id).where(model.enterprise_id.in_(ids)))
            by_kind.setdefault(kind, set()).update(found)
    for kind, ids in by_kind.items():
        model = KINDS[kind][0]
        session.execute(
            delete(SearchDocument).where(
                SearchDocument.kind == kind, SearchDocument.record_id.in_(ids)
            )
        )
        records = session.scalars(select(model).where(model.id.in_(ids)))
        _insert(session, _documents(kind, records))


def _collect(session: Session, _context) -> None:
    pending = session.info.setdefault(PENDING, set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        kind = KIND_OF_MODEL.get(type(obj))
        if kind is not None and obj.id is not None:
            pending.add((kind, obj.id))


def _watch_bulk(state) -> None:
    """A bulk UPDATE/DELETE/INSERT (e.g. unloading the demo data) leaves no objects to
    collect: the whole kind is re-indexed at commit instead."""
    if not (state.is_update or state.is_delete or state.is_insert) or state.bind_mapper is None:
        return
    kind = KIND_OF_MODEL.get(state.bind_mapper.class_)
    if kind is not None:
        stale = state.session.info.setdefault(STALE_KINDS, set())
        stale.update((*NAMES_AN_ENTERPRISE, kind) if kind == "enterprise" else (kind,))


def reindex_kind(session: Session, kind: str) -> None:
    session.execute(delete(SearchDocument).where(SearchDocument.kind == kind))
    records = session.scalars(select(KINDS[kind][0]).execution_options(yield_per=BATCH))
    _insert(session, _documents(kind, records))


def _apply(session: Session) -> None:
    session.flush()  # collects the keys of the changes not flushed yet
    keys = session.info.pop(PENDING, None)
    stale = session.info.pop(STALE_KINDS, None)
    if not keys and not stale:
        return
    with session.no_autoflush:
        for kind in stale or ():
            reindex_kind(session, kind)
        if keys := {key for key in keys or () if key[0] not in (stale or ())}:
            reindex(session, keys)


def _forget(session: Session, *_args) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(STALE_KINDS, None)


def listen() -> None:
    """Listen on every Session (once per process, however many apps are created)."""
    for name, listener in (
        ("after_flush", _collect),
        ("before_commit", _apply),
        ("after_rollback", _forget),
        ("do_orm_execute", _watch_bulk),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
