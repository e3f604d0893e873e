"""Staff accounts: creating them, passwords, roles, enabling and disabling, ending sessions.

Every change is audited in the same transaction as the change itself. Signing in lives in
sign_in, sessions in sessions, the second factor in second_factor.
"""

from datetime import UTC, datetime

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from ...database import begin_write
from ...extensions import db
from ...models import Department, StaffRole, User, UserRole
from ..common import audit
from ..common.audit import Actor, Target
from . import passwords, second_factor, sessions
from .errors import AccountError, UserNotFound, WeakPassword
from .passwords import check_password, find_user

__all__ = ["AccountError", "UserNotFound", "WeakPassword", "check_password", "find_user"]

# The site-wide "every account needs a second factor" switch, under its older names.
require_totp = second_factor.require
totp_required = second_factor.required


def _target(user: User) -> Target:
    return Target("user", str(user.id))


def _refuse_weak(password: str, *user_inputs: str) -> None:
    if problem := passwords.problem(password, user_inputs=user_inputs):
        raise WeakPassword(problem)


def _staff_email(value: str) -> str | None:
    """The address the daily digest goes to (optional)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise AccountError("电子邮箱格式不正确，例如 name@example.com。") from error


def create_user(
    username: str,
    password: str,
    roles: list[StaffRole],
    actor: Actor,
    display_name: str = "",
    email: str = "",
    department_code: str = "",
) -> User:
    """A new account. A handler (承办单位) account names its one department by code."""
    username = username.strip()
    if not username or len(username) > 60 or not username.isprintable():
        raise AccountError("用户名不能为空，且不超过 60 个字符。")
    _refuse_weak(password, username, display_name)
    if not roles:
        raise AccountError("至少要指定一个角色。")
    email = _staff_email(email)
    department = _department_for(roles, department_code)
    begin_write()
    if db.session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        db.session.rollback()
        raise AccountError(f"用户名 {username} 已存在。")
    user = User(
        username=username,
        display_name=display_name or username,
        email=email,
        password_hash=passwords.hash_password(password),
        role_rows=[UserRole(role=role) for role in sorted(set(roles))],
        department_id=department.id if department else None,
    )
    db.session.add(user)
    db.session.flush()
    audit.record(
        "user_created", actor, _target(user), username=username, roles=_names(roles),
        department=department.code if department else None,
    )  # fmt: skip
    db.session.commit()
    return user


def _department_for(roles: list[StaffRole], code: str) -> Department | None:
    """A handler acts for exactly one department; no other account is bound to one, so that a
    department binding never widens or narrows what a moderator or editor sees."""
    code = (code or "").strip()
    if StaffRole.HANDLER not in roles:
        if code:
            raise AccountError("只有承办单位账号才指定所属单位。")
        return None
    if not code:
        raise AccountError("承办单位账号必须指定所属单位（单位代码）。")
    department = db.session.scalar(select(Department).where(Department.code == code))
    if department is None:
        raise AccountError(f"没有代码为 {code} 的单位。")
    return department


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise UserNotFound(user_id)
    return user


def set_password(user: User, new_password: str, actor: Actor, now: datetime | None = None):
    """A new password (the CLI's set-password, and the end of change_own_password): strong,
    not the current one; every session of the account ends."""
    _refuse_weak(new_password, user.username, user.display_name)
    if passwords.matches(user, new_password):
        raise AccountError("新密码不能与当前密码相同。")
    now = now or datetime.now(UTC)
    begin_write()
    user = db.session.get(User, user.id)
    user.password_hash = passwords.hash_password(new_password)
    user.password_changed_at = now
    sessions.end_all(user.id, now)
    audit.record("password_changed", actor, _target(user))
    db.session.commit()


def change_own_password(user: User, current: str, new: str, actor: Actor, now: datetime):
    """A signed-in member of staff changes their password: the current one first, checked
    with the same delay and audit as any re-authentication."""
    begin_write()
    second_factor.confirm_password(db.session.get(User, user.id), current, actor, now)
    db.session.commit()
    set_password(user, new, actor, now)


def end_all_sessions(user: User, actor: Actor, now: datetime | None = None) -> None:
    begin_write()
    user = db.session.get(User, user.id)
    sessions.end_all(user.id, now or datetime.now(UTC))
    audit.record("sessions_ended", actor, _target(user))
    db.session.commit()


def set_roles(user: User, roles: list[StaffRole], actor: Actor) -> None:
    """New roles apply from the account's next request (the gate reads them each time)."""
    if not roles:
        raise AccountError("至少要保留一个角色。")
    begin_write()
    user = db.session.get(User, user.id)
    if (StaffRole.HANDLER in roles) != (user.department_id is not None):
        db.session.rollback()
        raise AccountError("承办单位角色只能用于创建时指定了所属单位的账号，请为该单位另建账号。")
    before = _names(user.roles)
    user.role_rows = [UserRole(role=role) for role in sorted(set(roles))]
    audit.record("user_roles_changed", actor, _target(user), before=before, after=_names(roles))
    db.session.commit()


def set_active(user: User, active: bool, actor: Actor, now: datetime | None = None) -> None:
    begin_write()
    user = db.session.get(User, user.id)
    user.active = active
    sessions.end_all(user.id, now or datetime.now(UTC))
    audit.record("user_enabled" if active else "user_disabled", actor, _target(user))
    db.session.commit()


def _names(roles) -> list[str]:
    return sorted(role.value for role in roles)


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.username)))
