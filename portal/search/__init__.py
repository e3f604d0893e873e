"""Site search (/search): one index of the public records, searched by substring."""

from flask import Blueprint

bp = Blueprint("search", __name__)

from . import views  # noqa: E402, F401 - its routes
