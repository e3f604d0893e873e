"""The report form completed with the keyboard alone: the skip link comes first, every stop
shows where focus is, and the receipt arrives."""

from datetime import date

from playwright.sync_api import expect

from tests.browser.page_checks import assert_focus_visible, focused

MAX_TABS = 40  # more stops than the form has: reaching none of them is a failure


def tab_to(page, selector: str, key: str = "Tab") -> dict:
    """Press Tab (or Shift+Tab) until `selector` has focus; every stop on the way must show
    its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        element = assert_focus_visible(page)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return element
    raise AssertionError(f"{key} never reached {selector}; focus is on {focused(page)}")


def value_of(page, selector: str) -> str:
    return page.eval_on_selector(selector, "element => element.value")


def test_the_report_form_can_be_completed_with_the_keyboard_alone(server, content, desktop):
    page = desktop
    page.goto(f"{server}/report")

    page.keyboard.press("Tab")
    skip = assert_focus_visible(page)
    assert "skip-link" in skip["className"], f"the first Tab stop is {skip}"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main", "the skip link should move focus to <main>"

    tab_to(page, "input[name=category]")  # no choice yet: Tab lands on the first
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # arrows move the choice along the group
    assert value_of(page, "input[name=category]:checked") == "excess-emission"

    tab_to(page, "#description")
    page.keyboard.type("每天夜里十点以后，厂区北墙外的暗管向河里排放黑色污水，气味刺鼻。")

    tab_to(page, "#district")
    for _ in range(4):  # 请选择 → 兴山区 → 向阳区 → 工农区 → 南山区
        page.keyboard.press("ArrowDown")
    assert value_of(page, "#district") == "nanshan"

    tab_to(page, "#place")
    page.keyboard.type("南山区某某路与某某街交口东侧排污口")

    tab_to(page, "#occurred_on")
    # The order of the date's parts follows the browser's language (月/日/年 in Debian's
    # English-only Chromium, 年/月/日 in a Chinese one). Up on an empty part gives this year,
    # January, the 1st, in any order: 1 January of this year, never a future date.
    for key in ("ArrowUp", "ArrowRight", "ArrowUp", "ArrowRight", "ArrowUp"):
        page.keyboard.press(key)
    assert value_of(page, "#occurred_on") == date.today().replace(month=1, day=1).isoformat()

    tab_to(page, "#place", key="Shift+Tab")  # back again: what was typed is still there
    assert value_of(page, "#place") == "南山区某某路与某某街交口东侧排污口"

    tab_to(page, "input[name=identity]")  # the anonymous choice, already made
    assert value_of(page, "input[name=identity]:checked") == "anonymous"
    tab_to(page, "#consent")
    page.keyboard.press("Space")
    assert page.is_checked("#consent")

    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("举报已提交")
    expect(page.locator(".receipt__codes .code")).to_have_count(2)
