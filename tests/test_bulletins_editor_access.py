"""Every editor route for bulletins: anonymous → sign-in, other staff → 403, no CSRF → 400,
nothing written by a refused request, and no page kept by a cache."""

import re

import pytest
from sqlalchemy import func, select

from portal.models import AuditEntry, Bulletin
from tests.bulletin_helpers import make_bulletin, sign_in_editor
from tests.staff_helpers import create_staff, log_in

SAMPLE_ARGS = {"bulletin_id": "1", "attachment_id": "1", "value_id": "1"}


def editor_routes(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every bulletin editor rule, with sample arguments."""
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("bulletins.admin_"):
            continue
        assert rule.rule.startswith("/admin/bulletins"), rule.rule
        url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE_ARGS[m[1]], rule.rule)
        routes += [(rule.endpoint, m, url) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return routes


def test_there_are_editor_routes_to_check(app):
    endpoints = {endpoint for endpoint, _, _ in editor_routes(app)}
    assert {
        "bulletins.admin_list", "bulletins.admin_new", "bulletins.admin_edit",
        "bulletins.admin_show", "bulletins.admin_publish", "bulletins.admin_unpublish",
        "bulletins.admin_validity", "bulletins.admin_add_attachment",
        "bulletins.admin_remove_attachment", "bulletins.admin_attachment",
        "bulletins.admin_add_value", "bulletins.admin_remove_value",
    } <= endpoints  # fmt: skip


def test_anonymous_visitors_are_sent_to_sign_in(app, client, db, content):
    make_bulletin()
    app.config["WTF_CSRF_ENABLED"] = False  # check access, not CSRF, here
    for endpoint, method, url in editor_routes(app):
        response = client.open(url, method=method)
        assert response.status_code == 302, (endpoint, method, response.status_code)
        assert "/admin/login" in response.headers["Location"], endpoint


@pytest.mark.parametrize("role", ["moderator", "admin"])
def test_staff_without_the_editor_role_get_403_and_write_nothing(app, client, db, content, role):
    make_bulletin()
    create_staff("other", role)
    log_in(client, "other")
    app.config["WTF_CSRF_ENABLED"] = False
    entries = db.session.scalar(select(func.count()).select_from(AuditEntry))
    for endpoint, method, url in editor_routes(app):
        response = client.open(url, method=method, data={"unpublish-reason": "x"})
        assert response.status_code == 403, (role, endpoint, method, response.status_code)
    assert db.session.scalar(select(func.count()).select_from(Bulletin)) == 1
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == entries


def test_every_editor_post_needs_a_csrf_token(app, client, db, content):
    make_bulletin()
    sign_in_editor(client)
    for endpoint, method, url in editor_routes(app):
        if method == "POST":
            response = client.post(url, data={"title": "x", "action": "save"})
            assert response.status_code == 400, (endpoint, response.status_code)
    assert db.session.scalar(select(func.count()).select_from(Bulletin)) == 1


def test_editor_pages_are_never_cached_but_public_pages_may_be(app, client, db, content):
    bulletin = make_bulletin(published=True)
    sign_in_editor(client)
    for url in ["/admin/bulletins", "/admin/bulletins/new", f"/admin/bulletins/{bulletin.id}",
                f"/admin/bulletins/{bulletin.id}/edit"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url
    assert "no-store" not in client.get("/bulletins").headers.get("Cache-Control", "")


def test_an_unknown_bulletin_is_404_for_editors_too(client, db, content):
    sign_in_editor(client)
    assert client.get("/admin/bulletins/999").status_code == 404
    assert client.get("/admin/bulletins/999/edit").status_code == 404
