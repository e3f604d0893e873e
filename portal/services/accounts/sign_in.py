"""Signing in: the password, then the second factor when the account has one.

Each step answers with the token of a server-side session row (services.accounts.sessions)
for the cookie, or raises: TooSoon (this account must wait, HTTP 429), WrongPassword (401),
SignInExpired (start again). Between the steps nothing but that token is in the cookie: the
row remembers whose password was checked, when, and how many codes were wrong — so the
throttle of the code step is keyed on that account, not on a form field anybody can vary.
"""

from dataclasses import dataclass
from datetime import datetime

from ...database import begin_write
from ...extensions import db
from ...models import SessionStage, User
from ...settings import settings
from ..common import audit
from ..common.audit import Actor, Target
from . import delays, passwords, second_factor, sessions
from .errors import SignInExpired, WrongPassword


@dataclass(frozen=True)
class Step:
    token: str  # for the cookie: the session row it opens
    user: User
    needs_code: bool  # the password was right; the second factor is still to come
    must_enrol: bool = False  # signed in, but the site requires a second factor it lacks


def with_password(username: str, password: str, user_agent: str, actor: Actor, now: datetime):
    key = delays.key_for(delays.SIGN_IN, username)
    delays.refuse_if_waiting(key, now)
    user = passwords.check_password(username, password)
    begin_write()
    if user is None:
        _failed(key, username, "password", actor, now)
        raise WrongPassword("用户名或密码不正确。")
    user = db.session.get(User, user.id)
    if user.totp_enabled:
        token = sessions.open_session(user, SessionStage.SECOND_FACTOR, user_agent, now)
        db.session.commit()
        return Step(token, user, needs_code=True)
    return _signed_in(user, key, user_agent, actor, now)


def with_code(token: str | None, code: str, user_agent: str, actor: Actor, now: datetime):
    begin_write()
    row = sessions.pending(token, now)
    if row is None:
        db.session.rollback()
        raise SignInExpired("验证已超时，请重新输入用户名和密码。")
    user = row.user
    key = delays.key_for(delays.SIGN_IN, user.username)
    delays.refuse_if_waiting(key, now)
    if second_factor.use_code(user, code, now):
        row.revoked_at = now  # a fresh token for the signed-in session
        return _signed_in(user, key, user_agent, actor, now)
    row.code_attempts += 1
    exhausted = row.code_attempts >= settings().staff_sessions.code_attempts
    if exhausted:
        row.revoked_at = now
    _failed(key, user.username, "totp", actor, now)
    if exhausted:
        raise SignInExpired("验证码错误次数过多，请重新输入用户名和密码。")
    raise WrongPassword("验证码不正确或已使用过，请输入手机上新显示的 6 位数字。")


def _failed(key: str, username: str, reason: str, actor: Actor, now: datetime) -> None:
    delays.count_failure(key, now)
    audit.record("login_failed", actor, None, username=username[:60], reason=reason)
    db.session.commit()


def _signed_in(user: User, key: str, user_agent: str, actor: Actor, now: datetime) -> Step:
    delays.forget(key)
    token = sessions.open_session(user, SessionStage.SIGNED_IN, user_agent, now)
    user.last_login_at = now
    audit.record("login", Actor.of(user, actor.ip), Target("user", str(user.id)))
    must_enrol = not user.totp_enabled and second_factor.required()
    db.session.commit()
    return Step(token, user, needs_code=False, must_enrol=must_enrol)
