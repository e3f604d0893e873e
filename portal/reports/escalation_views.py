"""督办 and 催办 on a report's page (moderators): the rules are in services.reports.escalation."""

from datetime import UTC, date, datetime

from flask import flash, redirect, url_for

from ..admin.access import actor, moderator_only
from ..services.reports import escalation
from ..services.reports.workflow import WorkflowError
from . import admin_bp
from .admin_forms import SuperviseForm, UrgeForm
from .admin_views import _report_page


@admin_bp.post("/<number>/supervise")
@moderator_only
def supervise(number: str):
    form = SuperviseForm()
    try:
        deadline = _day(form.deadline.data or "")
        escalation.supervise(
            number, form.reason.data or "", deadline, actor=actor(), now=datetime.now(UTC)
        )
    except WorkflowError as error:
        return _report_page(number, 400, supervise_form=form, supervise_error=str(error))
    flash("已督办。")
    return redirect(url_for(".report", number=number), 303)


@admin_bp.post("/<number>/urge")
@moderator_only
def urge(number: str):
    form = UrgeForm()
    try:
        escalation.urge(number, form.text.data or "", actor=actor(), now=datetime.now(UTC))
    except WorkflowError as error:
        return _report_page(number, 400, urge_form=form, urge_error=str(error))
    flash("已催办。")
    return redirect(url_for(".report", number=number), 303)


def _day(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise WorkflowError("督办期限格式应为 年-月-日。") from None
