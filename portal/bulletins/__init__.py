"""Bulletins (进展通报/公告): `bp`, the public list and documents (public_views); `admin_bp`,
the editors' desk at /admin/bulletins under the staff gate (admin_views: text and
publication; admin_desk_views: attachments and indicator values; admin_monthly_views: the
monthly report bulletin)."""

from flask import Blueprint

bp = Blueprint("bulletins", __name__)
admin_bp = Blueprint("bulletins", __name__, url_prefix="/bulletins")

from . import (  # noqa: E402, F401 - their routes
    admin_desk_views,
    admin_monthly_views,
    admin_views,
    public_views,
)
