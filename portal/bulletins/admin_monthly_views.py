"""The editors' button that drafts the monthly report bulletin."""

from datetime import UTC, datetime

from flask import flash, redirect, request, url_for

from ..admin.access import actor, editor_only
from ..services.bulletins.editing import BulletinError
from ..services.reports.monthly_bulletin import draft_monthly_bulletin
from ..services.reports.periods import InvalidPeriod, Month
from . import admin_bp


@admin_bp.post("/monthly-report")
@editor_only
def monthly_report():
    try:
        month = Month.parse(request.form.get("month", ""))
        bulletin = draft_monthly_bulletin(month, actor(), datetime.now(UTC))
    except (InvalidPeriod, BulletinError) as error:
        flash(str(error))
        return redirect(url_for(".index"), 303)
    flash(f"已起草 {month.key} 举报办理情况通报，请审核后发布。")
    return redirect(url_for(".show", bulletin_id=bulletin.id), 303)
