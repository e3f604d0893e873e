"""`flask --app wsgi reports monthly 2026-10`: draft the month's report bulletin."""

from datetime import UTC, datetime

import click

from ..services.bulletins.editing import BulletinError
from ..services.common.audit import Actor
from ..services.reports.monthly_bulletin import draft_monthly_bulletin
from ..services.reports.periods import InvalidPeriod, Month
from .cli import reports_cli


@reports_cli.command("monthly")
@click.argument("month")
def monthly_command(month: str) -> None:
    """起草某月举报办理情况通报（保存为通报草稿，供编辑审核发布），MONTH 如 2026-10。"""
    try:
        bulletin = draft_monthly_bulletin(
            Month.parse(month), Actor(user_id=None, name="命令行"), datetime.now(UTC)
        )
    except (InvalidPeriod, BulletinError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"已起草通报草稿：{bulletin.title}")
    click.echo(f"索引号 {bulletin.index_number}；请在 /admin/bulletins/{bulletin.id} 审核后发布。")
