"""Every GET route of the portal, crawled twice — as an anonymous visitor and as a member of
staff holding every role — with real records in its URL, then every link those pages show.

Each answer must carry the security headers; each HTML page must run no inline script or
style and load nothing from another origin; staff pages and pages with a CSRF token must not
be cached. Anonymous visitors are sent to sign in for every staff page.

The routes come from app.url_map, so a route added later is crawled without touching this
file — or, if its URL variables are new, fails here until tests/support/crawl.FILLERS knows
how to fill them (or the rule is listed in UNCRAWLABLE with a reason)."""

import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect, Rule
from werkzeug.wrappers import Response

from portal.extensions import db
from portal.services.plan.content_import import import_content
from tests.support import crawl as crawling
from tests.support.app import CONTENT_DIR, empty_all_tables, make_app
from tests.support.pages import CheckedClient
from tests.support.staff import log_in

ANONYMOUS, STAFF = "anonymous", "staff"

# GET rules the crawl does not fill, rule id → why. Every rule is crawled today; an entry
# here needs a reason a reviewer would accept (e.g. a route that only answers a browser
# holding a one-time token).
UNCRAWLABLE: dict[str, str] = {}

# Bugs the crawl has found and that are not fixed yet: (mode, rule id) → the bug. Their cases
# are marked xfail(strict=True), so fixing the bug makes the case pass and fail as XPASS:
# then delete the entry.
KNOWN_BUGS: dict[tuple[str, str], str] = {}

# Rules that answer something other than 200 to a visitor allowed to open them, and why.
NOT_200 = {
    "/bulletins/<int:bulletin_id>": 301,  # the permanent address carries the slug
    "/admin/login/totp": 302,  # the second step of signing in, without a first: back to step 1
    "/errors/413": 413,  # the page for a too-large upload keeps the status it explains
    "/mode/<any(care, standard):mode>": 303,  # the 关怀版 switch: keeps the choice, goes back
    # A receipt to save exists only right after a submission, in that browser session.
    "/report/receipt.<any(png, pdf):kind>": 404,
}
SIGN_IN = {"admin.staff.login", "admin.staff.login_totp"}  # under /admin, yet open to anybody
NO_FOLLOW = {"admin.staff.logout"}  # links the crawl must not follow, should one ever be a GET
REDIRECTS = {301, 302, 303, 307, 308}


def _rule_ids() -> list[str]:
    """The GET rules, read at collection time from an app of their own (no database)."""
    with tempfile.TemporaryDirectory() as instance:
        app = make_app("sqlite://", Path(instance))
        return [crawling.rule_id(rule) for rule in crawling.get_rules(app)]


RULE_IDS = _rule_ids()


def cases(mode: str) -> list:
    return [
        pytest.param(rid, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[mode, rid]))
        if (mode, rid) in KNOWN_BUGS
        else rid
        for rid in RULE_IDS
        if rid not in UNCRAWLABLE
    ]


@dataclass
class Crawl:
    app: Flask
    world: crawling.World
    clients: dict[str, CheckedClient]
    rules: dict[str, Rule]

    def is_staff(self, rule: Rule) -> bool:
        return crawling.is_staff_rule(self.app, rule) and rule.endpoint not in SIGN_IN

    def urls(self, rule: Rule) -> list[str]:
        urls = crawling.fill(rule, self.world)
        assert not isinstance(urls, str), (
            f"cannot crawl {rule.rule}: {urls}. Teach tests/support/crawl.FILLERS the "
            "variable, or list the rule in UNCRAWLABLE with the reason."
        )
        return urls

    def endpoint_of(self, path: str) -> str | None:
        """The endpoint a link leads to (None: no GET route has that path)."""
        adapter = self.app.url_map.bind("localhost")
        try:
            return adapter.match(urlsplit(path).path, method="GET")[0]
        except RequestRedirect:
            return "(redirect)"
        except (NotFound, MethodNotAllowed):
            return None


