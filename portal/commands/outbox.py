"""`flask --app wsgi outbox …`: deliver the notification outbox (work) and see its state
(status). `make run` and deploy/hegang-portal-outbox.service start the worker."""

import signal
import threading
from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from ..clock import CITY_TZ
from ..services.notifications import worker

outbox_cli = AppGroup("outbox", help="通知发件箱（短信、电子邮件）")


def _now() -> datetime:
    return datetime.now(UTC)


@outbox_cli.command("work")
@click.option("--once", is_flag=True, help="发送当前到期的全部通知后退出（用于测试和定时任务）")
def work_command(once: bool) -> None:
    """发送到期的通知，失败的按退避时间重试；收到 SIGTERM 后发完手头这一条再退出。"""
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    if not once:
        click.echo("通知发送已启动（SIGTERM 停止）。")
    try:
        handled = worker.work(_now, stop, once=once)
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo(f"已处理 {handled} 条通知。")


@outbox_cli.command("status")
def status_command() -> None:
    """各状态的通知条数，以及最早一条待发送通知的时间。"""
    for state, count in worker.counts().items():
        click.echo(f"{state.label}（{state.value}）：{count}")
    oldest = worker.oldest_pending()
    if oldest is not None:
        click.echo(f"最早的待发送通知：{oldest.astimezone(CITY_TZ):%Y-%m-%d %H:%M}")
