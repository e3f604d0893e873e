"""Public pages: the home page, the plan, targets, commitments and projects."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from . import views  # noqa: E402, F401 - registers the routes on bp
