"""The moderation queue as a CSV or XLSX download, for the filter on screen (moderators)."""

from datetime import UTC, datetime

from flask import Response, abort, flash, redirect, request, url_for

from ..admin.access import actor, moderator_only
from ..services.reports.queue_export import TooManyToExport, export_queue
from ..settings import settings
from . import admin_bp
from .admin_views import queue
from .queue_filters import filters_from_args

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@admin_bp.get("/export.<fmt>")
@moderator_only
def queue_export(fmt: str):
    if fmt not in MEDIA_TYPES:
        abort(404)
    filters, errors = filters_from_args(request.args)
    if errors:
        return queue()  # the queue page, its errors listed, with 400
    now = datetime.now(UTC)
    try:
        data = export_queue(filters, fmt, actor=actor(), now=now, limits=settings().time_limits)
    except TooManyToExport as too_many:
        flash(str(too_many))
        args = {k: v for k, v in request.args.items() if k != "after"}
        return redirect(url_for(".queue", **args), 303)
    name = f"reports-{now.strftime('%Y%m%d')}.{fmt}"
    response = Response(data, mimetype=MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
