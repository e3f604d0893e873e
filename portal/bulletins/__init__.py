"""Bulletins (进展通报/公告): the public list and documents, and the editors' desk."""

from flask import Blueprint, request

bp = Blueprint("bulletins", __name__)


@bp.after_request
def never_cache_admin(response):
    # Editors' pages carry CSRF tokens and unpublished text: no cache may keep them.
    if request.path.startswith("/admin"):
        response.headers["Cache-Control"] = "no-store"
    return response


from . import (  # noqa: E402, F401 - registers the routes on bp
    editor_extra_views,
    editor_views,
    monthly_views,
    public_views,
)
