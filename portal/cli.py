"""Flask commands: `flask --app wsgi content import`, …"""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .extensions import db
from .services.common.backup import BackupNotSupported, backup_sqlite
from .services.plan.content_files import ContentError
from .services.plan.content_import import import_content

content_cli = AppGroup("content", help="站点内容（方案、指标、承诺、工程）")


@content_cli.command("import")
@click.option("--dir", "content_dir", type=click.Path(file_okay=False, path_type=Path))
def import_command(content_dir: Path | None) -> None:
    """把 content/ 导入数据库（可重复运行）。"""
    directory = content_dir or Path(current_app.config["CONTENT_DIR"])
    try:
        summary = import_content(directory)
    except ContentError as error:
        raise click.ClickException(str(error)) from error
    for kind, counts in summary.counts.items():
        parts = ", ".join(f"{outcome} {n}" for outcome, n in sorted(counts.items()))
        click.echo(f"{kind}: {parts}")
    click.echo("内容已是最新，无变化。" if not summary.changed else "内容已导入。")


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


def register_commands(app: Flask) -> None:
    from .demo_cli import demo_cli
    from .registers.cli import import_cli
    from .reports import stats_cli  # noqa: F401 - adds "reports monthly"
    from .reports.cli import reports_cli
    from .staff.cli import users_cli

    app.cli.add_command(content_cli)
    app.cli.add_command(backup_command)
    app.cli.add_command(reports_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(import_cli)
