"""Every editor route for bulletins: no CSRF → 400 and nothing written, no page kept by a
cache, unknown ids 404 (who may open them: tests/staff/test_gate.py)."""

import re

from sqlalchemy import func, select

from portal.models import Bulletin
from tests.support.bulletins import make_bulletin

SAMPLE_ARGS = {"bulletin_id": "1", "attachment_id": "1", "value_id": "1"}


def editor_routes(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every bulletin editor rule, with sample arguments."""
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("admin.bulletins."):
            continue
        assert rule.rule.startswith("/admin/bulletins"), rule.rule
        url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE_ARGS[m[1]], rule.rule)
        routes += [(rule.endpoint, m, url) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return routes


def test_there_are_editor_routes_to_check(app):
    endpoints = {endpoint for endpoint, _, _ in editor_routes(app)}
    assert {
        "admin.bulletins.index", "admin.bulletins.new", "admin.bulletins.edit",
        "admin.bulletins.show", "admin.bulletins.publish", "admin.bulletins.unpublish",
        "admin.bulletins.validity", "admin.bulletins.add_attachment",
        "admin.bulletins.remove_attachment", "admin.bulletins.attachment",
        "admin.bulletins.add_value", "admin.bulletins.remove_value",
    } <= endpoints  # fmt: skip


def test_every_editor_post_needs_a_csrf_token(app, client, db, content, sign_in):
    make_bulletin()
    sign_in("editor")
    for endpoint, method, url in editor_routes(app):
        if method == "POST":
            response = client.post(url, data={"title": "x", "action": "save"})
            assert response.status_code == 400, (endpoint, response.status_code)
    assert db.session.scalar(select(func.count()).select_from(Bulletin)) == 1


def test_editor_pages_are_never_cached_but_public_pages_may_be(app, client, db, content, sign_in):
    bulletin = make_bulletin(published=True)
    sign_in("editor")
    for url in ["/admin/bulletins", "/admin/bulletins/new", f"/admin/bulletins/{bulletin.id}",
                f"/admin/bulletins/{bulletin.id}/edit"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store", url
    assert "no-store" not in client.get("/bulletins").headers.get("Cache-Control", "")


def test_an_unknown_bulletin_is_404_for_editors_too(client, db, content, sign_in):
    sign_in("editor")
    assert client.get("/admin/bulletins/999").status_code == 404
    assert client.get("/admin/bulletins/999/edit").status_code == 404
