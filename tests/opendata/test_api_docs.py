"""/api: the human documentation, with curl examples, built from the same table as the API."""

from portal.opendata.catalogue import COLLECTIONS
from tests.support.pages import parse, text_of


def test_the_docs_page_explains_every_endpoint_with_examples(client, content):
    response = client.get("/api")
    assert response.status_code == 200
    page = parse(response)
    assert page.h1.get_text(strip=True) == "开放数据接口（API）"
    text = text_of(response)
    for collection in COLLECTIONS.values():
        assert f"/{collection.name}" in text
        for spec in collection.filters:
            assert spec.name in text
    assert "curl -s 'http://localhost/api/v1/commitments?status=completed&limit=2'" in text
    for topic in ("next", "unknown_filter", "If-None-Match", "BOM", "+08:00", "引用"):
        assert topic in text
    assert page.find("a", href="/api/v1/openapi.json")
    assert page.find("a", href="/reports/outcomes.atom") and page.find("a", href="/bulletins.atom")


def test_the_docs_page_links_each_csv_download(client, content):
    page = parse(client.get("/api"))
    for name in ("indicators", "commitments", "projects", "outcomes", "bulletins"):
        link = page.find("a", href=f"/api/v1/{name}.csv")
        assert link is not None
        assert client.get(link["href"]).status_code == 200


def test_the_data_links_macro_points_at_the_filtered_downloads(app, content):
    with app.test_request_context("/commitments?year=2008&page=2"):
        template = app.jinja_env.from_string(
            '{% from "api/_data_links.html" import data_links %}{{ data_links("commitments") }}'
        )
        html = template.render()
    assert 'href="/api/v1/commitments.csv?year=2008"' in html
    assert 'href="/api/v1/commitments?year=2008"' in html
