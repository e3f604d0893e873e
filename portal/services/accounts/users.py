"""Staff accounts: creating them, passwords, roles, second factor, and ending sessions.

Every change is audited in the same transaction as the change itself.
"""

from datetime import UTC, datetime

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from ...database import begin_write
from ...extensions import db
from ...models import SiteSetting, StaffRole, User, UserRole
from ...settings import settings
from ..common import audit
from ..common.audit import Actor, Target
from ..common.errors import NotFound

PASSWORD_MIN_LENGTH = 12
REQUIRE_TOTP = "require_totp"
_hasher = PasswordHasher()
# Verified against when the username is unknown, so that the answer takes as long.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


class AccountError(ValueError):
    """A refused account change, with a Chinese message for the admin or user."""


class UserNotFound(NotFound):
    """No staff account with that id."""


def password_problem(password: str) -> str | None:
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"密码至少需要 {PASSWORD_MIN_LENGTH} 个字符。"
    if len(password) > 1024:
        return "密码过长。"
    return None


def _target(user: User) -> Target:
    return Target("user", str(user.id))


def create_user(
    username: str, password: str, roles: list[StaffRole], actor: Actor, display_name: str = ""
) -> User:
    username = username.strip()
    if not username or len(username) > 60 or not username.isprintable():
        raise AccountError("用户名不能为空，且不超过 60 个字符。")
    if problem := password_problem(password):
        raise AccountError(problem)
    if not roles:
        raise AccountError("至少要指定一个角色。")
    begin_write()
    if db.session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        db.session.rollback()
        raise AccountError(f"用户名 {username} 已存在。")
    user = User(
        username=username,
        display_name=display_name or username,
        password_hash=_hasher.hash(password),
        role_rows=[UserRole(role=role) for role in sorted(set(roles))],
    )
    db.session.add(user)
    db.session.flush()
    audit.record("user_created", actor, _target(user), username=username, roles=_names(roles))
    db.session.commit()
    return user


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise UserNotFound(user_id)
    return user


def find_user(username: str) -> User | None:
    return db.session.scalars(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).first()


def user_for_session(session_id: str) -> User | None:
    """Sessions carry "id:generation"; an older generation (password changed, sessions ended,
    account disabled) no longer signs anybody in."""
    user_id, _, generation = session_id.partition(":")
    if not user_id.isdigit() or not generation.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_generation != int(generation):
        return None
    return user


def check_password(username: str, password: str) -> User | None:
    """The active user with this username and password, or None. Takes the same time
    whether or not the account exists."""
    user = find_user(username)
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    return user


def record_login(user: User, actor: Actor, now: datetime) -> None:
    begin_write()
    user = db.session.get(User, user.id)
    user.last_login_at = now
    audit.record("login", actor, _target(user))
    db.session.commit()


def record_failed_login(username: str, actor: Actor, reason: str) -> None:
    begin_write()
    audit.record("login_failed", actor, None, username=username[:60], reason=reason)
    db.session.commit()


def record_logout(user: User, actor: Actor) -> None:
    begin_write()
    audit.record("logout", actor, _target(user))
    db.session.commit()


def change_password(user: User, new_password: str, actor: Actor) -> None:
    if problem := password_problem(new_password):
        raise AccountError(problem)
    begin_write()
    user = db.session.get(User, user.id)
    user.password_hash = _hasher.hash(new_password)
    user.password_changed_at = datetime.now(UTC)
    user.session_generation += 1  # every other session of this account ends
    audit.record("password_changed", actor, _target(user))
    db.session.commit()


def end_all_sessions(user: User, actor: Actor) -> None:
    begin_write()
    user = db.session.get(User, user.id)
    user.session_generation += 1
    audit.record("sessions_ended", actor, _target(user))
    db.session.commit()


def set_roles(user: User, roles: list[StaffRole], actor: Actor) -> None:
    if not roles:
        raise AccountError("至少要保留一个角色。")
    begin_write()
    user = db.session.get(User, user.id)
    before = _names(user.roles)
    user.role_rows = [UserRole(role=role) for role in sorted(set(roles))]
    user.session_generation += 1  # the new roles apply from the next login
    audit.record("user_roles_changed", actor, _target(user), before=before, after=_names(roles))
    db.session.commit()


def set_active(user: User, active: bool, actor: Actor) -> None:
    begin_write()
    user = db.session.get(User, user.id)
    user.active = active
    user.session_generation += 1
    audit.record("user_enabled" if active else "user_disabled", actor, _target(user))
    db.session.commit()


def _names(roles) -> list[str]:
    return sorted(role.value for role in roles)


# Second factor ------------------------------------------------------------------------------


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name="鹤岗节能减排平台")


def totp_matches(secret: str, code: str) -> bool:
    digits = "".join(ch for ch in code if ch.isdigit())
    return len(digits) == 6 and pyotp.TOTP(secret).verify(digits, valid_window=1)


def user_totp_matches(user: User, code: str) -> bool:
    return user.totp_secret is not None and totp_matches(
        settings().cipher.decrypt(user.totp_secret), code
    )


def enable_totp(user: User, secret: str, code: str, actor: Actor) -> None:
    if not totp_matches(secret, code):
        raise AccountError("验证码不正确，请核对手机上显示的 6 位数字后重试。")
    begin_write()
    user = db.session.get(User, user.id)
    user.totp_secret = settings().cipher.encrypt(secret)
    audit.record("totp_enabled", actor, _target(user))
    db.session.commit()


def disable_totp(user: User, actor: Actor) -> None:
    begin_write()
    user = db.session.get(User, user.id)
    user.totp_secret = None
    user.session_generation += 1
    audit.record("totp_disabled", actor, _target(user))
    db.session.commit()


def totp_required() -> bool:
    setting = db.session.get(SiteSetting, REQUIRE_TOTP)
    return setting is not None and setting.value == "1"


def require_totp(required: bool, actor: Actor) -> None:
    begin_write()
    setting = db.session.get(SiteSetting, REQUIRE_TOTP) or SiteSetting(key=REQUIRE_TOTP)
    setting.value = "1" if required else "0"
    db.session.add(setting)
    audit.record("setting_changed", actor, Target("setting", REQUIRE_TOTP), value=setting.value)
    db.session.commit()


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.username)))
