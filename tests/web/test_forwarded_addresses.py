"""The client's address behind the proxy: gunicorn reachable by nginx alone, a forwarded value
that is not an IP address replaced by the proxy's, IPv6 clients limited per /64, and the audit
log's CSV safe to open in a spreadsheet."""

import csv
import io
import stat
from pathlib import PurePosixPath

import pytest
from flask import request
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import AuditEntry
from portal.services.accounts.audit_log import AuditFilters, audit_csv
from portal.services.common import audit
from portal.services.common.audit import Actor
from tests.support.app import make_app
from tests.support.deploy import (
    gunicorn_settings,
    nginx_blocks,
    nginx_directives,
    systemd_unit,
)
from tests.support.report_form import hidden_fields
from tests.support.staff import create_staff, csrf_from, log_in

FORMULA = "=cmd|' /C calc'!A0"  # Excel's DDE: runs a program when the CSV is opened


@pytest.fixture
def proxied(database_url, app, tmp_path):
    """The app as deployed behind nginx (TRUSTED_PROXIES=1), with a small lookup limit."""
    behind_nginx = make_app(
        database_url, tmp_path / "proxied", TRUSTED_PROXIES=1, STATUS_LOOKUP_LIMIT="3 per hour"
    )
    yield behind_nginx
    with behind_nginx.app_context():
        _db.engine.dispose()


def lookups(app, forwarded_for: list[str]) -> list[int]:
    client = app.test_client()
    unknown = {"number": "HG20000101-000001", "code": "ABCD-EFGH-JKMN-PQRS-TVWX"}
    data = hidden_fields(client.get("/report/status")) | unknown
    return [
        client.post("/report/status", data=data, headers={"X-Forwarded-For": a}).status_code
        for a in forwarded_for
    ]


def test_made_up_forwarded_values_share_the_proxys_limit(proxied, content):
    """A fresh nonsense value per request used to be a fresh client per request."""
    assert lookups(proxied, [f"not-an-address-{n}" for n in range(4)]) == [404, 404, 404, 429]


def test_an_ipv6_client_is_limited_per_64(proxied, content):
    same_64 = ["2001:db8:5:6::1", "2001:db8:5:6::2", "2001:DB8:5:6:0:0:0:3", "2001:db8:5:6:ffff::9"]
    assert lookups(proxied, same_64) == [404, 404, 404, 429]


def test_different_clients_keep_their_own_limits(proxied, content):
    clients = ["203.0.113.1", "203.0.113.2", "2001:db8:5:6::1", "2001:db8:5:7::1"]
    assert lookups(proxied, clients) == [404, 404, 404, 404]


@pytest.mark.parametrize(
    ("forwarded", "seen"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("2001:DB8:0::1", "2001:db8::1"),
        (FORMULA, "127.0.0.1"),  # not an address: the proxy's own
        ("203.0.113.9:4431", "127.0.0.1"),
    ],
)
def test_the_app_sees_a_checked_canonical_address(proxied, forwarded, seen):
    @proxied.get("/whoami")
    def whoami():
        return request.remote_addr or ""

    response = proxied.test_client().get("/whoami", headers={"X-Forwarded-For": forwarded})
    assert response.get_data(as_text=True) == seen


def test_a_forged_forwarded_value_never_reaches_the_audit_log(proxied, db, content):
    client = proxied.test_client()
    page = client.get("/admin/login")
    client.post(
        "/admin/login",
        data={"csrf_token": csrf_from(page), "username": "nobody", "password": "wrong"},
        headers={"X-Forwarded-For": FORMULA},
    )
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "login_failed")).one()
    assert entry.ip == "127.0.0.1"  # the proxy's own address, not what the client wrote


def test_the_audit_csv_neutralises_formulas(db, content):
    hostile = Actor(user_id=None, name="@SUM(1+1)*cmd|' /C calc'!A0", ip="+1+cmd")
    audit.record("login_failed", hostile, None, username="x")
    audit.record("login_failed", Actor(user_id=None, name="-2+3", ip="203.0.113.9"), None)
    db.session.commit()
    table = list(csv.reader(io.StringIO(audit_csv(AuditFilters()).lstrip("\ufeff"))))
    cells = [c for row in table[1:] for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells and "'+1+cmd" in cells and "'-2+3" in cells


def test_the_audit_csv_download_is_neutralised_too(app, client, db, content):
    create_staff("boss", "admin")
    audit.record("login_failed", Actor(user_id=None, name="=HYPERLINK(1)", ip=None), None)
    db.session.commit()
    log_in(client, "boss")
    text = client.get("/admin/audit.csv?action=login_failed").get_data(as_text=True)
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    assert "'=HYPERLINK(1)" in text


def test_gunicorn_listens_on_a_socket_only_nginx_opens(monkeypatch):
    monkeypatch.delenv("PORTAL_BIND", raising=False)
    settings = gunicorn_settings()
    bind = settings["bind"]
    assert bind.startswith("unix:"), f"gunicorn binds {bind}: reachable without nginx"
    socket = PurePosixPath(bind.removeprefix("unix:"))
    assert settings["umask"] & stat.S_IRWXO == stat.S_IRWXO  # others may not open the socket
    [upstream] = nginx_blocks("upstream")
    assert [a[0] for a in nginx_directives(upstream, "server")] == [bind]
    service = systemd_unit("hegang-portal.service")["Service"]
    # The socket's folder is the unit's runtime directory, closed to other users.
    assert [f"/run/{d}" for d in service["RuntimeDirectory"]] == [str(socket.parent)]
    assert int(service["RuntimeDirectoryMode"][0], 8) & stat.S_IRWXO == 0
