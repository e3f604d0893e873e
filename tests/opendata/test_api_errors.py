"""The API's HTTP behaviour: JSON errors in two languages, 400 for unknown filters and bad
values, 404/405 as JSON, CORS for GET, and ETag revalidation."""

import pytest

from portal.opendata import views as api_views
from portal.services.reports.outcomes import OutcomeNotFound


def error_of(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    error = response.get_json()["error"]
    assert error["message_zh"] and error["message_en"]
    assert error["message_zh"] != error["message_en"]
    return error


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/commitments?colour=red",
        "/api/v1/projects?limit=5&sort=name",
        "/api/v1/commitments.csv?page=2",
        "/api/v1/commitments/livestock-pollution-control?verbose=1",
        "/api/v1/?x=1",
        "/api/v1/report-stats?month=2026-01",
        # a filter of another list is unknown here, not ignored
        "/api/v1/outcomes?status=completed",
    ],
)
def test_an_unknown_filter_is_refused_not_ignored(client, content, path):
    error = error_of(client.get(path), 400)
    assert error["code"] == "unknown_filter"
    assert "参数" in error["message_zh"] and "parameter" in error["message_en"]


@pytest.mark.parametrize(
    "query, code",
    [
        ("status=finished", "invalid_filter"),
        ("status=completed&status=overdue", "invalid_filter"),
        ("year=nineteen", "invalid_filter"),
        ("year=1999", "invalid_filter"),
        ("overdue=yes", "invalid_filter"),
        ("section=no-such-section", "invalid_filter"),
        ("department=", "invalid_filter"),
        ("limit=0", "invalid_filter"),
        ("limit=201", "invalid_filter"),
        ("limit=1.5", "invalid_filter"),
        ("cursor=not*base64", "invalid_cursor"),
        ("cursor=WzEsMl0", "invalid_cursor"),  # a sections cursor: the wrong shape here
        ("cursor=e30", "invalid_cursor"),  # {} is no key
    ],
)
def test_an_invalid_value_is_refused(client, content, query, code):
    error = error_of(client.get(f"/api/v1/commitments?{query}"), 400)
    assert error["code"] == code
    assert error["parameter"] == query.split("=")[0]


def test_an_outcome_cursor_with_an_unreadable_time_is_refused(client, content):
    # ["yesterday", 1] has the right shape but no time in it
    error = error_of(client.get("/api/v1/outcomes?cursor=WyJ5ZXN0ZXJkYXkiLDFd"), 400)
    assert error["code"] == "invalid_cursor"


def test_a_statistics_year_without_reports_is_refused(client, content):
    assert error_of(client.get("/api/v1/report-stats?year=2999"), 400)["code"] == "invalid_filter"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/commitments/no-such-commitment",
        "/api/v1/outcomes/HG-00000000-0000",
        "/api/v1/sections/no-such-section",
        "/api/v1/no-such-list",
        "/api/v2/commitments",
        "/api/v1/commitments/a/b",
    ],
)
def test_unknown_records_and_addresses_are_json_404s(client, content, path):
    assert error_of(client.get(path), 404)["code"] == "not_found"


def test_a_record_a_service_cannot_find_is_a_json_404(client, content, monkeypatch):
    def missing(*args, **kwargs):
        raise OutcomeNotFound("HG-00000000-0000")

    monkeypatch.setattr(api_views, "report_stats", missing)
    error = error_of(client.get("/api/v1/report-stats"), 404)
    assert error == {
        "code": "not_found",
        "message_zh": "没有这个接口地址或记录。",
        "message_en": "No such endpoint or record.",
    }


def test_html_error_pages_elsewhere_are_untouched(client, content):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, content, method):
    response = getattr(client, method)("/api/v1/commitments")
    assert error_of(response, 405)["code"] == "method_not_allowed"
    assert "GET" in response.headers["Allow"]


def test_a_post_needs_no_csrf_token_to_be_refused_cleanly(client, content):
    response = client.post("/api/v1/outcomes", data={"x": "1"})
    assert error_of(response, 405)["code"] == "method_not_allowed"


def test_any_site_may_read_the_api_from_a_browser(client, content):
    response = client.get("/api/v1/indicators", headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/indicators",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Methods"] == "GET"
    assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"


def test_cors_is_only_for_the_api(client, content):
    assert "Access-Control-Allow-Origin" not in client.get("/commitments").headers


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/commitments",
        "/api/v1/commitments/livestock-pollution-control",
        "/api/v1/outcomes",
        "/api/v1/commitments.csv",
        "/api/v1/openapi.json",
    ],
)
def test_responses_revalidate_with_an_etag(client, content, path):
    first = client.get(path)
    assert first.headers["Cache-Control"] == "public, max-age=300"
    etag = first.headers["ETag"]
    assert not etag.startswith("W/")  # strong: computed from the body
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert client.get(path, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_a_change_gives_a_new_etag(client, db, content, published_outcome):
    before = client.get("/api/v1/outcomes").headers["ETag"]
    published_outcome()
    response = client.get("/api/v1/outcomes", headers={"If-None-Match": before})
    assert response.status_code == 200 and response.headers["ETag"] != before


def test_errors_are_not_cached(client, content):
    response = client.get("/api/v1/commitments?colour=red")
    assert response.headers["Cache-Control"] == "no-store" and "ETag" not in response.headers


def test_a_signed_in_staff_members_responses_carry_no_session(client, content, sign_in):
    """The staff session is only read and refreshed under /admin (the gate): the open data a
    signed-in member of staff fetches is the anonymous answer, with no cookie, so a shared
    cache may keep it."""
    anonymous = client.get("/api/v1/commitments")
    sign_in("moderator")
    response = client.get("/api/v1/commitments")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == anonymous.headers["Cache-Control"]
    assert "public" in response.headers["Cache-Control"]
    assert response.data == anonymous.data
