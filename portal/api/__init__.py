"""The read-only open-data API (/api/v1) and its documentation page (/api)."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# The human documentation lives at /api, outside the versioned prefix, so it has a blueprint
# of its own; it is registered together with the API so that the app factory names one.
docs_bp = Blueprint("api_docs", __name__)


@bp.record_once
def _register_docs(state) -> None:
    state.app.register_blueprint(docs_bp)


from . import data_links, docs, views  # noqa: E402, F401 - registers the routes
from .cors import init_cors  # noqa: E402
from .errors import init_errors  # noqa: E402

init_cors(bp)
init_errors(bp)
