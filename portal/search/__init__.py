"""Site search (/search): one index of the public records, searched by substring."""

from flask import Blueprint

bp = Blueprint("search", __name__)


def _init(state) -> None:
    from ..services.search import index as search_index

    search_index.init_app(state.app)


bp.record_once(_init)

# models: the index table must be in the metadata before migrations are compared or run.
from ..models import search as models  # noqa: E402, F401
from . import cli, views  # noqa: E402, F401
