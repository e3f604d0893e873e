"""Rate limits on submitting and on looking up, with a Chinese 429 page."""

from tests.pages import text_of
from tests.reporting_helpers import hidden_fields, submit_report


def test_too_many_submissions_from_one_address_get_a_429(app, client, content):
    app.config["REPORT_SUBMIT_LIMIT"] = "2 per hour"
    for _ in range(2):
        assert submit_report(client).status_code == 303
    response = submit_report(client)
    assert response.status_code == 429
    assert "您的操作过于频繁" in text_of(response)
    assert "Retry-After" in response.headers


def test_status_lookups_are_rate_limited(app, client, content):
    app.config["STATUS_LOOKUP_LIMIT"] = "3 per hour"
    data = hidden_fields(client.get("/report/status")) | {"number": "HG1", "code": "X"}
    statuses = [client.post("/report/status", data=data).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]


def test_reading_the_form_is_not_limited(app, client, content):
    app.config["REPORT_SUBMIT_LIMIT"] = "1 per hour"
    assert all(client.get("/report").status_code == 200 for _ in range(5))
