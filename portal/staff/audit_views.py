"""The audit log for admins: filter, page through, export."""

from datetime import date

from flask import Response, render_template, request

from ..admin.access import admin_only
from ..services.accounts.audit_log import AuditFilters, audit_csv, audit_page
from ..services.common.audit import ACTION_LABELS
from . import bp


def _filters() -> AuditFilters:
    def day(name: str) -> date | None:
        try:
            return date.fromisoformat(request.args.get(name, ""))
        except ValueError:
            return None

    return AuditFilters(
        action=request.args.get("action", ""),
        actor=request.args.get("actor", "").strip(),
        target=request.args.get("target", "").strip(),
        day_from=day("from"),
        day_to=day("to"),
    )


@bp.get("/audit")
@admin_only
def audit():
    page = audit_page(_filters(), request.args.get("before"))
    return render_template("staff/audit.html", page=page, labels=ACTION_LABELS)


@bp.get("/audit.csv")
@admin_only
def audit_export():
    return Response(
        audit_csv(_filters()),
        mimetype="text/csv",
        headers={
            "Content-Disposition": "attachment; filename=audit-log.csv",
            "Cache-Control": "no-store",
        },
    )
