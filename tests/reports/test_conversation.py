"""The conversation on the status page (issue 13): the staff question quoted right above the
answer box, the timeline newest first, a link to the published outcome; on the staff page the
reporter's reply is marked as seen by staff only."""

from datetime import UTC, datetime

from portal.services.reports.follow_up import reply_from_reporter
from portal.services.reports.moderation import ask_reporter, publish_outcome
from tests.support.pages import parse, text_of
from tests.support.report_form import open_status
from tests.support.reports import MODERATOR, report_in

QUESTION = "排污口在厂区哪一侧？请说明大致位置。"
REPLY = "在北墙外，靠近铁路桥，晚上十点后排放。"


def asked(state: str = "assigned"):
    result = report_in(state)
    ask_reporter(result.report.number, QUESTION, MODERATOR, datetime.now(UTC))
    return result.report.number, result.receipt_code


def test_the_open_question_is_quoted_right_above_the_answer_box(app, db, content):
    number, code = asked()
    page = parse(open_status(app.test_client(), number, code))
    box = page.find("form", action="/report/status/reply")
    section = box.find_parent("section")
    quoted = section.find("blockquote")
    assert quoted is not None and quoted.get_text(strip=True) == QUESTION
    # Right above: the quote comes before the box in the same section, nothing but the
    # privacy line between them.
    assert quoted.find_next("form") is box
    assert "问题见下方" not in page.get_text()


def test_no_question_is_quoted_once_it_is_answered(app, db, content):
    number, code = asked()
    reply_from_reporter(number, REPLY, [], datetime.now(UTC))
    page = parse(open_status(app.test_client(), number, code))
    assert page.find("form", action="/report/status/reply") is None
    assert page.find("blockquote") is None
    assert REPLY in page.get_text()  # in the timeline, as the reporter's own answer


def test_the_timeline_is_newest_first(app, db, content):
    number, code = asked()
    page = parse(open_status(app.test_client(), number, code))
    items = page.select("ol.timeline > li")
    # Made within a minute, so the times are alike: the order of what happened tells.
    assert len(items) == 4
    assert QUESTION in items[0].get_text()
    assert [item.select_one(".badge").get_text() for item in items[1:]] == [
        "已转办", "已受理", "待受理",
    ]  # fmt: skip
    times = [item.find("time")["datetime"] for item in items]
    assert times == sorted(times, reverse=True)
    assert "最新的在前" in page.get_text()


def test_the_staff_page_labels_the_reply_as_seen_by_staff_only(app, db, content, sign_in):
    number, _ = asked()
    reply_from_reporter(number, REPLY, [], datetime.now(UTC))
    page = parse(sign_in("moderator").get(f"/admin/reports/{number}"))
    shown = [p.get_text("", strip=True) for p in page.select("ol.timeline p") if REPLY in p.text]
    assert shown == [f"举报人答复（仅办理人员可见）：{REPLY}"]


def test_the_status_page_links_to_the_outcome_once_it_is_published(app, db, content):
    result = report_in("resolved")
    number, code = result.report.number, result.receipt_code
    citizen = app.test_client()
    link = f"/reports/outcomes/{number}"
    assert parse(open_status(citizen, number, code)).find("a", href=link) is None
    publish_outcome(
        number, "某厂夜间排放废水。", "经查属实，已处罚。", MODERATOR, datetime.now(UTC)
    )
    page = parse(open_status(citizen, number, code))
    assert page.find("a", href=link) is not None
    assert "经查属实，已处罚。" in text_of(citizen.get(link))


def test_hostile_text_in_a_question_is_shown_as_text(app, db, content):
    result = report_in("accepted")
    ask_reporter(
        result.report.number, "<script>alert(1)</script>在哪？", MODERATOR, datetime.now(UTC)
    )
    response = open_status(app.test_client(), result.report.number, result.receipt_code)
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
