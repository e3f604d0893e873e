"""A staff member's own account: password, second factor, sessions."""

import io
from datetime import UTC, datetime

import segno
from flask import Response, current_app, flash, redirect, render_template, session, url_for
from flask_login import current_user

from ..admin import MUST_ENROLL, end_session, session_token
from ..admin.access import actor, any_staff, enrolment_page
from ..services.accounts import second_factor, sessions
from ..services.accounts import users as accounts
from ..services.accounts.errors import AccountError, TooSoon, WrongPassword
from ..web.forms import ConfirmForm
from . import bp
from .forms import PasswordChangeForm, PasswordConfirmForm, TotpSetupForm

TOO_SOON = 429


def _now() -> datetime:
    return datetime.now(UTC)


def _account_page(password_form=None, totp_form=None, status: int = 200):
    return render_template(
        "staff/account.html",
        password_form=password_form or PasswordChangeForm(formdata=None),
        totp_form=totp_form or PasswordConfirmForm(formdata=None),
        sessions=[
            (row, sessions.is_current(row, session_token()))
            for row in sessions.active(_now(), current_user.id)
        ],
        confirm=ConfirmForm(),
    ), status


def _with_retry_after(rendered, error: Exception):
    response = current_app.make_response(rendered)
    if isinstance(error, TooSoon):
        response.status_code = TOO_SOON
        response.headers["Retry-After"] = str(error.seconds)
    return response


@bp.get("/account")
@any_staff
def account():
    return _account_page()


@bp.post("/account/password")
@any_staff
def change_password():
    form = PasswordChangeForm()
    if not form.validate_on_submit():
        return _account_page(password_form=form, status=400)
    try:
        accounts.change_own_password(
            current_user, form.current_password.data, form.new_password.data, actor(), _now()
        )
    except (WrongPassword, TooSoon) as error:
        form.current_password.errors = [str(error)]
        return _with_retry_after(_account_page(password_form=form, status=400), error)
    except AccountError as error:
        form.new_password.errors = [str(error)]
        return _account_page(password_form=form, status=400)
    end_session()
    flash("密码已修改，所有会话均已结束，请用新密码重新登录。")
    return redirect(url_for(".login"), 303)


@bp.route("/account/totp", methods=["GET", "POST"])
@enrolment_page
def totp_setup():
    form = TotpSetupForm()
    if form.validate_on_submit():
        try:
            second_factor.enable(
                current_user, session_token(), form.password.data, form.code.data, actor(),
                _now(),
            )  # fmt: skip
        except (WrongPassword, TooSoon) as error:
            form.password.errors = [str(error)]
            return _with_retry_after(_totp_page(form), error)
        except AccountError as error:
            form.code.errors = [str(error)]
        else:
            session.pop(MUST_ENROLL, None)
            flash("两步验证已启用，此账号在其他设备上的会话均已结束。")
            return redirect(url_for(".account"), 303)
    return _totp_page(form)


def _totp_page(form: TotpSetupForm):
    secret = second_factor.enrolment_secret(session_token())
    status = 400 if form.errors else 200
    return render_template("staff/totp_setup.html", form=form, secret=secret), status


@bp.get("/account/totp.svg")
@enrolment_page
def totp_qr():
    secret = second_factor.enrolment_secret(session_token(), create=False)
    if not secret:
        return Response(status=404)
    buffer = io.BytesIO()
    segno.make(second_factor.uri(current_user, secret)).save(buffer, kind="svg", scale=5)
    return Response(
        buffer.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"}
    )


@bp.post("/account/totp/disable")
@any_staff
def totp_disable():
    form = PasswordConfirmForm()
    if second_factor.required():
        flash("管理员已要求所有工作人员启用两步验证，不能停用。")
        return redirect(url_for(".account"), 303)
    if not form.validate_on_submit():
        return _account_page(totp_form=form, status=400)
    try:
        second_factor.disable(current_user, form.password.data, actor(), _now())
    except (WrongPassword, TooSoon) as error:
        form.password.errors = [str(error)]
        return _with_retry_after(_account_page(totp_form=form, status=400), error)
    end_session()
    flash("两步验证已停用，所有会话均已结束，请重新登录。")
    return redirect(url_for(".login"), 303)


@bp.post("/account/sessions")
@any_staff
def end_my_sessions():
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".account"), 303)
    accounts.end_all_sessions(current_user, actor(), _now())
    end_session()
    flash("已结束此账号的全部会话。")
    return redirect(url_for(".login"), 303)
