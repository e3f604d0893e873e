"""A department's handler (承办单位): its queue of forwarded reports and one report, without
the reporter's contact details. The service narrows every query to the handler's department."""

from datetime import UTC, datetime

from flask import render_template
from flask_login import current_user

from ..admin.access import handler_only
from ..services.reports.deadlines import overdue_reason
from ..services.reports.handling import department_queue, department_report
from ..settings import settings
from . import admin_bp


@admin_bp.get("/department")
@handler_only
def department_queue_page():
    now, limits = datetime.now(UTC), settings().time_limits
    reports = department_queue(current_user.department_id)
    return render_template(
        "reports/handler_queue.html",
        department=current_user.department,
        reports=reports,
        resolve_by={r.id: limits.resolve_by(r) for r in reports},
        overdue={r.id: overdue_reason(r, now, limits) for r in reports},
    )


@admin_bp.get("/department/<number>")
@handler_only
def department_report_page(number: str):
    report = department_report(current_user.department_id, number)
    now, limits = datetime.now(UTC), settings().time_limits
    return render_template(
        "reports/handler_report.html",
        report=report,
        resolve_by=limits.resolve_by(report),
        overdue=overdue_reason(report, now, limits),
    )
