"""Public pages revalidate with ETags; pages with CSRF tokens or staff data are never cached."""

import pytest


@pytest.mark.parametrize("path", ["/", "/plan", "/targets", "/commitments", "/projects"])
def test_public_pages_answer_304_to_a_matching_etag(client, content, path):
    first = client.get(path)
    assert first.headers["Cache-Control"] == "no-cache"
    etag = first.headers["ETag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_a_changed_page_gets_a_new_etag(app, client, content):
    before = client.get("/plan").headers["ETag"]
    app.config["HOTLINE_NUMBER"] = "0468-7777777"
    response = client.get("/plan", headers={"If-None-Match": before})
    assert response.status_code == 200 and response.headers["ETag"] != before


@pytest.mark.parametrize("path", ["/report", "/report/status", "/admin/login"])
def test_pages_with_csrf_tokens_are_never_stored(client, content, path):
    response = client.get(path)
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers


@pytest.mark.parametrize("path", ["/reports/stats", "/reports/stats.csv", "/reports/outcomes"])
def test_public_report_aggregates_revalidate_by_etag(client, content, path):
    first = client.get(path)
    assert first.headers["Cache-Control"] != "no-store"
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
