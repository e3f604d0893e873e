"""The one gate: every rule of the URL map under /admin, GET and POST, walked with no session,
with a session that must still enrol a second factor, and as each single role.

The views are swapped for one that answers 200 "passed" (keeping what each declares), so
what this test sees is the gate's own decision, for every route, without side effects.
The views themselves are exercised by their feature tests and the route crawl.

How it fails. A route added under /admin outside the admin blueprint — say
`@public.bp.get("/admin/export")` — is not behind the gate: anonymously it answers 200, and
`test_anonymous_visitors_are_sent_to_sign_in` reports ("public.export", "GET", 200) while
`test_every_admin_rule_belongs_to_the_gate` names it. A view inside the gate that forgets to
declare who may use it is refused to everybody, and
`test_every_admin_view_declares_who_may_use_it` names it. `test_the_walk_finds_an_ungated_route`
shows the first case on a real app.
"""

from urllib.parse import urlsplit

import pytest
from flask import Response
from werkzeug.routing import AnyConverter, IntegerConverter

from portal.admin.access import access_of
from portal.models import StaffRole
from portal.services.accounts import users as accounts
from tests.support.staff import SETUP, create_staff, csrf_from

ROLES = [role.value for role in StaffRole]
SIGN_IN, ENROLMENT = "/admin/login", "/admin/account/totp"


def admin_rules(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every rule under /admin, with sample URL values."""
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/admin"):
            continue
        values = {name: _sample(converter) for name, converter in rule._converters.items()}
        url = rule.build(values, append_unknown=False)[1]
        routes += [(rule.endpoint, m, url) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return sorted(routes)


def _sample(converter) -> str:
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return "1" if isinstance(converter, IntegerConverter) else "x"


def behind_stubs(app) -> None:
    """Every view under /admin answers 200 "passed", declaring what the real view declares."""
    for endpoint, _, _ in admin_rules(app):
        real = app.view_functions[endpoint]
        if getattr(real, "stub", False):
            continue

        def passed(**_values):
            return Response("passed", mimetype="text/plain")

        passed.stub = True
        if access_of(real) is not None:
            passed.access = access_of(real)
        app.view_functions[endpoint] = passed


def expected(app, endpoint: str, who: str) -> tuple[int, str | None]:
    """The gate's answer: (status, path redirected to)."""
    access = access_of(app.view_functions[endpoint])
    if access is None:
        return 403, None
    if not access.signed_in:
        return 200, None
    if who == "anonymous":
        return 302, SIGN_IN
    if who == "enrolling":
        return (200, None) if access.while_enrolling else (302, ENROLMENT)
    return (200, None) if access.admits(_Holder(who)) else (403, None)


class _Holder:
    def __init__(self, role: str):
        self.role = StaffRole(role)

    def has_role(self, *roles) -> bool:
        return self.role in roles


def walk(app, client, who: str) -> list[tuple]:
    """Every admin route whose answer differs from the gate's rule for `who`."""
    app.config["WTF_CSRF_ENABLED"] = False  # the gate is under test here, not CSRF
    behind_stubs(app)
    wrong = []
    for endpoint, method, url in admin_rules(app):
        response = client.open(url, method=method)
        status, location = expected(app, endpoint, who)
        got = urlsplit(response.headers.get("Location", "")).path or None
        if (response.status_code, got) != (status, location):
            wrong.append((endpoint, method, response.status_code, got))
        if response.headers.get("Cache-Control") != "no-store":
            wrong.append((endpoint, method, "cacheable"))
    return wrong


def test_there_are_admin_routes_of_every_area(app):
    areas = {endpoint.split(".")[1] for endpoint, _, _ in admin_rules(app)}
    assert {"staff", "reports", "bulletins", "registers", "editorial"} <= areas
    assert len(admin_rules(app)) >= 60


def test_every_admin_rule_belongs_to_the_gate(app):
    outside = [e for e, _, _ in admin_rules(app) if not e.startswith("admin.")]
    assert not outside, f"routes under /admin outside the admin blueprint: {outside}"


def test_every_admin_view_declares_who_may_use_it(app):
    silent = [e for e, _, _ in admin_rules(app) if access_of(app.view_functions[e]) is None]
    assert not silent, f"admin views without an access declaration: {silent}"


def test_only_the_sign_in_pages_are_open_to_anybody(app):
    open_pages = {e for e, _, _ in admin_rules(app)
                  if not access_of(app.view_functions[e]).signed_in}  # fmt: skip
    assert open_pages == {"admin.staff.login", "admin.staff.login_totp", "admin.staff.logout"}


def test_anonymous_visitors_are_sent_to_sign_in(app, client, db):
    assert walk(app, client, "anonymous") == []


def test_an_account_that_must_enrol_reaches_nothing_but_enrolment(app, client, db, sign_in):
    accounts.require_totp(True, SETUP)
    sign_in(*ROLES)
    assert urlsplit(client.get("/admin/").headers["Location"]).path == ENROLMENT
    assert walk(app, client, "enrolling") == []


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_its_own_pages_and_gets_403_elsewhere(app, client, sign_in, role):
    sign_in(role)
    assert walk(app, client, role) == []


def test_the_walk_finds_an_ungated_route(app, client, db):
    @app.get("/admin/ungated")
    def ungated():
        return "secret"

    assert ("ungated", "GET", 200, None) in walk(app, client, "anonymous")


def test_every_admin_post_needs_a_csrf_token(app, client, sign_in):
    sign_in(*ROLES)
    behind_stubs(app)
    refused = {e: client.post(url, data={}).status_code
               for e, method, url in admin_rules(app) if method == "POST"}  # fmt: skip
    assert set(refused.values()) == {400}, refused


def test_the_login_form_needs_a_csrf_token_too(client, db):
    create_staff("mod", "moderator")
    response = client.post("/admin/login", data={"username": "mod", "password": "x" * 20})
    assert response.status_code == 400


def test_signing_in_still_works_through_the_gate(client, db):
    create_staff("ed", "editor")
    page = client.get(SIGN_IN)
    response = client.post(SIGN_IN, data={"csrf_token": csrf_from(page), "username": "ed",
                                          "password": "correct horse battery staple"})  # fmt: skip
    assert response.status_code == 303
    assert client.get("/admin/bulletins").status_code == 200
    assert client.get("/admin/users").status_code == 403
