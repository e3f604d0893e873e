"""Engine set-up that must hold on every connection, and the database health check."""

import sqlite3

from flask import Flask
from sqlalchemy import event, text

from .extensions import db


def init_app(app: Flask) -> None:
    db.init_app(app)
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        busy_ms = int(app.config["SQLITE_BUSY_TIMEOUT_MS"])
        event.listen(engine, "connect", _sqlite_pragmas(busy_ms))
        event.listen(engine, "begin", _sqlite_begin)


def _sqlite_pragmas(busy_ms: int):
    def on_connect(dbapi_connection: sqlite3.Connection, _record) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling is
        # lazy and wrong for our writes); see _sqlite_begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
            cursor.execute("PRAGMA foreign_keys = ON")
            mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise RuntimeError(f"SQLite refused WAL journal mode (got {mode!r})")
            # FULL: a report acknowledged to its sender survives a power cut.
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    return on_connect


def _sqlite_begin(connection) -> None:
    # A transaction that will write takes the write lock up front: a deferred transaction
    # that reads and then writes fails with "database is locked" whatever the busy timeout.
    mode = "IMMEDIATE" if connection.get_execution_options().get("sqlite_write") else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


def database_is_healthy() -> bool:
    try:
        db.session.execute(text("SELECT 1")).scalar_one()
    except Exception:  # noqa: BLE001 - any failure means "not healthy"; the caller reports it
        db.session.rollback()
        return False
    return True


def begin_write() -> None:
    """Start the session's transaction as a writer (BEGIN IMMEDIATE on SQLite).

    Services call this first, so that SQLite takes the write lock up front instead of failing
    half-way with "database is locked". A read-only transaction already open in the session
    (a page that looked something up first) is ended; pending changes would be a bug.
    """
    session = db.session()  # the Session itself: the scoped proxy lacks in_transaction()
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("begin_write() called with unsaved changes in the session")
        session.commit()
    session.connection(execution_options={"sqlite_write": True})
