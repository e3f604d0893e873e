"""`flask --app wsgi backup PATH [--recipient age1…]`: a consistent online copy of a SQLite
database, encrypted with age to the operator's public key (BACKUP_AGE_RECIPIENT by default).

Production refuses a plaintext backup; in development one is written (still owner-only), with
a reminder, so that a developer needs no key pair to try a restore.
"""

from pathlib import Path

import click
from flask import current_app

from ..config_checks import is_production
from ..extensions import db
from ..services.common.backup import (
    BackupNotEncrypted,
    BackupNotSupported,
    BackupRecipientInvalid,
    backup_sqlite,
)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--recipient",
    default=None,
    help="运维人员的 age 公钥（age1…），默认取配置 BACKUP_AGE_RECIPIENT",
)
def backup_command(path: Path, recipient: str | None) -> None:
    """把 SQLite 数据库在线备份到 PATH，用 age 加密（PostgreSQL 请用 pg_dump）。"""
    recipient = recipient or current_app.config.get("BACKUP_AGE_RECIPIENT") or None
    plaintext_allowed = not is_production(current_app.config)
    try:
        pages = backup_sqlite(db.engine, path, recipient, plaintext_allowed=plaintext_allowed)
    except (
        BackupNotSupported,
        BackupRecipientInvalid,
        BackupNotEncrypted,
        FileExistsError,
        RuntimeError,
    ) as error:
        raise click.ClickException(str(error)) from error
    if recipient:
        click.echo(
            f"已备份到 {path}（{pages} 页，完整性检查通过，已用 age 加密）。"
            f"恢复：停止服务，age -d -i 私钥文件 {path} > 数据库文件。"
        )
    else:
        click.echo(
            f"已备份到 {path}（{pages} 页，完整性检查通过）。未加密：仅限开发环境。"
            "恢复：停止服务后用此文件替换数据库文件。"
        )
