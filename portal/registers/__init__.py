"""The public registers: the exposure list, the phase-out list, enterprises; and their editing."""

from flask import Blueprint, request

bp = Blueprint("registers", __name__)


@bp.after_request
def never_cache_staff_pages(response):
    # Editors' pages carry CSRF tokens and forms being filled in: no cache may keep them.
    if request.path.startswith("/admin"):
        response.headers["Cache-Control"] = "no-store"
    return response


from . import editor_views, import_views, phase_out_views, public_views  # noqa: E402, F401
