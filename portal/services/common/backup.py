"""Backups of the SQLite database with SQLite's online backup API: a consistent copy taken
while the portal keeps serving. PostgreSQL installations use pg_dump instead.

A backup holds every reporter's details (encrypted contact fields, but also descriptions and
the staff's notes), and backups travel: to another disk, another building, a tape. So the
copy is encrypted with age to the operator's public key (age1…): the server that makes the
backup cannot read it, and only the holder of the private key — kept apart from the backups
and from the server — can restore it. The file is created owner-only (0600) and never
overwrites an existing one. A plaintext copy is for development only (the command decides).
"""

import os
import sqlite3
import tempfile
from pathlib import Path

import pyrage
from sqlalchemy.engine import Engine


class BackupNotSupported(RuntimeError):
    pass


class BackupRecipientInvalid(ValueError):
    pass


class BackupNotEncrypted(ValueError):
    pass


def age_recipient(text: str) -> pyrage.x25519.Recipient:
    """The operator's age public key; BackupRecipientInvalid when `text` is not one."""
    try:
        return pyrage.x25519.Recipient.from_str(text.strip())
    except (pyrage.RecipientError, ValueError) as error:
        raise BackupRecipientInvalid(
            "备份加密公钥（BACKUP_AGE_RECIPIENT 或 --recipient）不是有效的 age 公钥"
            "（应以 age1 开头，由 age-keygen 生成）。"
        ) from error


def backup_sqlite(
    engine: Engine, target: Path, recipient: str | None = None, *, plaintext_allowed: bool
) -> int:
    """Copy the live database to `target` (a new file, mode 0600), encrypted to `recipient`
    (unencrypted only where `plaintext_allowed`); return the number of pages copied. The copy
    is checked with PRAGMA integrity_check before it is encrypted and reported as done."""
    if engine.dialect.name != "sqlite":
        raise BackupNotSupported(
            "数据库是 PostgreSQL：请使用 pg_dump 并用 age 加密，例如 "
            'pg_dump --format=custom "$DATABASE_URL"（去掉 +psycopg）'
            "| age -r age1… > hegang.dump.age"
        )
    if not recipient and not plaintext_allowed:
        raise BackupNotEncrypted(
            "生产环境的备份必须加密：请设置 BACKUP_AGE_RECIPIENT，或使用 --recipient age1…"
            "（公钥由 age-keygen 生成，私钥不要放在本服务器上）。"
        )
    key = age_recipient(recipient) if recipient else None
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = _create_private(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            if key is None:
                pages = _copy_checked(engine, target)
            else:
                pages = _copy_encrypted(engine, key, handle, target.parent)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return pages


def _create_private(target: Path) -> int:
    """Create `target` empty, owner-only, failing if it exists (also when two run at once)."""
    try:
        return os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise FileExistsError(f"{target} 已存在，不会覆盖。") from None


def _copy_encrypted(engine: Engine, key, handle, directory: Path) -> int:
    # The plaintext copy lives only in an owner-only temporary folder beside the target
    # (the same file system, not a shared /tmp), and is deleted as soon as it is encrypted.
    with tempfile.TemporaryDirectory(dir=directory, prefix=".backup-") as private:
        plain = Path(private) / "portal.db"
        pages = _copy_checked(engine, plain)
        with plain.open("rb") as source:
            pyrage.encrypt_io(source, handle, [key])
    return pages


def _copy_checked(engine: Engine, target: Path) -> int:
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
        raise RuntimeError(f"备份文件未通过完整性检查：{status}")
    return pages
