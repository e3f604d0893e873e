"""`flask --app wsgi users …`: staff accounts from the command line (the first admin, too)."""

import sys
from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from ..models import StaffRole
from ..services.accounts import second_factor
from ..services.accounts import users as accounts
from ..services.common.audit import Actor

users_cli = AppGroup("users", help="工作人员账号")
CONSOLE = Actor(user_id=None, name="命令行")
ROLE_VALUES = [role.value for role in StaffRole]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt(
        "密码（至少 12 个字符，不易被猜中）", hide_input=True, confirmation_prompt="再次输入"
    )


def _user(username: str):
    user = accounts.find_user(username)
    if user is None:
        raise click.ClickException(f"没有用户 {username}。")
    return user


@users_cli.command("create")
@click.option("--username", required=True)
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(ROLE_VALUES))
@click.option("--name", "display_name", default="", help="姓名")
@click.option("--email", default="", help="电子邮箱（举报受理员的办理日报发到这里）")
@click.option("--department", default="", help="单位代码（承办单位账号必填）")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码（一行）")
def create_command(username, roles, display_name, email, department, password_stdin):
    """创建账号；--role 可重复（admin / moderator / editor / handler）。"""
    try:
        accounts.create_user(
            username, _password(password_stdin), [StaffRole(r) for r in roles], CONSOLE,
            display_name=display_name, email=email, department_code=department,
        )  # fmt: skip
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"已创建 {username}（{', '.join(roles)}）。")


@users_cli.command("set-password")
@click.option("--username", required=True)
@click.option("--password-stdin", is_flag=True)
def set_password_command(username, password_stdin):
    """设置新密码（不能与当前密码相同）；该账号的全部会话随之结束。"""
    try:
        accounts.set_password(_user(username), _password(password_stdin), CONSOLE)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"已为 {username} 设置新密码。")


@users_cli.command("disable")
@click.option("--username", required=True)
def disable_command(username):
    """停用账号并结束其全部会话。"""
    accounts.set_active(_user(username), False, CONSOLE)
    click.echo(f"已停用 {username}。")


@users_cli.command("reset-totp")
@click.option("--username", required=True)
def reset_totp_command(username):
    """重置丢失的两步验证（例如唯一的管理员换了手机）；该账号的全部会话随之结束。"""
    second_factor.reset(_user(username).id, CONSOLE, datetime.now(UTC))
    click.echo(f"已重置 {username} 的两步验证。")
