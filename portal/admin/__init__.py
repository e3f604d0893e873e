"""The one gate for everything under /admin.

`admin_blueprint(children)` makes the parent blueprint the staff, report-handling, bulletin,
register and editorial views are registered under. Its hooks run before and after every one
of them: sign-in, the idle timeout and absolute session lifetime, the second-factor enrolment
an admin may require, the role the view declares (portal.admin.access), and `no-store` on the
answer. A view under /admin cannot skip them; tests/staff/test_gate.py walks every rule.

Who is signed in is decided on the server, on every request: the cookie carries only an
opaque token (SESSION_KEY), and `load_staff_user` — Flask-Login's request loader — asks
services.accounts.sessions whether the row it names is still good (not ended by logout or
an admin, not idle, not too old, the same browser, the account active).
"""

from datetime import UTC, datetime

from flask import Blueprint, abort, current_app, g, redirect, request, session, url_for
from flask_login import current_user, logout_user

from ..extensions import login_manager
from ..services.accounts import sessions
from .access import access_of

SESSION_KEY = "staff_session"  # the session row's token: the only sign-in state in the cookie
MUST_ENROLL = "must_enroll_totp"  # signed in while a second factor is required and missing
LOGIN_ENDPOINT = "admin.staff.login"
ENROLMENT_ENDPOINT = "admin.staff.totp_setup"


def admin_blueprint(*children: Blueprint) -> Blueprint:
    bp = Blueprint("admin", __name__, url_prefix="/admin")
    bp.before_request(gate)
    bp.after_request(never_store)
    for child in children:
        bp.register_blueprint(child)
    return bp


def load_staff_user(_request):
    """Flask-Login's request loader: the account whose live session row the cookie names."""
    found = sessions.resume(session.get(SESSION_KEY), request.user_agent.string, _now())
    g.staff_session = found
    return found.user


def gate():
    access = access_of(current_app.view_functions.get(request.endpoint))
    if access is None:
        abort(403)  # a view that forgot to declare its access is open to nobody
    if not access.signed_in:
        return None
    if not current_user.is_authenticated:
        found = g.get("staff_session")
        if found is not None and found.expired:
            end_session()
            return redirect(url_for(LOGIN_ENDPOINT, next=request.full_path, expired=1))
        return login_manager.unauthorized()
    sessions.touch(g.staff_session.session, _now())
    if session.get(MUST_ENROLL) and not access.while_enrolling:
        return redirect(url_for(ENROLMENT_ENDPOINT))
    if not access.admits(current_user):
        abort(403)
    return None


def _now() -> datetime:
    return datetime.now(UTC)


def start_session(token: str, must_enrol: bool = False) -> None:
    """A fresh cookie holding the new session row's token and nothing from before."""
    session.clear()
    session.permanent = True  # PERMANENT_SESSION_LIFETIME follows STAFF_SESSION_MAX_HOURS
    session[SESSION_KEY] = token
    if must_enrol:
        session[MUST_ENROLL] = True


def session_token() -> str | None:
    return session.get(SESSION_KEY)


def end_session() -> None:
    """Forget the sign-in in this browser (the caller ends the row, where it should)."""
    logout_user()
    session.clear()


def never_store(response):
    # Staff pages carry personal data and CSRF tokens: no cache may keep them.
    response.headers["Cache-Control"] = "no-store"
    return response