@pytest.fixture(scope="module")
def crawl(database_url, _migrated, tmp_path_factory):
    """One app and one set of records for the whole module: the crawl only reads."""
    app = make_app(database_url, tmp_path_factory.mktemp("crawl") / "instance")
    app.test_client_class = CheckedClient
    with app.app_context():
        import_content(CONTENT_DIR)
        world = crawling.build_world(app)
    anonymous, staff = app.test_client(), app.test_client()
    crawling.add_api_keys(world, anonymous)
    log_in(staff, crawling.CRAWLER)
    assert staff.get("/admin/").status_code == 200, "the crawler could not sign in"
    rules = {crawling.rule_id(rule): rule for rule in crawling.get_rules(app)}
    yield Crawl(app, world, {ANONYMOUS: anonymous, STAFF: staff}, rules)
    with app.app_context():
        db.session.remove()
        empty_all_tables()
        db.engine.dispose()


def fetch(crawl: Crawl, mode: str, url: str):
    """The answer, and what is wrong with it (the client's own page checks included)."""
    try:
        response = crawl.clients[mode].get(url)
    except AssertionError as failed:  # CheckedClient's checks: one h1, no inline script…
        return None, [f"page check failed: {failed}"]
    return response, []


def check(crawl: Crawl, mode: str, url: str, expected: set[int], staff_page: bool) -> list[str]:
    """Problems with one URL's answer, each prefixed with the URL."""
    response, problems = fetch(crawl, mode, url)
    if response is None:
        return [f"{url}: {p}" for p in problems]
    with response:
        if response.status_code not in expected:
            problems.append(f"status {response.status_code}, expected {sorted(expected)}")
        location = response.headers.get("Location", "")
        if response.status_code in REDIRECTS and not crawling.is_same_origin(location):
            problems.append(f"redirects to another origin: {location}")
        # A staff page, anonymously: sent to sign in, never shown.
        signing_in = mode == ANONYMOUS and staff_page and response.status_code in REDIRECTS
        if signing_in and urlsplit(location).path != "/admin/login":
            problems.append(f"redirects to {location}, not to the sign-in page")
        problems += crawling.response_problems(response, staff_page=staff_page)
    return [f"{url}: {p}" for p in problems]


def test_every_get_rule_can_be_crawled(crawl):
    unfillable = [
        message
        for rid, rule in crawl.rules.items()
        if rid not in UNCRAWLABLE and isinstance(message := crawling.fill(rule, crawl.world), str)
    ]
    assert not unfillable, (
        "routes the crawl cannot fill (add a filler to tests/support/crawl.FILLERS, or the "
        f"rule to UNCRAWLABLE with a reason): {unfillable}"
    )
    paths = {rule.rule for rule in crawl.rules.values()}
    stale = [k for k in [*UNCRAWLABLE, *(rid for _, rid in KNOWN_BUGS)] if k not in crawl.rules]
    stale += [path for path in NOT_200 if path not in paths]
    assert not stale, f"these entries name routes that no longer exist: {stale}"


@pytest.mark.parametrize("rid", cases(ANONYMOUS))
def test_anonymous_visitor(crawl, rid):
    rule = crawl.rules[rid]
    staff_page = crawl.is_staff(rule)
    # Staff pages send anonymous visitors to sign in (or refuse them); never 200.
    expected = {302, 401, 403} if staff_page else {NOT_200.get(rule.rule, 200)}
    problems = [p for url in crawl.urls(rule)
                for p in check(crawl, ANONYMOUS, url, expected, staff_page)]  # fmt: skip
    assert not problems, problems


@pytest.mark.parametrize("rid", cases(STAFF))
def test_staff_with_every_role(crawl, rid):
    rule = crawl.rules[rid]
    expected = {NOT_200.get(rule.rule, 200)}
    problems = [p for url in crawl.urls(rule)
                for p in check(crawl, STAFF, url, expected, crawl.is_staff(rule))]  # fmt: skip
    assert not problems, problems


