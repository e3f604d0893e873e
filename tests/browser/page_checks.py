"""What a browser test checks on a page: axe-core's verdict, visible keyboard focus; and
screenshots for people to look at."""

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"  # git-ignored: for review, never committed
BLOCKING_IMPACTS = {"serious", "critical"}

_axe = Axe()


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    results = _axe.run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


def assert_accessible(page, where: str) -> None:
    violations = serious_violations(page)
    assert not violations, f"axe on {where} ({page.url}):\n{describe(violations)}"


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}.png"
    # CSS pixels: a phone shot at its device scale would be four times the size, no clearer.
    page.screenshot(path=str(path), full_page=True, scale="css")
    return path


FOCUS_STYLE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    tag: element.tagName.toLowerCase(), id: element.id, name: element.getAttribute("name"),
    type: element.getAttribute("type"), className: element.getAttribute("class") || "",
    outline: style.outlineStyle, outlineWidth: style.outlineWidth,
    focusVisible: element.matches(":focus-visible"),
  };
}"""


def focused(page) -> dict:
    """Which element has keyboard focus, and the outline it is drawn with."""
    return page.evaluate(FOCUS_STYLE)


# Inside these, one Tab stop is Chromium's own calendar/clock button: the field itself is not
# :focus-visible then, and the button draws its own focus ring.
FIELDS_WITH_A_PICKER = {"date", "time"}


def assert_focus_visible(page) -> dict:
    element = focused(page)
    if element["type"] in FIELDS_WITH_A_PICKER and not element["focusVisible"]:
        return element
    assert element["outline"] != "none" and element["outlineWidth"] != "0px", (
        f"no visible focus on {element}"
    )
    return element
