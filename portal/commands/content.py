"""`flask --app wsgi content import`: load content/ (the plan and its data) into the database."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from ..services.plan.content_files import ContentError
from ..services.plan.content_import import import_content

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
