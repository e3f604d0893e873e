"""The first page after signing in: what waits for each role."""

from datetime import UTC, datetime

from flask import render_template

from ..admin.access import any_staff
from ..services.reports.queue import dashboard as dashboard_counts
from ..settings import settings
from . import bp


@bp.get("/")
@any_staff
def dashboard():
    return render_template(
        "staff/dashboard.html", counts=dashboard_counts(datetime.now(UTC), settings().time_limits)
    )
