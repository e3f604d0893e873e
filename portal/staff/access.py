"""Who may see the staff pages: sign-in state, session lifetime, and role checks."""

from datetime import UTC, datetime
from functools import wraps

from flask import Flask, abort, current_app, redirect, request, session, url_for
from flask_login import current_user, logout_user

from ..extensions import db, login_manager
from ..models import StaffRole, User
from ..services.common.audit import Actor

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "staff.login"
    login_manager.login_message = "请先登录。"
    login_manager.session_protection = "strong"
    login_manager.user_loader(_load_user)
    app.before_request(_expire_stale_sessions)


def _load_user(session_id: str) -> User | None:
    """Sessions carry "id:generation"; an older generation (password changed, sessions ended,
    account disabled) no longer signs anybody in."""
    user_id, _, generation = session_id.partition(":")
    if not user_id.isdigit() or not generation.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_generation != int(generation):
        return None
    return user


def _expire_stale_sessions():
    if not current_user.is_authenticated:
        return None
    now = datetime.now(UTC).timestamp()
    idle = current_app.config["STAFF_IDLE_TIMEOUT_MINUTES"] * 60
    lifetime = current_app.config["STAFF_SESSION_MAX_HOURS"] * 3600
    signed_in = session.get(SIGNED_IN_AT, 0)
    if now - session.get(LAST_SEEN_AT, 0) > idle or now - signed_in > lifetime:
        logout_user()
        session.clear()
        return redirect(url_for("staff.login", next=request.full_path, expired=1))
    session[LAST_SEEN_AT] = now
    return None


def start_session(user: User) -> None:
    now = datetime.now(UTC)
    session.permanent = True  # PERMANENT_SESSION_LIFETIME follows STAFF_SESSION_MAX_HOURS
    session[SIGNED_IN_AT] = session[LAST_SEEN_AT] = now.timestamp()


def role_required(*roles: StaffRole):
    """Anonymous visitors are sent to sign in; signed-in staff without the role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = roles
        return wrapped

    return decorator


def actor() -> Actor:
    user = current_user if current_user.is_authenticated else None
    return Actor.of(user, request.remote_addr)
