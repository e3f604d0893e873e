"""Department pages: what each department the plan names leads, co-leads and has promised."""

from flask import Blueprint

bp = Blueprint("departments", __name__)

from . import views  # noqa: E402, F401 - registers the routes on bp
