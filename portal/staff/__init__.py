"""Staff's own pages under /admin: signing in and out, the dashboard, one's own account, the
users and site settings (admins), the audit log (admins). Registered under the gate
(portal.admin), which checks sign-in, second factor and roles for every view."""

from flask import Blueprint

bp = Blueprint("staff", __name__)

from . import (  # noqa: E402, F401 - their routes
    account_views,
    audit_views,
    auth_views,
    dashboard_views,
    user_views,
)
