"""The public registers: the exposure list, the phase-out list, enterprises; and their editing."""

from flask import Blueprint

bp = Blueprint("registers", __name__)

from . import views  # noqa: E402, F401 - registers the routes on bp
