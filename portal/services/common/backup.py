"""Backups of the SQLite database with SQLite's online backup API: a consistent copy taken
while the portal keeps serving. PostgreSQL installations use pg_dump instead."""

import sqlite3
from pathlib import Path

from sqlalchemy.engine import Engine


class BackupNotSupported(RuntimeError):
    pass


def backup_sqlite(engine: Engine, target: Path) -> int:
    """Copy the live database to `target` (a new file); return the number of pages copied.
    The copy is checked with PRAGMA integrity_check before it is reported as done."""
    if engine.dialect.name != "sqlite":
        raise BackupNotSupported(
            "数据库是 PostgreSQL：请使用 pg_dump，例如 "
            'pg_dump --format=custom --file=hegang.dump "$DATABASE_URL"（去掉 +psycopg）'
        )
    target = Path(target)
    if target.exists():
        raise FileExistsError(f"{target} 已存在，不会覆盖。")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(engine.url.database)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        status = copy.execute("PRAGMA integrity_check").fetchone()[0]
        pages = copy.execute("PRAGMA page_count").fetchone()[0]
    finally:
        copy.close()
        source.close()
    if status != "ok":
        target.unlink(missing_ok=True)
        raise RuntimeError(f"备份文件未通过完整性检查：{status}")
    return pages
