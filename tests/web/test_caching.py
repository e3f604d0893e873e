"""Public pages revalidate with ETags; pages with CSRF tokens or staff data are never cached."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from werkzeug.http import http_date

from portal.clock import CITY_TZ, today_local
from portal.extensions import db
from portal.models import SiteSetting
from portal.services.common import content_clock
from tests.support.bulletins import make_bulletin
from tests.support.pages import text_of
from tests.support.staff import create_staff


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


# Last-Modified: the content clock, never earlier than today's midnight or the app's start.

# On a whole minute: the clock is served to the minute (tests/test_reporter_times.py).
HOUR_AGO = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=1)


@pytest.fixture
def an_hour_old(app, monkeypatch):
    """Content last changed an hour ago, by an app started then, on a day long past."""
    monkeypatch.setattr(content_clock, "today_local", lambda: date(2026, 1, 1))
    app.extensions["started_at"] = HOUR_AGO
    with app.app_context():
        db.session.merge(SiteSetting(key=content_clock.KEY, value=HOUR_AGO.isoformat()))
        db.session.commit()


OPEN_DATA = ["/", "/plan", "/targets", "/bulletins", "/api/v1/indicators",
             "/api/v1/exposures.csv", "/bulletins.atom", "/sitemap.xml"]  # fmt: skip


@pytest.mark.parametrize("path", OPEN_DATA)
def test_public_responses_say_when_they_last_changed_and_answer_304_to_it(
    client, content, an_hour_old, path
):
    first = client.get(path)
    assert first.status_code == 200
    assert first.last_modified == HOUR_AGO
    since = first.headers["Last-Modified"]
    assert client.get(path, headers={"If-Modified-Since": since}).status_code == 304
    earlier = http_date(HOUR_AGO - timedelta(seconds=1))
    assert client.get(path, headers={"If-Modified-Since": earlier}).status_code == 200


def test_publishing_moves_last_modified_forward(app, client, content, an_hour_old):
    since = client.get("/bulletins").headers["Last-Modified"]
    with app.app_context():
        make_bulletin(published=True)
    response = client.get("/bulletins", headers={"If-Modified-Since": since})
    assert response.status_code == 200 and "2008年第三季度节能减排工作动态" in text_of(response)
    assert response.last_modified > HOUR_AGO


def test_private_changes_do_not_move_last_modified(app, client, content, an_hour_old):
    with app.app_context():
        create_staff("moderator9", "moderator")
    assert client.get("/plan").last_modified == HOUR_AGO


def test_last_modified_is_never_before_the_start_of_the_city_day(app, client, content):
    """Overdue flags and the citation's access date change at midnight without any write."""
    with app.app_context():
        db.session.merge(SiteSetting(key=content_clock.KEY, value="2008-01-01T00:00:00+00:00"))
        db.session.commit()
    app.extensions["started_at"] = datetime(2008, 1, 1, tzinfo=UTC)
    midnight = datetime.combine(today_local(), time(), CITY_TZ).astimezone(UTC)
    assert client.get("/projects").last_modified == midnight


@pytest.mark.parametrize("path", ["/report", "/admin/login"])
def test_pages_with_csrf_tokens_have_no_validators(client, content, path):
    response = client.get(path)
    assert "Last-Modified" not in response.headers and "ETag" not in response.headers
