"""Browser fixtures: the system Chromium driven by Playwright (Playwright's own browser
download does not work here), desktop and phone pages, and a live portal to point them at.

Every test in this folder skips, with the reason, on a machine without /usr/bin/chromium."""

from contextlib import contextmanager
from pathlib import Path

import pytest

from portal.extensions import db as _db
from tests.support.app import empty_all_tables, make_app
from tests.support.live_server import LiveServer

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
NO_CHROMIUM = (
    f"{CHROMIUM} is missing: browser tests need Debian's chromium and fonts-noto-cjk "
    "(.ci/run installs them)"
)
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
# A browser step that cannot happen should fail the test in seconds, not half a minute.
STEP_TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=NO_CHROMIUM)
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(skip)


@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@contextmanager
def open_page(browser, viewport: str):
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", **VIEWPORTS[viewport]
    )
    context.set_default_timeout(STEP_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def desktop(browser):
    with open_page(browser, "desktop") as page:
        yield page


@pytest.fixture
def phone(browser):
    with open_page(browser, "phone") as page:
        yield page


@pytest.fixture(scope="package")
def server(database_url, _migrated, tmp_path_factory):
    """The portal under gunicorn, on the session's test database, for the browser tests.
    It keeps no data of its own: each test (or module) puts in what it needs."""
    live = LiveServer(database_url, tmp_path_factory.mktemp("live"), "browser-secret", workers=2)
    base = live.start()
    yield base
    live.stop()


@pytest.fixture(scope="module")
def module_app(database_url, _migrated, tmp_path_factory):
    """An app context for data that lives as long as one test module: for modules whose tests
    only read (they must not use the function-scoped `app`, which empties every table).
    The tables are emptied when the module is done, as the rest of the suite expects."""
    app = make_app(database_url, tmp_path_factory.mktemp("module-instance"))
    with app.app_context():
        yield app
        _db.session.remove()
        empty_all_tables()
        _db.engine.dispose()
