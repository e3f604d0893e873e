"""The reporting channel: `bp`, the public form, receipt, status lookup, privacy notice,
statistics and outcomes (views, stats_views); `admin_bp`, the moderators' queue, report
page, workflow and hotline intake at /admin/reports under the staff gate (admin_views)."""

from flask import Blueprint

bp = Blueprint("reports", __name__)
admin_bp = Blueprint("reports", __name__, url_prefix="/reports")

from . import admin_views, stats_views, unsubscribe_views, views  # noqa: E402, F401 - their routes
