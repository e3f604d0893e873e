"""The reporter's rating of a resolved report and their appeal (复核申请), posted from the
status page by a browser session that proved number + receipt code (views.status_lookup)."""

from datetime import UTC, datetime

from flask import current_app, flash, redirect, url_for

from ..extensions import limiter
from ..services.reports import satisfaction
from ..services.reports import status as report_status
from ..services.reports.rules import InvalidReport
from . import bp
from .forms import AppealForm, RatingForm
from .views import status_page, verified_reporter

PROVE_AGAIN = "为保护隐私，请重新输入举报编号和回执码后再评价或申请复核。"


@bp.post("/report/status/rating")
@limiter.limit(lambda: current_app.config["REPORT_SUBMIT_LIMIT"])
def status_rating():
    number = verified_reporter()
    if number is None:
        flash(PROVE_AGAIN)
        return redirect(url_for(".status_form"), 303)
    form = RatingForm()
    given = form.values()
    try:
        satisfaction.rate(number, given["rating"], given["comment"], datetime.now(UTC))
    except satisfaction.AlreadyDone as refused:
        flash(str(refused))
        return status_page(report_status.for_verified_reporter(number), status=409)
    except InvalidReport as invalid:
        form.add_errors(invalid.errors)
        return status_page(
            report_status.for_verified_reporter(number), status=400, rating_form=form
        )
    flash("感谢您的评价。")
    return status_page(report_status.for_verified_reporter(number))


@bp.post("/report/status/appeal")
@limiter.limit(lambda: current_app.config["REPORT_SUBMIT_LIMIT"])
def status_appeal():
    number = verified_reporter()
    if number is None:
        flash(PROVE_AGAIN)
        return redirect(url_for(".status_form"), 303)
    form = AppealForm()
    try:
        satisfaction.appeal(number, form.values()["reason"], datetime.now(UTC))
    except satisfaction.AlreadyDone as refused:
        flash(str(refused))
        return status_page(report_status.for_verified_reporter(number), status=409)
    except InvalidReport as invalid:
        form.add_errors(invalid.errors)
        return status_page(
            report_status.for_verified_reporter(number), status=400, appeal_form=form
        )
    flash("复核申请已提交，办理人员会重新审查，并在办理记录中告诉您复核结果。")
    return status_page(report_status.for_verified_reporter(number))
