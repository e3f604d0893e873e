"""Thin views for the reporting channel."""

import time
from datetime import UTC, datetime

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError

from ..extensions import limiter
from ..models import District
from ..services.common.short_lived import new_handle
from ..services.reports import form_tokens
from ..services.reports import status as report_status
from ..services.reports.follow_up import reply_from_reporter
from ..services.reports.intake import LooksAutomated, count_dropped, list_categories, submit_report
from ..services.reports.reporter_session import (
    grant_status_access,
    hold_receipt,
    take_receipt,
    verified_number,
)
from ..services.reports.rules import InvalidReport
from . import bp
from .forms import ReplyForm, ReportForm, StatusForm

# The session cookie is signed, not encrypted: it carries only random handles (see
# portal.services.reports.reporter_session); the secrets they stand for stay on the server.
SENDER = "report_sender"  # this browser session as the sender of report forms (replays)
RECEIPT = "receipt"  # the receipt waiting to be shown after a submission
REPORTER_ACCESS = "reporter_access"  # the report this session unlocked with number + code

NOT_RECEIVED = "您的举报尚未提交。请核对下面的内容，重新选择证据文件后，再次点击“提交举报”。"
FORM_EXPIRED = "表单已过期，请检查内容并重新选择证据文件后再次提交。"
SESSION_EXPIRED = "页面已过期，您填写的内容已保留。请重新选择证据文件后再次提交。"


@bp.after_request
def never_cache(response):
    # Forms carry CSRF tokens, receipts carry codes: nothing here may be stored by a cache.
    # The public aggregates (statistics, outcomes) carry neither and revalidate by ETag.
    if request.endpoint not in PUBLIC_AGGREGATES:
        response.headers["Cache-Control"] = "no-store"
    return response


PUBLIC_AGGREGATES = {
    "reports.stats", "reports.stats_as_csv", "reports.stats_as_json", "reports.outcomes",
}  # fmt: skip


def _render_form(form: ReportForm, status: int = 200, notice: str | None = None):
    _sender()  # before the form is sent, so that a double click carries it too
    return render_template(
        "reports/form.html",
        form=form,
        category_options=[(c.code, c.name, c.explanation) for c in list_categories()],
        district_options=[("", "请选择")] + District.choices(),
        notice=notice,
    ), status


@bp.get("/report")
def report_form():
    form = ReportForm()
    form.form_token.data = form_tokens.issue()
    return _render_form(form)


@bp.post("/report")
@limiter.limit(lambda: current_app.config["REPORT_SUBMIT_LIMIT"])
def submit():
    form = ReportForm()
    stamp = form_tokens.read(form.form_token.data, time.time())
    if stamp is None:
        return _reshow(form, FORM_EXPIRED)
    if form.website.data:
        return _not_received(form, "honeypot")
    now = datetime.now(UTC)
    try:
        result = submit_report(
            form.as_input(),
            token=stamp.token,
            form_age_seconds=stamp.fill_seconds,
            sender=_sender(),
            now=now,
        )
    except InvalidReport as invalid:
        form.add_errors(invalid.errors)
        return _render_form(form, 400)
    except LooksAutomated:
        return _not_received(form, "too_fast")
    if result.receipt_code is None:  # someone else's form, or other content: no number, no code
        return render_template("reports/receipt.html", receipt=None, already_submitted=True)
    session[RECEIPT] = hold_receipt(result, now)
    return redirect(url_for(".receipt"), 303)


def _sender() -> str:
    key = session.get(SENDER)
    if not isinstance(key, str) or len(key) < 32:
        key = session[SENDER] = new_handle()
    return key


def _reshow(form: ReportForm, notice: str):
    """The form again, as typed, for a submit that could not be taken as it came: re-shown
    forms skip the fill-time check (the reporter only presses submit again)."""
    form.form_token.data = form_tokens.issue(reshown=True)
    return _render_form(form, 400, notice)


def _not_received(form: ReportForm, reason: str):
    """Counted as dropped, and said so: never a success page for what was not stored. A
    person (whose browser filled the hidden field, or who was very quick) submits again."""
    count_dropped(reason, datetime.now(UTC))
    form.form_token.data = form_tokens.issue()
    return _render_form(form, 400, NOT_RECEIVED)


@bp.get("/report/receipt")
def receipt():
    shown = take_receipt(session.pop(RECEIPT, None), datetime.now(UTC))
    return render_template("reports/receipt.html", receipt=shown)


@bp.errorhandler(CSRFError)
def form_expired(error: CSRFError):
    """A lost or stale CSRF token (an expired session, say) must not lose what was typed."""
    if request.endpoint != "reports.submit":
        return render_template(
            "errors/error.html",
            code=400,
            title="页面已过期",
            message="页面已过期，请返回后刷新页面再试。",
        ), 400
    # A fresh CSRF token goes with the form (the field renders a new one, whatever came in).
    return _reshow(ReportForm(), SESSION_EXPIRED)


@bp.get("/report/status")
def status_form():
    # ?number= (from site search) fills in a well-formed number; the code is never prefilled.
    number = request.args.get("number", "").strip().upper()
    if not report_status.REPORT_NUMBER.fullmatch(number):
        number = ""
    form = StatusForm(data={"number": number})
    return render_template("reports/status.html", form=form, report=None)


@bp.post("/report/status")
@limiter.limit(lambda: current_app.config["STATUS_LOOKUP_LIMIT"])
def status_lookup():
    form = StatusForm()
    report = report_status.find_for_reporter(form.number.data or "", form.code.data or "")
    if report is None:
        form.code.data = ""
        return render_template("reports/status.html", form=form, report=None, not_found=True), 404
    # Remember, for this browser session only, that the reporter proved number + code: the
    # reply form then needs neither again.
    session[REPORTER_ACCESS] = grant_status_access(report.number, datetime.now(UTC))
    return _status_page(report, ReplyForm(formdata=None))


def _status_page(report, reply_form, status: int = 200):
    return render_template("reports/status.html", report=report, reply_form=reply_form), status


def _verified_number() -> str | None:
    return verified_number(session.get(REPORTER_ACCESS), datetime.now(UTC))


@bp.post("/report/status/reply")
@limiter.limit(lambda: current_app.config["REPORT_SUBMIT_LIMIT"])
def status_reply():
    number = _verified_number()
    if number is None:
        flash("为保护隐私，请重新输入举报编号和回执码后再答复。")
        return redirect(url_for(".status_form"), 303)
    form = ReplyForm()
    given = form.values()
    try:
        reply_from_reporter(number, given["reply"] or "", given["evidence"], datetime.now(UTC))
    except InvalidReport as invalid:
        form.add_errors(invalid.errors)
        return _status_page(report_status.for_verified_reporter(number), form, 400)
    flash("您的答复已提交，办理人员会尽快查看。")
    return _status_page(report_status.for_verified_reporter(number), ReplyForm(formdata=None))


@bp.get("/privacy")
def privacy():
    return render_template("reports/privacy.html")
