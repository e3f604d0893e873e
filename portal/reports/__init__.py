"""The reporting channel: the public form, the receipt, the status lookup, the privacy notice."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from . import views  # noqa: E402, F401 - registers the routes on bp
