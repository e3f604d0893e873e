"""A report's times reach the public — and its own status page — only to the minute: the
second (let alone the microsecond) a report came in could tie it to a line in some log.
Staff pages keep the exact time. Issue 12, item 1."""

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from sqlalchemy import update

from portal.models import Channel, SiteSetting
from portal.services.common.content_clock import KEY
from portal.services.reports import workflow
from portal.services.reports.intake import submit_report
from portal.services.reports.receipts import new_token
from portal.services.reports.rules import ReportInput
from tests.support.pages import parse
from tests.support.report_form import hidden_fields, receipt_of
from tests.support.report_form import submit_report as submit_on_the_web
from tests.support.reports import MODERATOR


def an_exact_moment(seconds_ago: int) -> datetime:
    """A recent moment that is nowhere near a whole minute."""
    return (datetime.now(UTC) - timedelta(seconds=seconds_ago)).replace(
        second=37, microsecond=654321
    )


def test_the_status_page_gives_times_to_the_minute(app, db, client, content):
    submitted = an_exact_moment(600)
    fields = {
        "category": "excess-emission",
        "district": "nanshan",
        "place": "南山区某厂",
        "occurred_on": (submitted - timedelta(days=1)).date().isoformat(),
        "description": "烟囱连续三天冒黑烟，周边居民门窗紧闭仍能闻到焦糊味。",
        "consent": True,
    }
    result = submit_report(
        ReportInput(**fields), token=new_token(), channel=Channel.WEB, now=submitted
    )
    number = result.report.number
    workflow.transition(number, "accept", actor=MODERATOR, now=submitted + timedelta(seconds=5))

    form = client.get("/report/status")
    page = client.post(
        "/report/status",
        data=hidden_fields(form) | {"number": number, "code": result.receipt_code},
    )
    assert page.status_code == 200
    shown = [t["datetime"] for t in parse(page).find_all("time")]
    assert len(shown) == 2  # submitted, accepted
    for value in shown:
        moment = datetime.fromisoformat(value)
        assert (moment.second, moment.microsecond) == (0, 0), value
    html = page.get_data(as_text=True)
    assert ":37" not in html and "654321" not in html and "654" not in html


def test_last_modified_does_not_tell_the_second_a_report_came_in(app, db, content):
    client = app.test_client()
    receipt_of(client, submit_on_the_web(client))
    # As if the report had come in at hh:mm:37.654321 a little while ago.
    came_in = an_exact_moment(90)
    app.extensions["started_at"] = came_in - timedelta(days=1)
    db.session.execute(
        update(SiteSetting).where(SiteSetting.key == KEY).values(value=came_in.isoformat())
    )
    db.session.commit()

    for url in ("/reports/stats", "/reports/stats.json", "/"):
        header = client.get(url).headers["Last-Modified"]
        served = parsedate_to_datetime(header)
        assert served.second == 0, (url, header)
        assert served >= came_in.replace(microsecond=0)  # never before the change: no stale 304
        assert served <= datetime.now(UTC)  # never in the future
        assert not re.search(r":37 GMT$", header)
