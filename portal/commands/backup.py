"""`flask --app wsgi backup PATH`: a consistent online copy of a SQLite database."""

from pathlib import Path

import click

from ..extensions import db
from ..services.common.backup import BackupNotSupported, backup_sqlite


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(path: Path) -> None:
    """把 SQLite 数据库在线备份到 PATH（PostgreSQL 请用 pg_dump）。"""
    try:
        pages = backup_sqlite(db.engine, path)
    except (BackupNotSupported, FileExistsError, RuntimeError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"已备份到 {path}（{pages} 页，完整性检查通过）。恢复：停止服务后用此文件替换数据库文件。"
    )
