"""Rate limits on submitting and on looking up, with a Chinese 429 page."""

import socket
import uuid

import pytest

from portal.extensions import db
from tests.support.app import make_app
from tests.support.pages import text_of
from tests.support.report_form import hidden_fields, submit_report


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
    data = hidden_fields(client.get("/report/status")) | {
        "number": "HG20000101-000001",
        "code": "2" * 20,
    }
    statuses = [client.post("/report/status", data=data).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]


def test_reading_the_form_is_not_limited(app, client, content):
    app.config["REPORT_SUBMIT_LIMIT"] = "1 per hour"
    assert all(client.get("/report").status_code == 200 for _ in range(5))


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason="no Redis at 127.0.0.1:6379")
def test_workers_sharing_redis_share_one_limit(app, database_url, tmp_path, content):
    """Two app instances (two gunicorn workers, say) count against the same limit."""
    shared = {
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/15",
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        "STATUS_LOOKUP_LIMIT": "2 per hour",
    }
    first = make_app(database_url, tmp_path / "a", **shared)
    second = make_app(database_url, tmp_path / "b", **shared)
    statuses = []
    for worker in (first, second, first):
        client = worker.test_client()
        data = hidden_fields(client.get("/report/status")) | {
            "number": "HG20000101-000001",
            "code": "2" * 20,
        }
        statuses.append(client.post("/report/status", data=data).status_code)
    for worker in (first, second):
        with worker.app_context():
            db.engine.dispose()  # close their connections now, not whenever GC runs
    assert statuses == [404, 404, 429]
