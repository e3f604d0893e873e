"""Editors' progress notes on commitments and projects."""

from flask import Blueprint

bp = Blueprint("editorial", __name__, url_prefix="/admin/progress")

from . import views  # noqa: E402, F401 - registers the routes on bp
