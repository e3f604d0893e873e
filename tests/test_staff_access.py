"""Every staff route: anonymous → sign-in, wrong role → 403, POST without CSRF → 400."""

import re

import pytest

from tests.staff_helpers import create_staff, log_in

PUBLIC_STAFF_ENDPOINTS = {"staff.login", "staff.login_totp"}
ANY_STAFF = {
    "staff.dashboard", "staff.account", "staff.change_password", "staff.totp_setup",
    "staff.totp_qr", "staff.totp_disable", "staff.end_my_sessions", "staff.logout",
}  # fmt: skip
SAMPLE_ARGS = {
    "number": "HG20260101-000001", "action": "accept", "evidence_id": "1", "user_id": "1",
    "state": "on",
}  # fmt: skip


def staff_routes(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every staff rule, with sample values for its arguments."""
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("staff.") or rule.endpoint in PUBLIC_STAFF_ENDPOINTS:
            continue
        url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE_ARGS[m[1]], rule.rule)
        routes += [(rule.endpoint, m, url) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return routes


def test_there_are_staff_routes_to_check(app):
    assert len(staff_routes(app)) > 20


def test_anonymous_visitors_are_sent_to_sign_in(app, client, content):
    app.config["WTF_CSRF_ENABLED"] = False  # check access, not CSRF, here
    for endpoint, method, url in staff_routes(app):
        if endpoint == "staff.logout":
            continue  # signing out needs no account
        response = client.open(url, method=method)
        assert response.status_code == 302, (endpoint, method, response.status_code)
        assert "/admin/login" in response.headers["Location"], endpoint


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_staff_without_the_role_get_403(app, client, db, content, role):
    create_staff("someone", role)
    log_in(client, "someone")
    app.config["WTF_CSRF_ENABLED"] = False
    admin_endpoints = {"staff.users", "staff.create_user", "staff.change_roles",
                       "staff.set_active", "staff.end_sessions", "staff.settings",
                       "staff.audit", "staff.audit_export"}  # fmt: skip
    for endpoint, method, url in staff_routes(app):
        if endpoint in ANY_STAFF:
            continue
        is_admin_only = endpoint in admin_endpoints
        if role == "moderator" and not is_admin_only:
            continue  # moderators may use these; covered by the workflow tests
        response = client.open(url, method=method)
        assert response.status_code == 403, (role, endpoint, method, response.status_code)


def test_every_staff_post_needs_a_csrf_token(app, client, db, content):
    create_staff("boss", "admin", "moderator", "editor")
    log_in(client, "boss")
    for endpoint, method, url in staff_routes(app):
        if method != "POST":
            continue
        response = client.post(url, data={})
        assert response.status_code == 400, (endpoint, response.status_code)


def test_the_login_form_needs_a_csrf_token_too(client, db, content):
    create_staff("mod", "moderator")
    response = client.post("/admin/login", data={"username": "mod", "password": "x" * 20})
    assert response.status_code == 400
