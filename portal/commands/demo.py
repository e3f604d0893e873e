"""`flask --app wsgi demo load | unload`: clearly fictional sample data for demonstrations."""

from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import AppGroup

from ..services.common.audit import Actor
from ..services.demo import load as demo_data
from ..services.demo import unload as demo_unload

demo_cli = AppGroup("demo", help="示例数据（演示用；生产环境不能载入）")
CONSOLE = Actor(user_id=None, name="命令行")


@demo_cli.command("load")
def load_command() -> None:
    """载入明显虚构的示例数据（已载入时不重复添加）。"""
    try:
        summary = demo_data.load(
            CONSOLE, environment=current_app.config.get("PORTAL_ENV", ""), now=datetime.now(UTC)
        )
    except demo_data.AlreadyLoaded as loaded:
        click.echo(f"{loaded}如需重新载入，请先运行 demo unload。")
        return
    except demo_data.DemoError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"已载入示例数据：{summary}。每条示例记录在页面上都标有“示例数据”。")


@demo_cli.command("unload")
def unload_command() -> None:
    """删除全部示例数据，正式记录不受影响。"""
    try:
        summary = demo_unload.unload(CONSOLE)
    except demo_data.DemoError as error:
        raise click.ClickException(str(error)) from error
    if not summary.total:
        click.echo("没有示例数据，无需删除。")
        return
    click.echo(f"已删除示例数据：{summary}。")
