"""Error pages are Chinese and leak nothing; public URLs never silently vanish."""

from tests.pages import text_of

# Every public URL rule; removing or renaming one breaks citations, so it must be deliberate.
PUBLIC_RULES = {
    "/",
    "/plan",
    "/plan/<slug>",
    "/targets",
    "/commitments",
    "/projects",
    "/healthz",
    "/report",
    "/report/receipt",
    "/report/status",
    "/privacy",
    "/targets/<code>",
    "/bulletins",
    "/bulletins/<int:bulletin_id>-<slug>",
    "/exposures",
    "/exposures/<int:exposure_id>",
    "/phase-out",
    "/phase-out/<int:item_id>",
    "/enterprises/<int:enterprise_id>",
    "/reports/stats",
    "/reports/outcomes",
    "/api",
    "/api/v1/openapi.json",
    "/sitemap.xml",
    "/robots.txt",
}


def test_public_url_inventory(app):
    rules = {rule.rule for rule in app.url_map.iter_rules() if not rule.rule.startswith("/static")}
    missing = PUBLIC_RULES - rules
    assert not missing, f"public URLs removed: {missing}"


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
