"""复核申请 (issue 13): a reporter who rated the handling 不满意 may appeal once; the report goes
back to the moderators' queue as 复核中 with its own 15-day limit, the timeline says 申请复核,
and 复核办结 closes it with a new public result. The statistics and the monthly bulletin count
ratings and appeals, small numbers suppressed."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.models import Report, ReportStatus, Satisfaction
from portal.services.reports import satisfaction, workflow
from portal.services.reports.deadlines import overdue_reason
from portal.services.reports.monthly import monthly_markdown, monthly_summary
from portal.services.reports.periods import last_closed_month
from portal.settings import settings
from portal.web.templating import format_datetime
from tests.support.pages import parse, text_of
from tests.support.report_form import open_status
from tests.support.reports import CLOSING, MODERATOR, local, make_report, rate_report, report_in
from tests.support.staff import csrf_from

REASON = "企业夜里仍在排放，办理结果与事实不符。"


def report_of(db, number: str) -> Report:
    return db.session.scalars(select(Report).where(Report.number == number)).one()


def dissatisfied(app, rating: str = "dissatisfied"):
    """A reporter's browser on their resolved report, after rating it."""
    result = report_in("resolved")
    citizen = app.test_client()
    number = result.report.number
    page = open_status(citizen, number, result.receipt_code)
    rated = citizen.post(
        "/report/status/rating", data={"csrf_token": csrf_from(page), "rating": rating}
    )
    return citizen, rated, number


def appeal(citizen, page, reason=REASON):
    return citizen.post(
        "/report/status/appeal", data={"csrf_token": csrf_from(page), "reason": reason}
    )


def test_an_appeal_returns_the_report_to_the_queue_with_its_own_limit(app, db, content, sign_in):
    citizen, rated, number = dissatisfied(app)
    assert parse(rated).find("form", action="/report/status/appeal") is not None
    appealed = appeal(citizen, rated)
    assert appealed.status_code == 200 and "复核申请已提交" in text_of(appealed)
    newest = parse(appealed).select("ol.timeline > li")[0]
    assert "申请复核" in newest.get_text() and "复核中" in newest.get_text()
    assert REASON in newest.get_text()

    report = report_of(db, number)
    assert report.status == ReportStatus.REVIEW and report.closed_at is None
    assert (report.appealed_at.second, report.appealed_at.microsecond) == (0, 0)

    staff = sign_in("moderator")
    cards = parse(staff.get("/admin/")).select("a.stat-card")
    [card] = [c for c in cards if "status=review" in c["href"]]
    assert card.get_text(" ", strip=True) == "1 件举报人申请复核"
    queue = parse(staff.get("/admin/reports?status=review"))
    assert [a.get_text() for a in queue.select("table.queue th a")] == [number]
    page = parse(staff.get(f"/admin/reports/{number}"))
    facts = {dt.get_text(): dt.find_next("dd").get_text() for dt in page.select("dl dt")}
    due = report.appealed_at + timedelta(days=15)
    assert facts["复核期限"] == format_datetime(due)
    assert "复核办结" in [s.get_text() for s in page.select("details.action summary")]
    reason_line = [
        p.get_text("", strip=True) for p in page.select("ol.timeline p") if REASON in p.text
    ]
    assert reason_line == [f"复核理由（仅办理人员可见）：{REASON}"]

    again = appeal(citizen, rated)
    assert again.status_code == 409 and "只能申请一次" in text_of(again)


def test_the_review_limit_is_fifteen_days_from_the_appeal(app, db, content):
    result = report_in("resolved")
    number = result.report.number
    rate_report(result.report, Satisfaction.DISSATISFIED, datetime.now(UTC))
    satisfaction.appeal(number, REASON, datetime.now(UTC) - timedelta(days=16))
    report = report_of(db, number)
    limits = settings().time_limits
    assert limits.review_days == 15
    assert limits.review_by(report) == report.appealed_at + timedelta(days=15)
    now = datetime.now(UTC)
    assert overdue_reason(report, now, limits) == "复核逾期"
    assert overdue_reason(report, report.appealed_at + timedelta(days=14), limits) is None


def test_an_overdue_review_is_in_the_overdue_queue(app, db, content, sign_in):
    result = report_in("resolved")
    number = result.report.number
    rate_report(result.report, Satisfaction.DISSATISFIED, datetime.now(UTC))
    satisfaction.appeal(number, REASON, datetime.now(UTC) - timedelta(days=16))
    fresh = report_in("resolved")
    rate_report(fresh.report, Satisfaction.DISSATISFIED, datetime.now(UTC))
    satisfaction.appeal(fresh.report.number, REASON, datetime.now(UTC))
    queue = parse(sign_in("moderator").get("/admin/reports?overdue=1"))
    assert [a.get_text() for a in queue.select("table.queue th a")] == [number]
    assert "复核逾期" in queue.get_text()


def test_an_appeal_needs_a_dissatisfied_rating_and_a_reason(app, db, content):
    citizen, rated, number = dissatisfied(app, "satisfied")
    assert parse(rated).find("form", action="/report/status/appeal") is None
    forged = appeal(citizen, citizen.get("/report/status"))  # no form offered: hand-made
    assert forged.status_code == 400 and "评价为“不满意”的举报才能申请复核" in text_of(forged)
    assert report_of(db, number).status == ReportStatus.RESOLVED

    citizen, rated, number = dissatisfied(app)
    empty = appeal(citizen, rated, "   ")
    assert empty.status_code == 400 and "请写明申请复核的理由" in text_of(empty)
    too_long = appeal(citizen, rated, "长" * 1001)
    assert too_long.status_code == 400 and "不能超过 1000 个字" in text_of(too_long)
    # What was typed is still there to shorten.
    assert parse(too_long).find("textarea", attrs={"name": "reason"}).text == "长" * 1001
    assert report_of(db, number).status == ReportStatus.RESOLVED


