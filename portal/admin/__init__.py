"""The one gate for everything under /admin.

`admin_blueprint(children)` makes the parent blueprint the staff, report-handling, bulletin,
register and editorial views are registered under. Its hooks run before and after every one
of them: sign-in, the idle timeout and absolute session lifetime, the second-factor enrolment
an admin may require, the role the view declares (portal.admin.access), and `no-store` on the
answer. A view under /admin cannot skip them; tests/staff/test_gate.py walks every rule.
"""

from datetime import UTC, datetime

from flask import Blueprint, abort, current_app, redirect, request, session, url_for
from flask_login import current_user, logout_user

from ..extensions import login_manager
from .access import access_of

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"
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


def gate():
    access = access_of(current_app.view_functions.get(request.endpoint))
    if access is None:
        abort(403)  # a view that forgot to declare its access is open to nobody
    if not access.signed_in:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if _session_expired():
        logout_user()
        session.clear()
        return redirect(url_for(LOGIN_ENDPOINT, next=request.full_path, expired=1))
    session[LAST_SEEN_AT] = datetime.now(UTC).timestamp()
    if session.get(MUST_ENROLL) and not access.while_enrolling:
        return redirect(url_for(ENROLMENT_ENDPOINT))
    if not access.admits(current_user):
        abort(403)
    return None


def _session_expired() -> bool:
    now = datetime.now(UTC).timestamp()
    idle = current_app.config["STAFF_IDLE_TIMEOUT_MINUTES"] * 60
    lifetime = current_app.config["STAFF_SESSION_MAX_HOURS"] * 3600
    idle_for = now - session.get(LAST_SEEN_AT, 0)
    return idle_for > idle or now - session.get(SIGNED_IN_AT, 0) > lifetime


def start_session() -> None:
    """Stamp a fresh sign-in: the idle and absolute limits count from here."""
    session.permanent = True  # PERMANENT_SESSION_LIFETIME follows STAFF_SESSION_MAX_HOURS
    session[SIGNED_IN_AT] = session[LAST_SEEN_AT] = datetime.now(UTC).timestamp()


def never_store(response):
    # Staff pages carry personal data and CSRF tokens: no cache may keep them.
    response.headers["Cache-Control"] = "no-store"
    return response
