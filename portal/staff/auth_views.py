"""Signing in (password, then the second factor when the account has one) and out."""

from datetime import UTC, datetime

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from ..admin import MUST_ENROLL, start_session
from ..admin.access import actor, sign_in_page
from ..extensions import limiter
from ..services.accounts import users as accounts
from ..web.forms import ConfirmForm
from . import bp
from .forms import LoginForm, TotpForm

PENDING = "pending_login"  # password checked, second factor still to come
FAILED = 401  # a failed attempt: what the throttles count


def _attempted_account() -> str:
    name = request.form.get("username") or session.get(PENDING, {}).get("username") or ""
    return "login-account:" + name.strip().lower()


def _failed(response) -> bool:
    return response.status_code == FAILED


throttle_account = limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_attempted_account,
    methods=["POST"],
    deduct_when=_failed,
    error_message="登录失败次数过多，此账号暂时锁定，请稍后再试。",
)
throttle_address = limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    deduct_when=_failed,
    error_message="登录失败次数过多，请稍后再试。",
)


@bp.route("/login", methods=["GET", "POST"])
@sign_in_page
@throttle_address
@throttle_account
def login():
    form = LoginForm()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("staff/login.html", form=form), status
    user = accounts.check_password(form.username.data, form.password.data)
    if user is None:
        accounts.record_failed_login(form.username.data, actor(), "password")
        form.password.errors = ["用户名或密码不正确。"]
        return render_template("staff/login.html", form=form), FAILED
    if user.totp_enabled:
        session[PENDING] = {"id": user.id, "username": user.username}
        return redirect(url_for(".login_totp", next=request.args.get("next")), 303)
    return _complete_login(user)


@bp.route("/login/totp", methods=["GET", "POST"])
@sign_in_page
@throttle_address
@throttle_account
def login_totp():
    pending = session.get(PENDING)
    user = accounts.find_user(pending["username"]) if pending else None
    if user is None or user.id != pending["id"]:
        return redirect(url_for(".login"))
    form = TotpForm()
    if not form.validate_on_submit():
        return render_template("staff/login_totp.html", form=form)
    if not accounts.user_totp_matches(user, form.code.data):
        accounts.record_failed_login(user.username, actor(), "totp")
        form.code.errors = ["验证码不正确或已过期。"]
        return render_template("staff/login_totp.html", form=form), FAILED
    session.pop(PENDING)
    return _complete_login(user)


def _complete_login(user):
    session.clear()  # a fresh session: nothing from before sign-in carries over
    login_user(user)
    start_session()
    accounts.record_login(user, actor(), datetime.now(UTC))
    if accounts.totp_required() and not user.totp_enabled:
        session[MUST_ENROLL] = True
        return redirect(url_for(".totp_setup"), 303)
    return redirect(_safe_next() or url_for(".dashboard"), 303)


def _safe_next() -> str | None:
    target = request.args.get("next") or ""
    # Only paths on this site: never "//evil.example" or "https://…".
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.post("/logout")
@sign_in_page
def logout():
    if ConfirmForm().validate_on_submit() and current_user.is_authenticated:
        accounts.record_logout(current_user, actor())
    logout_user()
    session.clear()
    flash("您已安全退出。")
    return redirect(url_for(".login"), 303)
