"""Every staff route (/admin…, whichever blueprint): anonymous → sign-in, staff without the
route's role → 403, POST without a CSRF token → 400."""

import re

import pytest

from portal.models import StaffRole
from tests.staff_helpers import create_staff, log_in

SIGN_IN_ENDPOINTS = {"staff.login", "staff.login_totp"}
SAMPLE_ARGS = {
    "number": "HG20260101-000001", "action": "accept", "evidence_id": "1", "user_id": "1",
    "state": "on", "bulletin_id": "1", "attachment_id": "1", "value_id": "1",
    "enterprise_id": "1", "exposure_id": "1", "item_id": "1", "kinds": "projects",
    "code": "x",
}  # fmt: skip


def staff_routes(app) -> list[tuple[str, str, str, tuple]]:
    """(endpoint, method, url, required roles or ()) for every rule under /admin."""
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/admin") or rule.endpoint in SIGN_IN_ENDPOINTS:
            continue
        url = re.sub(r"<(?:[^:>]+:)?(\w+)>", lambda m: SAMPLE_ARGS[m[1]], rule.rule)
        roles = getattr(app.view_functions[rule.endpoint], "required_roles", ())
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((rule.endpoint, method, url, roles))
    return routes


def test_every_staff_route_is_checked(app):
    routes = staff_routes(app)
    blueprints = {endpoint.split(".")[0] for endpoint, *_ in routes}
    assert {"staff", "bulletins", "registers", "editorial"} <= blueprints
    unguarded = [e for e, _, _, roles in routes if not roles]
    # Only a member's own pages are open to every signed-in member of staff.
    assert all(e.startswith("staff.") for e in unguarded), unguarded


def test_anonymous_visitors_are_sent_to_sign_in(app, client, content):
    app.config["WTF_CSRF_ENABLED"] = False  # check access, not CSRF, here
    for endpoint, method, url, _ in staff_routes(app):
        if endpoint == "staff.logout":
            continue  # signing out needs no account
        response = client.open(url, method=method)
        assert response.status_code == 302, (endpoint, method, response.status_code)
        assert "/admin/login" in response.headers["Location"], endpoint


@pytest.mark.parametrize("role", [r.value for r in StaffRole])
def test_staff_without_the_role_get_403(app, client, db, content, role):
    create_staff("someone", role)
    log_in(client, "someone")
    app.config["WTF_CSRF_ENABLED"] = False
    for endpoint, method, url, roles in staff_routes(app):
        if not roles or StaffRole(role) in roles:
            continue
        response = client.open(url, method=method)
        assert response.status_code == 403, (role, endpoint, method, response.status_code)


def test_every_staff_post_needs_a_csrf_token(app, client, db, content):
    create_staff("boss", "admin", "moderator", "editor")
    log_in(client, "boss")
    for endpoint, method, url, _ in staff_routes(app):
        if method != "POST":
            continue
        response = client.post(url, data={})
        assert response.status_code == 400, (endpoint, response.status_code)


def test_the_login_form_needs_a_csrf_token_too(client, db, content):
    create_staff("mod", "moderator")
    response = client.post("/admin/login", data={"username": "mod", "password": "x" * 20})
    assert response.status_code == 400
