"""Editors' progress notes on commitments and projects, at /admin/progress under the staff
gate."""

from flask import Blueprint

bp = Blueprint("editorial", __name__, url_prefix="/progress")

from . import views  # noqa: E402, F401 - its routes
