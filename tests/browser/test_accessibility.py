"""axe-core on every public page, on a desk and on a phone: no serious or critical
violation, and on a phone no sideways scrolling. The main pages are also photographed into
screenshots/ for people to review."""

from datetime import UTC, datetime

import pytest
from flask import url_for
from playwright.sync_api import expect
from sqlalchemy import select
from werkzeug.exceptions import NotFound
from werkzeug.routing import RequestRedirect

from portal.extensions import db
from portal.models import (
    Bulletin,
    Enterprise,
    Exposure,
    PhaseOutItem,
    PublicationState,
    PublishedOutcome,
    Report,
)
from portal.services.common.audit import Actor
from portal.services.demo import load as demo_data
from portal.services.plan.content_import import import_content
from tests.browser.conftest import VIEWPORTS, open_page
from tests.browser.page_checks import describe, screenshot, serious_violations
from tests.support.app import CONTENT_DIR

PAGES = {
    "home": "/",
    "plan": "/plan",
    "plan-section": "/plan/main-targets",
    "targets": "/targets",
    "target-detail": "/targets/so2-emissions",
    "commitments": "/commitments",
    "projects": "/projects",
    "report-form": "/report",
    "report-status": "/report/status",
    "privacy": "/privacy",
    "contact": "/contact",
    "sitemap": "/sitemap",
    "disclosure-guide": "/disclosure-guide",
    "report-stats": "/reports/stats",
    "report-outcomes": "/reports/outcomes",
    "staff-login": "/admin/login",
    # Pages other parts of the portal add: checked as soon as their routes exist.
    "bulletins": "/bulletins",
    "exposures": "/exposures",
    "phase-out": "/phase-out",
    "api": "/api",
    "open-data": "/data",
    "data-dictionary": "/data/indicator-values",
}
# Pages of one record: (endpoint, the record to show, its URL arguments).
RECORD_PAGES = {
    "bulletin": (
        "bulletins.detail",
        select(Bulletin).where(Bulletin.state == PublicationState.PUBLISHED),
        lambda b: {"bulletin_id": b.id, "slug": b.slug},
    ),
    "exposure": ("registers.exposure", select(Exposure), lambda e: {"exposure_id": e.id}),
    "phase-out-item": (
        "registers.phase_out_item",
        select(PhaseOutItem),
        lambda i: {"item_id": i.id},
    ),
    "enterprise": ("registers.enterprise", select(Enterprise), lambda e: {"enterprise_id": e.id}),
    "outcome": (
        "reports.outcome",
        select(Report).join(PublishedOutcome, PublishedOutcome.report_id == Report.id),
        lambda r: {"number": r.number},
    ),
}
# Photographed for review (full page; the rest are only checked).
MAIN_PAGES = {
    "home", "plan", "targets", "target-detail", "commitments", "projects", "report-form",
    "report-status", "report-stats", "report-outcomes", "bulletins", "bulletin", "exposures",
    "phase-out",
}  # fmt: skip
# Problems found in templates this suite does not own, waiting for their fix:
# (page, viewport) -> {axe rule or "reflow": why it is expected}. Anything else fails, and a
# listed page passes as soon as its problem is gone.
KNOWN_PROBLEMS: dict = {}


@pytest.fixture(scope="module")
def site(server, module_app):
    """The plan's content and the demonstration records, so that every list has rows."""
    import_content(CONTENT_DIR)
    demo_data.load(Actor(user_id=None, name="测试"), environment="test", now=datetime.now(UTC))
    return server


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def viewer(request, browser):
    """One page per viewport for the whole module: every check runs on a desk and a phone."""
    with open_page(browser, request.param) as page:
        page.viewport_name = request.param
        yield page


def path_of(app, name: str) -> str:
    if name in PAGES:
        try:
            app.url_map.bind("localhost").match(PAGES[name])
        except RequestRedirect:
            pass  # served, under a slightly different address
        except NotFound:
            pytest.skip(f"{PAGES[name]} is not served yet")
        return PAGES[name]
    endpoint, query, arguments = RECORD_PAGES[name]
    if endpoint not in app.view_functions:
        pytest.skip(f"{endpoint} is not served yet")
    record = db.session.scalars(query.limit(1)).first()
    assert record is not None, f"the demonstration data has no record for {name}"
    with app.test_request_context():
        return url_for(endpoint, **arguments(record))


# The outermost elements sticking out past the right edge (outside a .table-scroll box).
REFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const out = [];
  for (const element of document.querySelectorAll("main *, header *, footer *")) {
    if (element.getBoundingClientRect().right <= width + 1) continue;
    if (element.closest(".table-scroll")) continue;
    const parent = element.parentElement;
    if (parent && parent.getBoundingClientRect().right > width + 1) continue;
    const classes = element.getAttribute("class");
    const name = element.tagName.toLowerCase() + (classes ? "." + classes : "");
    out.push([name, element.outerHTML.slice(0, 120)]);
  }
  return out.length ? out.slice(0, 10) : [["html", "(no single element: the page as a whole)"]];
}"""


def sideways_scrolling(page) -> list[dict]:
    """WCAG 1.4.10 (reflow): a phone scrolls the page down only; wide tables scroll inside
    their own box. Reported in axe's shape, as the pseudo-rule "reflow"."""
    if page.viewport_name != "phone":
        return []
    too_wide = page.evaluate(REFLOW)
    if not too_wide:
        return []
    return [
        {
            "id": "reflow",
            "impact": "serious",
            "help": "The page is wider than the phone",
            "helpUrl": "https://www.w3.org/WAI/WCAG21/Understanding/reflow",
            "nodes": [{"target": [target], "html": html} for target, html in too_wide],
        }
    ]


def check_page(page, name: str) -> None:
    problems = serious_violations(page) + sideways_scrolling(page)
    known = KNOWN_PROBLEMS.get((name, page.viewport_name), {})
    unexpected = [p for p in problems if p["id"] not in known]
    assert not unexpected, f"{name} ({page.viewport_name}, {page.url}):\n{describe(unexpected)}"
    if problems:
        pytest.xfail("; ".join(sorted({known[p["id"]] for p in problems})))


@pytest.mark.parametrize("name", [*PAGES, *RECORD_PAGES])
def test_page_has_no_serious_accessibility_violations(site, module_app, viewer, name):
    response = viewer.goto(site + path_of(module_app, name))
    assert response.status == 200
    if name in MAIN_PAGES:
        screenshot(viewer, f"{viewer.viewport_name}-{name}")
    check_page(viewer, name)


def test_report_form_with_errors_has_no_serious_accessibility_violations(site, viewer):
    viewer.goto(f"{site}/report")
    viewer.get_by_role("button", name="提交举报").click()
    expect(viewer.locator(".error-summary")).to_be_visible()
    screenshot(viewer, f"{viewer.viewport_name}-report-form-errors")
    check_page(viewer, "report-form-errors")
