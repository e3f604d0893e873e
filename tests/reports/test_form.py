"""The report form as a citizen meets it: what it asks, what it answers, what it refuses."""

import re

import pytest
from sqlalchemy import func, select

from portal import settings as portal_settings
from portal.models import DroppedSubmission, Report, ReportStatus
from tests.support.pages import parse, text_of
from tests.support.report_form import hidden_fields, receipt_of, submit_report, valid_report

NUMBER = re.compile(r"^HG\d{8}-\d{6}$")
CODE = re.compile(r"^([2-9A-HJKMNP-TV-Z]{4}-){4}[2-9A-HJKMNP-TV-Z]{4}$")


def report_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Report))


def errors_on(response) -> dict[str, str]:
    """Field id → the error shown next to it."""
    return {
        p["id"].removesuffix("-error"): p.get_text(strip=True).removeprefix("错误：")
        for p in parse(response).select("p.field-error[id]")
    }


def test_form_offers_every_category_with_an_explanation_and_every_district(client, content):
    response = client.get("/report")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = parse(response)
    categories = page.select("input[name=category]")
    assert len(categories) == 13
    first = page.find("label", attrs={"for": categories[0]["id"]}).get_text(strip=True)
    assert first == "偷排偷放"
    assert page.find(id=categories[0]["aria-describedby"]).get_text(strip=True)
    districts = [o.get_text(strip=True) for o in page.select("select[name=district] option")]
    assert districts[1:] == [
        "兴山区",
        "向阳区",
        "工农区",
        "南山区",
        "兴安区",
        "东山区",
        "萝北县",
        "绥滨县",
    ]


def test_every_visible_control_has_a_label(client, content):
    page = parse(client.get("/report"))
    for control in page.select(
        "form.report-form input, form.report-form select, form.report-form textarea"
    ):
        if control.get("type") == "hidden" or control.find_parent(class_="trap"):
            continue
        assert page.find("label", attrs={"for": control["id"]}), control


def test_anonymous_report_gets_a_number_and_a_code_that_a_reload_shows_again(client, db, content):
    response = submit_report(client)
    number, code = receipt_of(client, response)
    assert NUMBER.match(number) and CODE.match(code)
    report = db.session.scalars(select(Report)).one()
    assert report.number == number
    assert report.status == ReportStatus.SUBMITTED
    assert report.department.name == "市环保局"  # the category's default
    assert [e.status for e in report.events] == [ReportStatus.SUBMITTED]
    assert code.replace("-", "") not in report.receipt_hash
    assert receipt_of(client, submit_report(client)) != (number, code)  # a new form, a new code
    assert code not in text_of(client.get("/report/receipt"))  # the session's latest receipt


def test_reporter_follows_the_report_with_number_and_code(client, content):
    number, code = receipt_of(client, submit_report(client))
    page = client.get("/report/status")
    data = hidden_fields(page) | {"number": number.lower(), "code": code.replace("-", " ").lower()}
    response = client.post("/report/status", data=data)
    assert response.status_code == 200
    text = text_of(response)
    assert number in text and "待受理" in text and "偷排偷放" in text
    assert "某某化工" not in text  # the public timeline carries no report text


def test_wrong_code_and_unknown_number_answer_the_same_way(client, content):
    number, code = receipt_of(client, submit_report(client))
    token = hidden_fields(client.get("/report/status"))
    wrong_code = client.post("/report/status", data=token | {"number": number, "code": "2" * 20})
    unknown = client.post(
        "/report/status", data=token | {"number": "HG20000101-000001", "code": code}
    )
    assert wrong_code.status_code == unknown.status_code == 404
    strip_number = lambda r: text_of(r).replace(number, "").replace("HG20000101-000001", "")  # noqa: E731
    assert strip_number(wrong_code) == strip_number(unknown)
    assert "举报编号或回执码不正确" in text_of(unknown)


def test_submitting_the_same_form_twice_creates_one_report(client, db, content):
    page = client.get("/report")
    data = hidden_fields(page) | valid_report()
    first = client.post("/report", data=data)
    first_receipt = parse(client.get(first.headers["Location"]))
    second = client.post("/report", data=data)  # back, then submit again
    assert report_count(db) == 1
    assert second.status_code == 303
    second_receipt = client.get(second.headers["Location"])
    assert "此举报此前已提交" in text_of(second_receipt)
    codes = lambda page: [c.get_text() for c in page.select(".code")]  # noqa: E731
    assert codes(first_receipt) == codes(parse(second_receipt))


def test_an_empty_form_lists_every_problem_at_the_top_and_next_to_each_field(client, db, content):
    page = client.get("/report")
    response = client.post("/report", data=hidden_fields(page))
    assert response.status_code == 400
    summary = parse(response).find(class_="error-summary")
    links = [a["href"] for a in summary.find_all("a")]
    assert links[:3] == ["#category-0", "#district", "#place"]
    for href in links:
        assert parse(response).find(id=href[1:]), href
    errors = errors_on(response)
    assert errors["category"] == "请选择举报类别。"
    assert errors["description"] == "请描述您看到的情况。"
    assert errors["consent"].startswith("请阅读并同意隐私说明")
    assert parse(response).title.get_text().startswith("错误：")
    assert report_count(db) == 0


