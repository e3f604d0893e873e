"""A staff member's own account: password, second factor, sessions."""

import io

import segno
from flask import Response, flash, redirect, render_template, session, url_for
from flask_login import current_user, logout_user

from ..admin import MUST_ENROLL
from ..admin.access import actor, any_staff, enrolment_page
from ..services.accounts import users as accounts
from ..web.forms import ConfirmForm
from . import bp
from .forms import PasswordChangeForm, TotpForm

TOTP_PENDING = "totp_pending_secret"


@bp.get("/account")
@any_staff
def account():
    return render_template(
        "staff/account.html", password_form=PasswordChangeForm(), confirm=ConfirmForm()
    )


@bp.post("/account/password")
@any_staff
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if accounts.check_password(current_user.username, form.current_password.data) is None:
            form.current_password.errors = ["当前密码不正确。"]
        else:
            try:
                accounts.change_password(current_user, form.new_password.data, actor())
            except accounts.AccountError as error:
                form.new_password.errors = [str(error)]
            else:
                logout_user()
                session.clear()
                flash("密码已修改，所有会话均已结束，请用新密码重新登录。")
                return redirect(url_for(".login"), 303)
    return render_template("staff/account.html", password_form=form, confirm=ConfirmForm()), 400


@bp.route("/account/totp", methods=["GET", "POST"])
@enrolment_page
def totp_setup():
    form = TotpForm()
    secret = session.get(TOTP_PENDING)
    if form.validate_on_submit() and secret:
        try:
            accounts.enable_totp(current_user, secret, form.code.data, actor())
        except accounts.AccountError as error:
            form.code.errors = [str(error)]
        else:
            session.pop(TOTP_PENDING)
            session.pop(MUST_ENROLL, None)
            flash("两步验证已启用。")
            return redirect(url_for(".account"), 303)
    if not secret:
        secret = session[TOTP_PENDING] = accounts.new_totp_secret()
    status = 400 if form.errors else 200
    return render_template("staff/totp_setup.html", form=form, secret=secret), status


@bp.get("/account/totp.svg")
@enrolment_page
def totp_qr():
    secret = session.get(TOTP_PENDING)
    if not secret:
        return Response(status=404)
    buffer = io.BytesIO()
    segno.make(accounts.totp_uri(current_user, secret)).save(buffer, kind="svg", scale=5)
    return Response(
        buffer.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"}
    )


@bp.post("/account/totp/disable")
@any_staff
def totp_disable():
    if ConfirmForm().validate_on_submit():
        if accounts.totp_required():
            flash("管理员已要求所有工作人员启用两步验证，不能停用。")
        else:
            accounts.disable_totp(current_user, actor())
            logout_user()
            session.clear()
            flash("两步验证已停用，请重新登录。")
            return redirect(url_for(".login"), 303)
    return redirect(url_for(".account"), 303)


@bp.post("/account/sessions")
@any_staff
def end_my_sessions():
    if ConfirmForm().validate_on_submit():
        accounts.end_all_sessions(current_user, actor())
        logout_user()
        session.clear()
        flash("已结束此账号的全部会话。")
        return redirect(url_for(".login"), 303)
    return redirect(url_for(".account"), 303)
