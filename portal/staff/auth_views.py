"""Signing in (password, then the second factor when the account has one) and out.

The rules — delays after failures, the pending second-factor state, its expiry and tries —
are in services.accounts.sign_in; the cookie gets only the token of a server-side row.
"""

from datetime import UTC, datetime

from flask import current_app, flash, redirect, render_template, request, url_for

from ..admin import end_session, session_token, start_session
from ..admin.access import actor, sign_in_page
from ..extensions import limiter
from ..services.accounts import sessions, sign_in
from ..services.accounts.errors import SignInExpired, TooSoon, WrongPassword
from ..web.forms import ConfirmForm
from ..web.redirects import safe_next
from . import bp
from .forms import LoginForm, TotpForm

FAILED = 401  # a failed attempt: what the per-address throttle counts
TOO_SOON = 429

throttle_address = limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    deduct_when=lambda response: response.status_code == FAILED,
    error_message="登录失败次数过多，请稍后再试。",
)


def _now() -> datetime:
    return datetime.now(UTC)


def _refused(template: str, form, field, error):
    field.errors = [str(error)]
    if isinstance(error, TooSoon):
        response = current_app.make_response((render_template(template, form=form), TOO_SOON))
        response.headers["Retry-After"] = str(error.seconds)
        return response
    return render_template(template, form=form), FAILED


@bp.route("/login", methods=["GET", "POST"])
@sign_in_page
@throttle_address
def login():
    form = LoginForm()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("staff/login.html", form=form), status
    agent = request.user_agent.string
    try:
        step = sign_in.with_password(form.username.data, form.password.data, agent, actor(), _now())
    except (TooSoon, WrongPassword) as error:
        return _refused("staff/login.html", form, form.password, error)
    start_session(step.token, must_enrol=step.must_enrol)
    if step.needs_code:
        return redirect(url_for(".login_totp", next=request.args.get("next")), 303)
    return _signed_in(step)


@bp.route("/login/totp", methods=["GET", "POST"])
@sign_in_page
@throttle_address
def login_totp():
    if sessions.pending(session_token(), _now()) is None:
        # No password checked in this browser (or too long ago): step one first. A signed-in
        # session that wanders here is left alone.
        return redirect(url_for(".login", next=request.args.get("next")))
    form = TotpForm()
    if not form.validate_on_submit():
        return render_template("staff/login_totp.html", form=form)
    agent = request.user_agent.string
    try:
        step = sign_in.with_code(session_token(), form.code.data, agent, actor(), _now())
    except SignInExpired as error:
        return _start_again(str(error))
    except (TooSoon, WrongPassword) as error:
        return _refused("staff/login_totp.html", form, form.code, error)
    start_session(step.token, must_enrol=step.must_enrol)
    return _signed_in(step)


def _start_again(message: str):
    end_session()
    flash(message)
    return redirect(url_for(".login", next=request.args.get("next")), 303)


def _signed_in(step: sign_in.Step):
    if step.must_enrol:
        return redirect(url_for(".totp_setup"), 303)
    return redirect(safe_next(request.args.get("next")) or url_for(".dashboard"), 303)


@bp.post("/logout")
@sign_in_page
def logout():
    if ConfirmForm().validate_on_submit():
        sessions.sign_out(session_token(), actor(), _now())
        end_session()
        flash("您已安全退出。")
    return redirect(url_for(".login"), 303)
