"""The reporter rates a resolved report once, with the receipt (issue 13): 满意 / 基本满意 /
不满意 and an optional comment; refused before 已办结, a second time, without a verified
session, without the CSRF token; kept to the minute; shown to staff."""

from sqlalchemy import func, select

from portal.models import ReportRating, Satisfaction
from tests.support.pages import parse, text_of
from tests.support.report_form import open_status
from tests.support.reports import report_in
from tests.support.staff import csrf_from


def ratings(db) -> list[ReportRating]:
    return list(db.session.scalars(select(ReportRating)))


def resolved_and_open(app, state: str = "resolved"):
    """A reporter's browser on the status page of their report in `state`."""
    result = report_in(state)
    citizen = app.test_client()
    page = open_status(citizen, result.report.number, result.receipt_code)
    return citizen, page, result.report.number


def rate(citizen, page, rating="satisfied", comment=""):
    return citizen.post(
        "/report/status/rating",
        data={"csrf_token": csrf_from(page), "rating": rating, "comment": comment},
    )


def test_a_resolved_report_is_rated_once_and_staff_see_the_rating(app, db, content, sign_in):
    citizen, page, number = resolved_and_open(app)
    assert parse(page).find("form", action="/report/status/rating") is not None
    first = rate(citizen, page, "fairly_satisfied", "处理及时，但没有回访。")
    assert first.status_code == 200 and "感谢您的评价" in text_of(first)
    shown = parse(first)
    assert shown.find("form", action="/report/status/rating") is None  # not offered again
    assert "您的评价： 基本满意" in text_of(first)

    again = rate(citizen, page, "dissatisfied")
    assert again.status_code == 409 and "每件举报只能评价一次" in text_of(again)
    [row] = ratings(db)
    assert row.rating == Satisfaction.FAIRLY_SATISFIED and row.comment == "处理及时，但没有回访。"

    staff = text_of(sign_in("moderator").get(f"/admin/reports/{number}"))
    assert "举报人评价 基本满意" in staff and "处理及时，但没有回访。" in staff


def test_the_rating_is_kept_to_the_minute(app, db, content):
    citizen, page, _ = resolved_and_open(app)
    rate(citizen, page)
    [row] = ratings(db)
    assert (row.rated_at.second, row.rated_at.microsecond) == (0, 0)


def test_no_rating_before_the_report_is_resolved(app, db, content):
    citizen, page, _ = resolved_and_open(app, "investigating")
    assert parse(page).find("form", action="/report/status/rating") is None
    # The form is not offered: a hand-made POST, with this session's CSRF token.
    forged = rate(citizen, citizen.get("/report/status"))
    assert forged.status_code == 400 and "办结后才能评价" in text_of(forged)
    assert ratings(db) == []


def test_rating_needs_a_verified_session(app, db, content):
    report_in("resolved")
    stranger = app.test_client()
    page = stranger.get("/report/status")
    response = rate(stranger, page)
    assert response.status_code == 303 and response.headers["Location"].endswith("/report/status")
    assert ratings(db) == []


def test_rating_needs_the_csrf_token(app, db, content):
    citizen, _, _ = resolved_and_open(app)
    response = citizen.post("/report/status/rating", data={"rating": "satisfied"})
    assert response.status_code == 400 and "页面已过期" in text_of(response)
    assert ratings(db) == []


def test_hostile_ratings_are_refused_with_a_message(app, db, content):
    citizen, page, _ = resolved_and_open(app)
    cases = [
        ({"rating": "excellent"}, "请选择满意、基本满意或不满意"),
        ({"rating": ""}, "请选择满意、基本满意或不满意"),
        ({"rating": "satisfied", "comment": "好" * 501}, "不能超过 500 个字"),
        ({"rating": "satisfied", "comment": "好\x1b[31m"}, "控制字符"),
    ]
    for fields, message in cases:
        response = citizen.post(
            "/report/status/rating", data={"csrf_token": csrf_from(page)} | fields
        )
        assert response.status_code == 400, fields
        assert message in text_of(response), fields
    assert ratings(db) == []
    # The comment typed is kept on the page that says what is wrong with it.
    response = rate(citizen, page, "bogus", "办理人员态度很好")
    assert parse(response).find("textarea", attrs={"name": "comment"}).text == "办理人员态度很好"


def test_a_comment_is_shown_as_text(app, db, content, sign_in):
    citizen, page, number = resolved_and_open(app)
    rate(citizen, page, "satisfied", "<img src=x onerror=alert(1)>")
    html = sign_in("moderator").get(f"/admin/reports/{number}").get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert db.session.scalar(select(func.count()).select_from(ReportRating)) == 1


def test_a_session_rates_only_the_report_it_proved(app, db, content):
    other = report_in("resolved").report.number
    citizen, page, number = resolved_and_open(app)
    response = citizen.post(
        "/report/status/rating",
        data={"csrf_token": csrf_from(page), "rating": "dissatisfied", "number": other},
    )
    assert response.status_code == 200
    [row] = ratings(db)
    assert row.report.number == number != other
