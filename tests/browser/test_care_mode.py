"""关怀版 and the compact header in a real browser, on a 390×844 phone: large text, 44-px
targets, no sideways scrolling, 我要举报 in the first screen, and axe's verdict."""

from datetime import UTC, datetime

import pytest

from portal.services.common.audit import Actor
from portal.services.demo import load as demo_data
from portal.services.plan.content_import import import_content
from tests.browser.conftest import open_page
from tests.browser.page_checks import assert_accessible, screenshot
from tests.support.app import CONTENT_DIR

PHONE_HEIGHT = 844

# Everything a finger is meant to press (inline links in running text are exempt, WCAG 2.5.8).
TARGETS = """() => [...document.querySelectorAll(
    'button, .button, summary, input[type=submit], .mode-switch, .site-nav a, .footer-links a')]
  .filter(e => e.offsetParent !== null)
  .map(e => ({html: e.outerHTML.slice(0, 80), height: e.getBoundingClientRect().height}))"""

BODY_TEXT = """() => {
  const style = getComputedStyle(document.querySelector('main p, main li'));
  return {size: parseFloat(style.fontSize), line: parseFloat(style.lineHeight)};
}"""


@pytest.fixture(scope="module")
def site(server, module_app):
    import_content(CONTENT_DIR)
    demo_data.load(Actor(user_id=None, name="测试"), environment="test", now=datetime.now(UTC))
    return server


@pytest.fixture
def care_phone(browser, site):
    with open_page(browser, "phone") as page:
        page.goto(f"{site}/?mode=care")  # the cookie keeps the mode for the rest
        yield page


def test_care_mode_on_a_phone_is_large_and_fits(care_phone, site):
    page = care_phone
    assert "mode-care" in page.locator("html").get_attribute("class")
    text = page.evaluate(BODY_TEXT)
    assert text["size"] >= 18 and text["line"] >= 1.5 * text["size"], text
    small = [t for t in page.evaluate(TARGETS) if t["height"] < 44]
    assert not small, f"touch targets under 44 px: {small}"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    report = page.locator("main .home-actions a", has_text="我要举报")
    box = report.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE_HEIGHT, f"我要举报 below the fold: {box}"
    hotline = page.locator("main .home-actions a", has_text="举报电话").bounding_box()
    assert hotline["y"] + hotline["height"] <= PHONE_HEIGHT
    screenshot(page, "phone-care-home")
    assert_accessible(page, "home in 关怀版")


@pytest.mark.parametrize("path", ["/targets", "/report", "/sitemap", "/contact", "/reports/stats"])
def test_other_pages_in_care_mode_keep_large_text_and_no_serious_violation(care_phone, site, path):
    care_phone.goto(site + path)
    assert "mode-care" in care_phone.locator("html").get_attribute("class")
    assert care_phone.evaluate(BODY_TEXT)["size"] >= 18
    small = [t for t in care_phone.evaluate(TARGETS) if t["height"] < 44]
    assert not small, f"touch targets under 44 px on {path}: {small}"
    assert_accessible(care_phone, f"{path} in 关怀版")


def test_the_phone_menu_opens_behind_its_button_and_the_report_links_stay(phone, site):
    phone.goto(f"{site}/")
    nav = phone.get_by_role("navigation", name="主导航")
    assert not nav.is_visible()
    assert phone.locator("header .quick-links").get_by_role("link", name="我要举报").is_visible()
    assert phone.locator("header .quick-links").get_by_role("link", name="举报查询").is_visible()
    phone.locator("summary", has_text="菜单").click()
    assert nav.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone, "home with the menu open")


def test_on_a_desk_the_menu_is_always_open_and_the_switch_works(desktop, site):
    desktop.goto(f"{site}/plan")
    assert desktop.get_by_role("navigation", name="主导航").is_visible()
    assert desktop.get_by_role("search").is_visible()
    assert not desktop.locator("summary", has_text="菜单").is_visible()
    desktop.locator("a.mode-switch").click()
    desktop.wait_for_url("**/plan")
    assert "mode-care" in desktop.locator("html").get_attribute("class")
    screenshot(desktop, "desktop-care-plan")
    assert_accessible(desktop, "/plan in 关怀版 on a desk")
