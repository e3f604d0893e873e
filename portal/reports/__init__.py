"""The reporting channel: the public form, the receipt, the status lookup, the privacy notice,
and the public report statistics and outcomes."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from . import stats_views, views  # noqa: E402, F401 - registers the routes on bp
