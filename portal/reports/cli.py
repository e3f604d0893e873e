"""`flask --app wsgi reports add …`: log a report taken by phone, letter or visit."""

from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from ..models import Channel
from ..services.receipts import new_token
from ..services.report_rules import InvalidReport, ReportInput
from ..services.reporting import submit_report

reports_cli = AppGroup("reports", help="举报（热线、来信、来访登记）")

INTAKE_CHANNELS = [c.value for c in Channel if c != Channel.WEB]


@reports_cli.command("add")
@click.option("--channel", type=click.Choice(INTAKE_CHANNELS), required=True, help="渠道")
@click.option("--category", required=True, help="举报类别代码，见 content/report_categories.yaml")
@click.option("--district", required=True, help="区县代码，如 xingshan")
@click.option("--place", required=True)
@click.option("--occurred-on", required=True, help="YYYY-MM-DD")
@click.option("--occurred-time", default="", help="HH:MM")
@click.option("--subject", default="")
@click.option("--description", required=True)
@click.option("--name", default="", help="实名举报人姓名")
@click.option("--phone", default="")
@click.option("--email", default="")
def add_command(channel, name, **fields) -> None:
    """登记一条电话、来信或来访举报，并打印举报编号和回执码（请告知举报人）。"""
    given = ReportInput(
        **fields,
        identity="named" if name else "anonymous",
        name=name,
        consent=True,  # the intake officer reads the privacy notice to the caller
    )
    try:
        result = submit_report(
            given, token=new_token(), channel=Channel(channel), now=datetime.now(UTC)
        )
    except InvalidReport as invalid:
        lines = "\n".join(f"  {field}: {message}" for field, message in invalid.errors.items())
        raise click.ClickException(f"举报未登记：\n{lines}") from invalid
    click.echo(f"举报编号：{result.report.number}")
    click.echo(f"回执码：{result.receipt_code}")
    click.echo("回执码只显示这一次，请现在告知举报人。")
