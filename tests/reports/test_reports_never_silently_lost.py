"""Issue 12 item 6: a report is never silently lost. A form re-shown after "表单已过期" or
after a CSRF failure can be sent straight back (no fill-time check, a fresh CSRF token), and
a submission that is dropped is never answered with a success page: the form comes back
with what was typed and says the report was not received."""

import pytest
from sqlalchemy import func, select

from portal import settings as portal_settings
from portal.models import DroppedSubmission, Report
from tests.support.pages import parse, text_of
from tests.support.report_form import hidden_fields, submit_report, valid_report

PLACE = "工农区红旗路北段排污口"


@pytest.fixture
def slow_fill(app):
    """A person needs at least three seconds; the test presses submit at once."""
    app.config["REPORT_MIN_FILL_SECONDS"] = 3
    portal_settings.init_app(app)


def report_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Report))


def resubmit(client, reshown) -> object:
    """Press submit again on the form as it came back: its hidden fields and what it kept."""
    page = parse(reshown)
    kept = {
        field["name"]: field.get("value", "")
        for field in page.select("form.report-form input")
        if field.get("type") in {"text", "hidden", "email", "tel", "date", "time", None}
        and field.get("name")
    }
    kept |= {f["name"]: f.get_text() for f in page.select("form.report-form textarea")}
    for radio in page.select("form.report-form input[type=radio][checked]"):
        kept[radio["name"]] = radio["value"]
    for select_ in page.select("form.report-form select"):
        chosen = select_.find("option", selected=True)
        kept[select_["name"]] = chosen["value"] if chosen else ""
    kept["consent"] = "y"
    return client.post("/report", data=kept)


def test_a_form_reshown_after_it_expired_is_accepted_at_once(client, db, content, slow_fill):
    form = hidden_fields(client.get("/report")) | valid_report(place=PLACE)
    expired = client.post("/report", data=form | {"form_token": "expired-or-forged"})
    assert expired.status_code == 400 and "表单已过期" in text_of(expired)
    response = resubmit(client, expired)
    assert response.status_code == 303, text_of(response)
    assert db.session.scalars(select(Report.place)).one() == PLACE


def test_a_form_reshown_after_a_csrf_failure_carries_a_fresh_csrf_token(
    client, db, content, slow_fill
):
    form = hidden_fields(client.get("/report")) | valid_report(place=PLACE)
    failed = client.post("/report", data=form | {"csrf_token": "stale"})
    assert failed.status_code == 400 and "您填写的内容已保留" in text_of(failed)
    token = parse(failed).select_one("form.report-form input[name=csrf_token]")
    assert token is not None and token["value"] not in {"", "stale"}
    response = resubmit(client, failed)
    assert response.status_code == 303, text_of(response)
    assert report_count(db) == 1


def test_a_form_sent_too_fast_is_not_called_received(client, db, content, slow_fill):
    response = submit_report(client, place=PLACE)
    text = text_of(response)
    assert response.status_code == 400
    assert "尚未提交" in text and "已收到" not in text and "感谢您的提交" not in text
    assert parse(response).find("textarea", attrs={"name": "place"}).get_text() == PLACE
    assert report_count(db) == 0
    assert db.session.scalars(select(DroppedSubmission.reason)).one() == "too_fast"


def test_a_form_with_the_trap_field_filled_is_not_called_received(client, db, content):
    response = submit_report(client, place=PLACE, website="autofilled.example")
    assert response.status_code == 400
    assert "尚未提交" in text_of(response) and "感谢您的提交" not in text_of(response)
    page = parse(response)
    assert page.find("textarea", attrs={"name": "place"}).get_text() == PLACE
    assert page.find("input", attrs={"name": "website"})["value"] == ""
    assert report_count(db) == 0


def test_a_form_sent_back_too_fast_again_is_held_back_again(client, db, content, slow_fill):
    """The "too fast" form is not stamped re-shown, so a robot gains nothing by it; a person
    who is quick twice sees the form, still filled in, once more."""
    again = resubmit(client, submit_report(client, place=PLACE))
    assert again.status_code == 400 and "尚未提交" in text_of(again)
    assert parse(again).find("textarea", attrs={"name": "place"}).get_text() == PLACE
    assert report_count(db) == 0
