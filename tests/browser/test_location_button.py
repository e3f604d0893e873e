"""使用我的位置 in a real browser on a phone: the button exists only with JavaScript, the
position is asked for only after the click, fills the labelled fields rounded to five
decimals, and can be cleared; the page stays accessible and loads nothing from elsewhere."""

from playwright.sync_api import expect

from tests.browser.conftest import STEP_TIMEOUT_MS, VIEWPORTS
from tests.browser.page_checks import assert_accessible

HEGANG = {"latitude": 47.3351234, "longitude": 130.2987655, "accuracy": 12}


def test_the_location_button_fills_and_clears_the_coordinates(server, db, content, browser):
    context = browser.new_context(locale="zh-CN", geolocation=HEGANG, **VIEWPORTS["phone"])
    context.set_default_timeout(STEP_TIMEOUT_MS)
    requested = []
    try:
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{server}/report")
        latitude, longitude = page.get_by_label("纬度（选填）"), page.get_by_label("经度（选填）")
        expect(latitude).to_have_value("")
        assert_accessible(page, "the report form with its notice and location fields")

        context.grant_permissions(["geolocation"])  # what the citizen allows when asked
        page.get_by_role("button", name="使用我的位置").click()
        expect(latitude).to_have_value("47.33512")
        expect(longitude).to_have_value("130.29877")
        expect(page.locator(".location-status")).to_contain_text("已填入您的位置")

        page.get_by_role("button", name="清空坐标").click()
        expect(latitude).to_have_value("")
        expect(longitude).to_have_value("")
    finally:
        context.close()
    assert all(url.startswith(server) for url in requested), requested
