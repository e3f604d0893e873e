"""Machine-readable outputs at the site root: Atom feeds, /sitemap.xml and /robots.txt."""

from flask import Blueprint

from ..api.caching import cacheable

bp = Blueprint("feeds", __name__)
bp.after_request(cacheable)

from . import views  # noqa: E402, F401 - registers the routes on bp
