"""Error pages are Chinese and leak nothing; public URLs never silently vanish."""

import importlib
import inspect
import pkgutil

import pytest

import portal.services
from portal.services.common.errors import NotFound
from tests.support.app import ROOT
from tests.support.pages import text_of

INVENTORY = ROOT / "tests" / "routes.txt"


def url_rules(app) -> set[str]:
    methods = lambda rule: " ".join(sorted(rule.methods - {"HEAD", "OPTIONS"}))  # noqa: E731
    return {f"{methods(rule):<9} {rule.rule}" for rule in app.url_map.iter_rules()}


def test_url_inventory(app):
    """Every URL and its methods, as listed in tests/routes.txt: removing or renaming one
    breaks citations and bookmarks, adding one must be deliberate too."""
    listed = {
        line for line in INVENTORY.read_text().splitlines() if line and not line.startswith("#")
    }
    served = url_rules(app)
    assert not listed - served, f"URLs removed: {sorted(listed - served)}"
    assert not served - listed, f"URLs not in tests/routes.txt: {sorted(served - listed)}"


def test_unexpected_errors_get_a_chinese_500_page_without_a_traceback(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internal detail")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    text = text_of(response)
    assert "服务器出错了" in text
    assert "secret internal detail" not in text and "Traceback" not in text


def test_wrong_method_gets_a_chinese_405(client, content):
    response = client.post("/plan")
    assert response.status_code == 405
    assert "请求方式不被允许" in text_of(response)


def service_not_found_errors() -> list[type]:
    """Every `*NotFound` class the service packages define, and every other NotFound."""
    found = set()
    for module in pkgutil.walk_packages(portal.services.__path__, "portal.services."):
        for name, value in vars(importlib.import_module(module.name)).items():
            is_class = inspect.isclass(value)
            if is_class and (name.endswith("NotFound") or issubclass(value, NotFound)):
                found.add(value)
    return sorted(found, key=lambda error: f"{error.__module__}.{error.__name__}")


def test_every_not_found_of_the_services_is_the_one_not_found():
    named = [e for e in service_not_found_errors() if e.__name__.endswith("NotFound")]
    assert len(named) >= 9, named
    assert [e for e in named if not issubclass(e, NotFound)] == []


@pytest.mark.parametrize("error", service_not_found_errors(), ids=lambda e: e.__qualname__)
def test_whatever_a_service_cannot_find_gets_the_chinese_404_page(app, error):
    @app.get("/gone")
    def gone():
        raise error("no-such-thing")

    response = app.test_client().get("/gone")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "页面不存在" in text_of(response) and "no-such-thing" not in text_of(response)
