"""The second factor: TOTP codes (RFC 6238) from an authenticator app.

A code is accepted once: the time step it belongs to is stored on the account and a code
of that step or an earlier one is refused, so a code read over a shoulder or out of a
proxy log cannot be replayed. Turning the second factor on or off asks for the current
password again (a borrowed, signed-in browser is not enough); an admin can reset a lost
one. The secret being enrolled waits in the server-side session row, not in the cookie.
"""

from datetime import datetime

import pyotp
from sqlalchemy import or_, update

from ...database import begin_write
from ...extensions import db
from ...models import SiteSetting, StaffSession, User
from ...settings import settings
from ..common import audit
from ..common.audit import Actor, Target
from . import delays, passwords, sessions
from .errors import AccountError, UserNotFound, WrongPassword

REQUIRE_TOTP = "require_totp"
ISSUER = "鹤岗节能减排平台"
VALID_WINDOW = 1  # the code before and after the current one too: phones' clocks drift


def new_secret() -> str:
    return pyotp.random_base32()


def uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)


def enrolment_secret(token: str | None, create: bool = True) -> str | None:
    """The secret this session is enrolling, kept (encrypted) in its server-side row; a new
    one, saved, when there is none yet and `create`."""
    row = sessions.find(token)
    if row is None or row.revoked_at is not None:
        return None
    cipher = settings().cipher
    if row.pending_totp_secret or not create:
        return cipher.decrypt(row.pending_totp_secret)
    secret = new_secret()
    row_id = row.id
    begin_write()
    db.session.execute(
        update(StaffSession)
        .where(StaffSession.id == row_id)
        .values(pending_totp_secret=cipher.encrypt(secret)),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()
    return secret


def _step(secret: str, code: str, now: datetime) -> int | None:
    digits = "".join(ch for ch in code if ch.isdigit())
    if len(digits) != 6:
        return None
    try:
        return pyotp.TOTP(secret).verify_and_get_timecode(
            digits, for_time=now, valid_window=VALID_WINDOW
        )
    except pyotp.exceptions.OTPVerificationError:
        return None


def _claim_step(user_id: int, step: int) -> bool:
    """Record `step` as used, unless it (or a later one) already was: one statement, so two
    requests racing with the same code cannot both succeed."""
    claimed = db.session.execute(
        update(User)
        .where(User.id == user_id)
        .where(or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step),
        execution_options={"synchronize_session": False},
    )
    return claimed.rowcount == 1


def use_code(user: User, code: str, now: datetime) -> bool:
    """Whether `code` is a good, unused code of the user's second factor; marks it used.
    Runs in the caller's (write) transaction."""
    if user.totp_secret is None:
        return False
    step = _step(settings().cipher.decrypt(user.totp_secret), code, now)
    return step is not None and _claim_step(user.id, step)


def confirm_password(user: User, password: str, actor: Actor, now: datetime) -> None:
    """The current password, asked again before a security change (this one, a password
    change); failures are audited and slow the next try (delays.REAUTH), as at sign-in.
    Runs in the caller's write transaction; a failure is committed with its audit entry."""
    key = delays.key_for(delays.REAUTH, user.id)
    delays.refuse_if_waiting(key, now)
    if passwords.matches(user, password):
        delays.forget(key)
        return
    delays.count_failure(key, now)
    audit.record("password_check_failed", actor, Target("user", str(user.id)))
    db.session.commit()
    raise WrongPassword("当前密码不正确。")


def enable(user: User, token: str, password: str, code: str, actor: Actor, now: datetime):
    """Turn the second factor on with the secret this session is enrolling; every other
    session of the account ends (they were opened without it)."""
    begin_write()
    user = db.session.get(User, user.id)
    confirm_password(user, password, actor, now)
    secret = enrolment_secret(token, create=False)
    step = _step(secret, code, now) if secret else None
    if step is None:
        db.session.rollback()
        raise AccountError("验证码不正确，请核对手机上显示的 6 位数字后重试。")
    user.totp_secret = settings().cipher.encrypt(secret)
    user.totp_last_step = step
    sessions.end_all(user.id, now, keep=token)
    sessions.find(token).pending_totp_secret = None
    audit.record("totp_enabled", actor, Target("user", str(user.id)))
    db.session.commit()


def disable(user: User, password: str, actor: Actor, now: datetime) -> None:
    """Turn the second factor off; every session of the account ends, this one too."""
    begin_write()
    user = db.session.get(User, user.id)
    confirm_password(user, password, actor, now)
    _remove(user, now)
    audit.record("totp_disabled", actor, Target("user", str(user.id)))
    db.session.commit()


def reset(user_id: int, actor: Actor, now: datetime) -> User:
    """An admin removes a lost second factor; the account's sessions end, and it signs in
    with its password (and enrols again if the site requires it)."""
    begin_write()
    user = db.session.get(User, user_id)
    if user is None:
        db.session.rollback()
        raise UserNotFound(user_id)
    _remove(user, now)
    audit.record("totp_reset", actor, Target("user", str(user.id)))
    db.session.commit()
    return user


def _remove(user: User, now: datetime) -> None:
    user.totp_secret = None
    user.totp_last_step = None
    sessions.end_all(user.id, now)


def required() -> bool:
    setting = db.session.get(SiteSetting, REQUIRE_TOTP)
    return setting is not None and setting.value == "1"


def require(required: bool, actor: Actor) -> None:
    begin_write()
    setting = db.session.get(SiteSetting, REQUIRE_TOTP) or SiteSetting(key=REQUIRE_TOTP)
    setting.value = "1" if required else "0"
    db.session.add(setting)
    audit.record("setting_changed", actor, Target("setting", REQUIRE_TOTP), value=setting.value)
    db.session.commit()
