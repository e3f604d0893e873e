"""Error pages are Chinese and leak nothing; public URLs never silently vanish."""

from pathlib import Path

from tests.pages import text_of

INVENTORY = Path(__file__).with_name("routes.txt")


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
