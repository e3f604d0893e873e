"""`flask --app wsgi reports monthly 2026-10`: draft the month's report bulletin."""

from datetime import UTC, datetime

import click

from ..services.monthly_report import monthly_markdown, monthly_summary
from ..services.report_periods import InvalidPeriod, Month
from .cli import reports_cli


@reports_cli.command("monthly")
@click.argument("month")
def monthly_command(month: str) -> None:
    """生成某月举报办理情况通报的草稿（标题和 Markdown 正文），MONTH 如 2026-10。"""
    try:
        target = Month.parse(month)
        summary = monthly_summary(target.year, target.month, datetime.now(UTC))
    except InvalidPeriod as error:
        raise click.ClickException(str(error)) from error
    title, markdown = monthly_markdown(summary)
    click.echo(title)
    click.echo()
    click.echo(markdown, nl=False)
