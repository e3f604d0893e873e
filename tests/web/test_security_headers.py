"""Every response carries the security headers; HSTS only when the site runs on HTTPS."""

import pytest
from flask import request

from portal.extensions import db
from portal.web.security import CONTENT_SECURITY_POLICY
from tests.support.app import make_app

PAGES = ["/", "/plan", "/targets", "/report", "/report/status", "/privacy", "/admin/login",
         "/no-such-page", "/healthz"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_security_headers(client, content, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "http" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    # only the report form may ask for the position (使用我的位置), and only for itself
    location = "geolocation=(self)" if path == "/report" else "geolocation=()"
    assert location in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers


def test_hsts_when_configured_for_https(app, content):
    app.config["SESSION_COOKIE_SECURE"] = True
    response = app.test_client().get("/")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_client_address_comes_from_the_proxy_only_when_trusted(tmp_path, database_url):
    seen = {}

    def remember(app):
        @app.get("/whoami")
        def whoami():
            seen["ip"] = request.remote_addr
            return "ok"

    direct = make_app(database_url, tmp_path / "a")
    remember(direct)
    direct.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.9"})
    assert seen["ip"] == "127.0.0.1"
    proxied = make_app(database_url, tmp_path / "b", TRUSTED_PROXIES=1)
    remember(proxied)
    proxied.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.9"})
    assert seen["ip"] == "203.0.113.9"
    for app in (direct, proxied):
        with app.app_context():
            db.engine.dispose()
