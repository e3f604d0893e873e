"""Admins' views: staff accounts, their roles, sessions and second factor, site settings."""

from datetime import UTC, datetime

from flask import abort, flash, redirect, render_template, url_for

from ..admin.access import actor, admin_only
from ..models import StaffRole
from ..services.accounts import second_factor, sessions
from ..services.accounts import users as accounts
from ..web.forms import ConfirmForm
from . import bp
from .forms import RolesForm, SettingsForm, UserForm


def _roles(values: list[str]) -> list[StaffRole]:
    return [StaffRole(v) for v in values if v in StaffRole._value2member_map_]


def _now() -> datetime:
    return datetime.now(UTC)


def _users_page(form: UserForm | None = None, status: int = 200):
    settings = SettingsForm(formdata=None, require_totp=second_factor.required())
    return render_template(
        "staff/users.html",
        users=accounts.list_users(),
        sessions=sessions.active(_now()),
        form=form or UserForm(formdata=None),
        settings=settings,
        confirm=ConfirmForm(),
        roles=StaffRole.choices(),
    ), status


@bp.get("/users")
@admin_only
def users():
    return _users_page()


@bp.post("/users")
@admin_only
def create_user():
    form = UserForm()
    if not form.validate_on_submit():
        return _users_page(form, 400)
    try:
        accounts.create_user(
            form.username.data, form.password.data, _roles(form.roles.data or []), actor(),
            display_name=form.display_name.data or "",
        )  # fmt: skip
    except accounts.WeakPassword as error:
        form.password.errors = [str(error)]
        return _users_page(form, 400)
    except accounts.AccountError as error:
        form.username.errors = [str(error)]
        return _users_page(form, 400)
    flash(f"已创建账号 {form.username.data}。")
    return redirect(url_for(".users"), 303)


@bp.post("/users/<int:user_id>/roles")
@admin_only
def change_roles(user_id: int):
    user = accounts.get_user(user_id)
    try:
        accounts.set_roles(user, _roles(RolesForm().roles.data or []), actor())
    except accounts.AccountError as error:
        flash(str(error))
        return _users_page(status=400)
    flash(f"已修改 {user.username} 的角色。")
    return redirect(url_for(".users"), 303)


@bp.post("/users/<int:user_id>/active/<state>")
@admin_only
def set_active(user_id: int, state: str):
    if state not in {"on", "off"}:
        abort(404)
    user = accounts.get_user(user_id)
    accounts.set_active(user, state == "on", actor(), _now())
    flash(f"已{'启用' if state == 'on' else '停用'}账号 {user.username}。")
    return redirect(url_for(".users"), 303)


@bp.post("/users/<int:user_id>/sessions")
@admin_only
def end_sessions(user_id: int):
    user = accounts.get_user(user_id)
    accounts.end_all_sessions(user, actor(), _now())
    flash(f"已结束 {user.username} 的全部会话。")
    return redirect(url_for(".users"), 303)


@bp.post("/users/<int:user_id>/sessions/<int:session_id>")
@admin_only
def end_session(user_id: int, session_id: int):
    sessions.end_one(user_id, session_id, actor(), _now())
    flash("已结束该会话。")
    return redirect(url_for(".users"), 303)


@bp.post("/users/<int:user_id>/totp/reset")
@admin_only
def reset_totp(user_id: int):
    user = second_factor.reset(user_id, actor(), _now())
    flash(f"已重置 {user.username} 的两步验证，其全部会话均已结束；该账号用密码登录后可重新启用。")
    return redirect(url_for(".users"), 303)


@bp.post("/settings")
@admin_only
def settings():
    second_factor.require(bool(SettingsForm().require_totp.data), actor())
    flash("设置已保存。")
    return redirect(url_for(".users"), 303)
