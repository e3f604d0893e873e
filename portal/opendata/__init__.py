"""Open data: the read-only API at /api/v1 (views.api_blueprint), its documentation page at
/api and the catalogue of tables at /data with their dictionaries, downloads and data package
(`docs_bp`; the tables are declared in datasets_*.py), and the machine-readable outputs at
the site root (`feeds_bp`: Atom feeds, /sitemap.xml, /robots.txt). Every answer here is
cacheable and carries no session."""

from flask import Blueprint

from ..web.caching import shared_cacheable

docs_bp = Blueprint("api_docs", __name__)
feeds_bp = Blueprint("feeds", __name__)
feeds_bp.after_request(shared_cacheable)

from . import data_links, data_views, docs, feed_views  # noqa: E402, F401 - their routes
from .views import api_blueprint  # noqa: E402, F401