def test_what_was_typed_is_kept_when_the_form_comes_back(client, content):
    response = submit_report(client, description="太短了", place="向阳区光宇街")
    assert response.status_code == 400
    page = parse(response)
    assert page.find("textarea", attrs={"name": "description"}).get_text() == "太短了"
    assert page.find("textarea", attrs={"name": "place"}).get_text() == "向阳区光宇街"
    assert (
        page.find("input", attrs={"name": "category", "checked": True})["value"]
        == "secret-discharge"
    )
    assert "请重新选择" in text_of(response)
    assert "请至少写 20 个字" in errors_on(response)["description"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("category", "<script>", "请选择举报类别。"),
        ("district", "beijing", "请选择所在区县。"),
        ("occurred_on", "2999-01-01", "发生日期不能晚于今天。"),
        ("occurred_on", "yesterday", "日期格式应为"),
        ("occurred_time", "25:99", "时间格式应为"),
        ("place", "北门\x01外", "控制字符"),
        ("description", "很" * 100_000, "不能超过 5000 个字"),
        ("subject", "厂" * 201, "不能超过 200 个字"),
    ],
)
def test_bad_values_get_a_specific_chinese_message(client, db, content, field, value, message):
    response = submit_report(client, **{field: value})
    assert response.status_code == 400
    assert message in errors_on(response)[field]
    assert report_count(db) == 0


def test_markup_typed_into_the_form_is_shown_as_text(client, content):
    response = submit_report(client, place="<script>alert(1)</script>", district="nowhere")
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_emoji_and_rare_characters_are_kept(client, db, content):
    text = "黑烟滚滚😷，气味刺鼻，𠮷野家旁的烟囱一直冒烟，已经持续三天了。"
    receipt_of(client, submit_report(client, description=text))
    assert db.session.scalars(select(Report.description)).one() == text


@pytest.mark.parametrize(
    ("contact", "field", "message"),
    [
        ({"name": "", "phone": "13812345678"}, "name", "请填写您的姓名"),
        ({"name": "张三"}, "phone", "至少留下电话或电子邮箱"),
        ({"name": "张三", "phone": "12345"}, "phone", "有效的中国手机号"),
        ({"name": "张三", "phone": "+1 202 555 0143"}, "phone", "有效的中国手机号"),
        ({"name": "张三", "email": "not-an-email"}, "email", "电子邮箱格式不正确"),
    ],
)
def test_named_reports_need_valid_contact_details(client, content, contact, field, message):
    response = submit_report(client, identity="named", **contact)
    assert response.status_code == 400
    assert message in errors_on(response)[field]


@pytest.mark.parametrize("phone", ["13812345678", "0468-3456789", "+86 138 1234 5678"])
def test_mobile_and_landline_numbers_are_accepted(client, content, phone):
    response = submit_report(client, identity="named", name="李四", phone=phone)
    assert response.status_code == 303


def test_missing_csrf_token_keeps_what_was_typed(client, db, content):
    page = client.get("/report")
    data = hidden_fields(page) | valid_report(place="工农区红旗路")
    del data["csrf_token"]
    response = client.post("/report", data=data)
    assert response.status_code == 400
    assert parse(response).find("textarea", attrs={"name": "place"}).get_text() == "工农区红旗路"
    assert "您填写的内容已保留" in text_of(response)
    assert report_count(db) == 0


def test_a_forged_form_token_is_refused_without_losing_the_text(client, db, content):
    page = client.get("/report")
    data = hidden_fields(page) | valid_report(place="南山区") | {"form_token": "forged"}
    response = client.post("/report", data=data)
    assert response.status_code == 400
    assert "表单已过期" in text_of(response)
    assert parse(response).find("textarea", attrs={"name": "place"}).get_text() == "南山区"
    assert report_count(db) == 0


def test_the_honeypot_drops_robots_and_counts_them(client, db, content):
    response = submit_report(client, website="http://spam.example")
    assert response.status_code == 400 and "您的举报尚未提交" in text_of(response)
    assert report_count(db) == 0
    assert db.session.scalars(select(DroppedSubmission.count)).one() == 1


def slow_down_required(app, seconds: float) -> None:
    app.config["REPORT_MIN_FILL_SECONDS"] = seconds
    portal_settings.init_app(app)


def test_a_form_filled_faster_than_a_person_could_is_dropped(app, client, db, content):
    slow_down_required(app, 3)
    response = submit_report(client)
    assert response.status_code == 400 and "您的举报尚未提交" in text_of(response)
    assert report_count(db) == 0
    assert db.session.scalars(select(DroppedSubmission.reason)).one() == "too_fast"


def test_a_quick_submit_with_mistakes_still_shows_the_mistakes(app, client, db, content):
    slow_down_required(app, 3)
    response = submit_report(client, description="")
    assert response.status_code == 400
    assert errors_on(response)["description"] == "请描述您看到的情况。"
    assert db.session.scalars(select(DroppedSubmission)).first() is None


def test_privacy_page_says_what_is_kept_who_sees_it_and_how_long(client, content):
    text = text_of(client.get("/privacy"))
    for heading in ("我们保存什么", "谁能看到", "保存多久"):
        assert heading in text
    assert "365 天" in text
