"""The reporting channel: `bp`, the public form, status lookup and privacy notice (views),
the receipt and its PNG/PDF (receipt_views), statistics and outcomes (stats_views);
`admin_bp`, the moderators' queue, report page, workflow and hotline intake at
/admin/reports under the staff gate (admin_views); a department handler's own queue and
report page, without contacts (handler_views)."""

from flask import Blueprint

bp = Blueprint("reports", __name__)
admin_bp = Blueprint("reports", __name__, url_prefix="/reports")

from . import (  # noqa: E402, F401 - their routes
    admin_views,
    escalation_views,
    export_views,
    feedback_views,
    handler_views,
    receipt_views,
    reply_template_views,
    stats_views,
    unsubscribe_views,
    views,
)