def test_an_appeal_needs_a_verified_session_and_the_csrf_token(app, db, content):
    citizen, rated, number = dissatisfied(app)
    no_token = citizen.post("/report/status/appeal", data={"reason": REASON})
    assert no_token.status_code == 400 and "页面已过期" in text_of(no_token)
    stranger = app.test_client()
    forged = appeal(stranger, stranger.get("/report/status"))
    assert forged.status_code == 303 and forged.headers["Location"].endswith("/report/status")
    assert report_of(db, number).status == ReportStatus.RESOLVED


def test_the_review_is_concluded_with_a_new_public_result_and_only_once(app, db, content):
    citizen, rated, number = dissatisfied(app)
    appeal(citizen, rated)
    first_resolution = report_of(db, number).resolved_at
    with pytest.raises(workflow.WorkflowError, match="复核结果"):
        workflow.transition(number, "conclude_review", actor=MODERATOR, now=datetime.now(UTC))
    db.session.rollback()
    workflow.transition(
        number, "conclude_review", actor=MODERATOR, now=datetime.now(UTC),
        public_note="复核查明企业夜间仍有排放，已立案查处。", **CLOSING,
    )  # fmt: skip
    report = report_of(db, number)
    assert report.status == ReportStatus.RESOLVED and report.closed_at is not None
    assert report.public_result == "复核查明企业夜间仍有排放，已立案查处。"
    assert report.resolved_at == first_resolution  # time-to-resolve keeps the first handling

    page = appeal(citizen, rated)
    assert page.status_code == 409 and "只能申请一次" in text_of(page)
    assert "您已申请复核" in text_of(page)
    assert parse(page).find("form", action="/report/status/appeal") is None
    assert "复核查明企业夜间仍有排放" in text_of(page)


# --- Statistics ---------------------------------------------------------------------------------


def last_month_day(day: int = 10) -> datetime:
    month = last_closed_month(datetime.now(UTC))
    return local(month.year, month.month, day)


def rated_reports(ratings: dict[Satisfaction, int], appeals: int, at: datetime) -> None:
    for rating, count in ratings.items():
        for _ in range(count):
            report = make_report(at, status=ReportStatus.RESOLVED)
            appealed = rating == Satisfaction.DISSATISFIED and appeals > 0
            appeals -= appealed
            rate_report(report, rating, at + timedelta(days=1), appealed=appealed)


def stats_json(client) -> dict:
    return json.loads(client.get("/reports/stats.json").get_data(as_text=True))


def test_the_statistics_give_the_satisfaction_rate_and_suppress_small_counts(client, db, content):
    S = Satisfaction
    rated_reports({S.SATISFIED: 3, S.FAIRLY_SATISFIED: 2, S.DISSATISFIED: 2}, 2, last_month_day())
    # Rated this month: not counted until the month is over.
    rate_report(
        make_report(datetime.now(UTC), status=ReportStatus.RESOLVED), S.SATISFIED, datetime.now(UTC)
    )
    data = stats_json(client)
    assert data["satisfaction"]["rated"] == 7
    assert data["satisfaction"]["percent"] == 71.4  # (3 + 2) / 7
    assert [c["suppressed"] for c in data["satisfaction"]["by_rating"]] == ["small"] * 3
    assert data["appeals"] == {"count": None, "suppressed": {"count": "small"}}
    page = parse(client.get("/reports/stats"))
    section = page.find("section", attrs={"aria-labelledby": "satisfaction-title"})
    figures = {
        dt.get_text(): dt.find_next("dd").get_text(" ", strip=True) for dt in section.select("dt")
    }
    assert figures["参与评价"] == "7 件" and figures["满意率（满意和基本满意）"] == "71.4%"
    assert figures["申请复核"] == "<5 件" and figures["满意"] == "<5 件"
    csv_text = client.get("/reports/stats.csv").get_data(as_text=True)
    assert "满意率（满意和基本满意）,71.4,%" in csv_text
    assert "申请复核,,件,<5" in csv_text


def test_fewer_than_five_ratings_publish_no_rate(client, db, content):
    rated_reports({Satisfaction.SATISFIED: 4}, 0, last_month_day())
    data = stats_json(client)
    assert data["satisfaction"]["rated"] is None and data["satisfaction"]["percent"] is None
    assert data["satisfaction"]["suppressed"] == {"rated": "small"}
    assert "暂无数据" in text_of(client.get("/reports/stats"))


def test_the_monthly_bulletin_counts_ratings_and_appeals_of_the_month(db, content):
    S = Satisfaction
    rated_reports({S.SATISFIED: 5, S.FAIRLY_SATISFIED: 1, S.DISSATISFIED: 1}, 1, last_month_day(3))
    month = last_closed_month(datetime.now(UTC))
    summary = monthly_summary(month.year, month.month, datetime.now(UTC))
    assert summary.rated == 7 and summary.appeals == 1
    _, markdown = monthly_markdown(summary)
    assert "满意度和复核" in markdown
    assert "作出评价7件" in markdown and "满意率（满意和基本满意）为85.7%" in markdown
    assert "申请复核不足5件" in markdown
    assert "不满意1件" not in markdown and "基本满意1件" not in markdown