@pytest.mark.parametrize("mode", [ANONYMOUS, STAFF])
def test_missing_records_are_404_never_500(crawl, mode):
    """Every route with a record in its URL, pointed at a record that does not exist."""
    missing, problems, tried = crawling.missing_world(crawl.world), [], 0
    for rule in crawl.rules.values():
        if not crawling.names_a_record(rule):
            continue
        staff_page = crawl.is_staff(rule)
        expected = {302} if mode == ANONYMOUS and staff_page else {404}
        for url in crawling.fill(rule, missing):
            tried += 1
            problems += check(crawl, mode, url, expected, staff_page)
    assert tried >= 20, f"only {tried} record URLs tried"
    assert not problems, problems


@pytest.mark.parametrize("mode", [ANONYMOUS, STAFF])
def test_links_on_the_crawled_pages(crawl, mode):
    """One level of links from every page the route crawl shows this visitor (the home page
    and the staff dashboard among them): real record pages with real ids, other pages of a
    list, filtered lists… Each must answer, carry the headers and pass the page checks."""
    visited, links = set(), set()
    for rule in crawl.rules.values():
        if mode == ANONYMOUS and crawl.is_staff(rule):
            continue
        for url in crawl.urls(rule):
            visited.add(url)
            response, _ = fetch(crawl, mode, url)  # its own problems are the rule tests'
            if response is not None and response.mimetype == "text/html":
                links |= crawling.same_origin_links(response.get_data(as_text=True), url)
            if response is not None:
                response.close()
    problems, followed = [], 0
    for link in sorted(links - visited):
        endpoint = crawl.endpoint_of(link)
        if endpoint in NO_FOLLOW:
            continue
        if endpoint is None:
            problems.append(f"{link}: the link leads to no GET route")
            continue
        followed += 1
        staff_page = any(crawl.is_staff(r) for r in crawl.rules.values() if r.endpoint == endpoint)
        shown = mode == STAFF or not staff_page
        expected = ({200} | REDIRECTS) if shown else {302, 401, 403}
        problems += check(crawl, mode, link, expected, staff_page)
    assert followed >= 20, f"only {followed} links followed: the crawl found too few links"
    assert not problems, problems


def test_the_page_checks_catch_what_they_look_for():
    """The crawl only proves something if its checks can fail: a page with each forbidden
    thing is reported for each of them, and a clean page is not."""
    bad = """<html><head><style>p{}</style>
      <script>alert(1)</script><script type="application/ld+json">{}</script>
      <script src="https://cdn.example.com/x.js"></script>
      <link rel="stylesheet" href="//fonts.example.com/a.css">
      <link rel="preload" as="font" href="https://fonts.example.com/f.woff2">
      <link rel="icon" href="http://localhost:8000/favicon.ico"></head>
      <body><p style="color:red" onclick="x()">x</p><img src="http://evil.example/a.png">
      <img srcset="/a.png 1x, https://evil.example/b.png 2x"><iframe src="https://x.example/">
      </iframe><a href="javascript:void(0)">x</a></body></html>"""
    problems = crawling.html_problems(bad)
    for expected in ["inline <style>", "style attribute on <p>", "inline <script>",
                     "cdn.example.com", "//fonts.example.com/a.css", "f.woff2", "localhost:8000",
                     "event handler ['onclick']", "evil.example/a.png", "evil.example/b.png",
                     "x.example", "javascript: URL"]:  # fmt: skip
        assert any(expected in p for p in problems), (expected, problems)
    assert len([p for p in problems if "inline <script>" in p]) == 1  # ld+json is allowed
    good = """<html><head><link rel="stylesheet" href="/static/css/site.css">
      <script src="http://localhost/static/js/report-form.js"></script></head>
      <body><img src="data:image/png;base64,AAAA"><a href="https://gov.cn/">政府网</a></body>
      </html>"""
    assert crawling.html_problems(good) == []


def test_the_header_checks_catch_what_they_look_for():
    page = '<html><body><form><input name="csrf_token" value="x"></form></body></html>'
    bare = Response(page, mimetype="text/html", headers={"Cache-Control": "no-cache"})
    problems = " | ".join(crawling.response_problems(bare, staff_page=True))
    for expected in ["Content-Security-Policy", "nosniff", "Referrer-Policy", "Permissions-Policy",
                     "CSRF token is cacheable", "staff page without no-store"]:  # fmt: skip
        assert expected in problems, (expected, problems)
