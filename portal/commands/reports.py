"""`flask --app wsgi reports …`: log a report taken by phone, letter or visit (add), apply the
retention policy and purge expired short-lived values (purge-contacts), draft the monthly
report bulletin (monthly), send the moderators' daily digest (digest), recompute every
report's due time after the time limits change (refresh-due)."""

from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import AppGroup

from ..models import Channel
from ..services.bulletins.editing import BulletinError
from ..services.common import short_lived
from ..services.common.audit import Actor
from ..services.notifications.digest import stage_daily_digest
from ..services.reports import due
from ..services.reports.intake import submit_report
from ..services.reports.monthly_bulletin import draft_monthly_bulletin
from ..services.reports.periods import InvalidPeriod, Month
from ..services.reports.receipts import new_token
from ..services.reports.retention import purge_contacts
from ..services.reports.rules import InvalidReport, ReportInput, report_fields

reports_cli = AppGroup("reports", help="举报（热线、来信、来访登记）")

INTAKE_CHANNELS = [c.value for c in Channel if c != Channel.WEB]


def _report_options(command):
    """One option per report field the declaration offers the command line (ReportInput)."""
    for field in reversed([f for f in report_fields() if f.cli is not None]):
        option = click.option(
            f"--{field.name.replace('_', '-')}",
            field.name,
            required=field.required,
            default=None if field.required else "",
            help=f"{field.label}：{field.cli}" if field.cli else field.label,
        )
        command = option(command)
    return command


@reports_cli.command("add")
@click.option("--channel", type=click.Choice(INTAKE_CHANNELS), required=True, help="渠道")
@_report_options
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


@reports_cli.command("purge-contacts")
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=0),
    default=None,
    help="办结超过多少天（默认取配置 REPORT_RETENTION_DAYS）",
)
def purge_contacts_command(days: int | None) -> None:
    """清除办结已久的举报的联系方式和证据材料（保留匿名记录和统计），以及过期的临时数据
    （回执、查询凭据等）。可重复运行。"""
    days = current_app.config["REPORT_RETENTION_DAYS"] if days is None else days
    now = datetime.now(UTC)
    result = purge_contacts(days, Actor(user_id=None, name="命令行"), now)
    click.echo(f"已清除 {result.reports} 件举报的联系方式，删除证据文件 {result.files} 个。")
    click.echo(f"已清除过期的临时数据 {short_lived.purge_expired(now)} 条。")


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


@reports_cli.command("digest")
def digest_command() -> None:
    """给每位留有邮箱的举报受理员发送办理日报（新收举报、3 天内到期的举报），经通知发件箱发送；
    同一天重复运行不会重复发送。"""
    result = stage_daily_digest(datetime.now(UTC))
    click.echo(
        f"日报：新收 {result.new} 件，临近期限 {result.near_limit} 件；"
        f"已排入发件箱 {result.staged} 封（受理员 {result.recipients} 人）。"
    )


@reports_cli.command("refresh-due")
def refresh_due_command() -> None:
    """按当前配置的办理时限（及督办期限）重新计算每件举报的到期时间（队列“剩余天数”排序用）；
    升级到 0022 或修改 ACCEPT/RESOLVE/REVIEW_WITHIN_DAYS 后运行一次。可重复运行。"""
    changed = due.refresh_all()
    click.echo(f"已更新 {changed} 件举报的到期时间。")
