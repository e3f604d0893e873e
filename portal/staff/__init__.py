"""The staff side: sign-in, the moderation queue and workflow, users, audit."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/admin")


@bp.after_request
def never_cache(response):
    # Staff pages carry personal data and CSRF tokens: no cache may keep them.
    response.headers["Cache-Control"] = "no-store"
    return response


from . import (  # noqa: E402, F401 - registers the routes on bp
    account_views,
    audit_views,
    auth_views,
    report_views,
    user_views,
)
