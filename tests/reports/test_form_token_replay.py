"""Issue 12 item 3: the hidden form token must not give back a receipt code. Sent again from
another browser session, or with other content, it answers "已提交" without number or code;
a double click or a refresh by the reporter still shows the same receipt."""

import io
import re

from sqlalchemy import func, select

from portal.models import Report
from tests.support.pages import parse, text_of
from tests.support.report_form import hidden_fields, valid_report
from tests.support.samples import jpeg_bytes
from tests.support.staff import create_staff, log_in

CODE = re.compile(r"[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){4}")


def report_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Report))


def receipt_codes(response) -> list[str]:
    return [c.get_text(strip=True) for c in parse(response).select(".receipt__codes .code")]


def reporter_submits(client) -> tuple[dict, str, str]:
    """The reporter's form (hidden fields and content), and the number and code it got."""
    form = hidden_fields(client.get("/report")) | valid_report()
    response = client.post("/report", data=form)
    number, code = receipt_codes(client.get(response.headers["Location"]))
    return form, number, code


def assert_nothing_given_away(response, number: str, code: str) -> None:
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "已提交" in text_of(response)
    assert number not in body and code not in body and not CODE.search(body)
    assert not parse(response).select(".receipt__codes")


def test_a_token_replayed_from_another_session_with_other_content_gets_no_code(
    app, client, db, content
):
    form, number, code = reporter_submits(client)
    attacker = app.test_client()
    own = hidden_fields(attacker.get("/report"))  # the attacker's own CSRF token
    replay = own | valid_report(description="另一段内容：随便写点什么，凑够二十个字以上就行。")
    replay["form_token"] = form["form_token"]
    response = attacker.post("/report", data=replay)
    assert_nothing_given_away(response, number, code)
    assert report_count(db) == 1


def test_a_token_replayed_from_another_session_with_the_same_content_gets_no_code(
    app, client, db, content
):
    form, number, code = reporter_submits(client)
    attacker = app.test_client()
    replay = form | {"csrf_token": hidden_fields(attacker.get("/report"))["csrf_token"]}
    assert_nothing_given_away(attacker.post("/report", data=replay), number, code)


def test_the_same_session_with_other_content_gets_no_code(client, db, content):
    form, number, code = reporter_submits(client)
    changed = form | {"place": "另一个地点，不是原来那个排污口"}
    assert_nothing_given_away(client.post("/report", data=changed), number, code)


def test_other_evidence_files_are_other_content(client, db, content):
    form = hidden_fields(client.get("/report")) | valid_report()
    photo = lambda size: [(io.BytesIO(jpeg_bytes(size)), "a.jpg")]  # noqa: E731
    sent = client.post("/report", data=form | {"evidence": photo((64, 48))})
    number, code = receipt_codes(client.get(sent.headers["Location"]))
    again = client.post("/report", data=form | {"evidence": photo((80, 60))})
    assert_nothing_given_away(again, number, code)


def test_a_refresh_in_the_same_session_shows_the_same_receipt(client, db, content):
    form, number, code = reporter_submits(client)
    again = client.post("/report", data=form)
    assert again.status_code == 303
    assert receipt_codes(client.get(again.headers["Location"])) == [number, code]
    assert report_count(db) == 1


def test_a_double_click_gets_the_same_receipt_on_the_second_request(app, client, db, content):
    """The second click leaves before the first answer arrives: it carries the cookie the
    form page set, not the one the first answer sets."""
    form = hidden_fields(client.get("/report")) | valid_report()
    second_click = app.test_client()
    second_click.set_cookie("session", client.get_cookie("session").value)
    first = client.post("/report", data=form)
    second = second_click.post("/report", data=form)
    assert first.status_code == second.status_code == 303
    shown = receipt_codes(second_click.get(second.headers["Location"]))
    assert shown == receipt_codes(client.get(first.headers["Location"]))
    assert report_count(db) == 1


def test_a_hotline_form_sent_again_by_another_moderator_shows_no_code(app, db, content):
    create_staff("mod1", "moderator")
    create_staff("mod2", "moderator")
    first, second = app.test_client(), app.test_client()
    log_in(first, "mod1")
    log_in(second, "mod2")
    form = hidden_fields(first.get("/admin/reports/new")) | {
        "channel": "phone", "category": "energy-waste", "district": "suibin",
        "place": "绥滨县某机关大楼", "occurred_on": "2026-11-02",
        "description": "来电反映：该楼夜间整栋亮灯，空调常年开着，无人值守也不关。",
        "identity": "anonymous", "consent": "y",
    }  # fmt: skip
    code_on = lambda page: parse(page).select(".receipt__codes .code")[1].get_text(strip=True)  # noqa: E731
    code = code_on(first.post("/admin/reports/new", data=form))
    assert code_on(first.post("/admin/reports/new", data=form)) == code  # the same moderator

    own_csrf = hidden_fields(second.get("/admin/reports/new"))["csrf_token"]
    replayed = second.post("/admin/reports/new", data=form | {"csrf_token": own_csrf})
    assert replayed.status_code == 200 and "此举报此前已登记" in text_of(replayed)
    assert code not in replayed.get_data(as_text=True) and not parse(replayed).select(
        ".code__group"
    )
    assert report_count(db) == 1
