"""Editors' progress notes on commitments and projects."""

from flask import Blueprint, request

bp = Blueprint("editorial", __name__, url_prefix="/admin/progress")


@bp.after_request
def never_cache(response):
    # Editors' pages carry CSRF tokens: no cache may keep them.
    if request.path.startswith("/admin"):
        response.headers["Cache-Control"] = "no-store"
    return response


from . import views  # noqa: E402, F401 - registers the routes on bp
