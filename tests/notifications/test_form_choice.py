"""The reporter chooses progress notifications on the form: only with the matching contact,
never for an anonymous report, and a refusal keeps everything typed."""

import pytest
from sqlalchemy import select

from portal.models import Report
from tests.support.pages import parse, text_of
from tests.support.report_form import receipt_of, submit_report

NAMED = {"identity": "named", "name": "赵六"}


def errors_on(response) -> dict[str, str]:
    return {
        p["id"].removesuffix("-error"): p.get_text(strip=True).removeprefix("错误：")
        for p in parse(response).select("p.field-error[id]")
    }


def stored(db, number: str) -> Report:
    return db.session.scalars(select(Report).where(Report.number == number)).one()


def test_the_form_offers_sms_and_email_with_an_explanation(client, content):
    page = parse(client.get("/report"))
    box = page.find("fieldset", class_="notify-choice")
    assert box.find("legend").get_text(strip=True) == "接收办理进度通知（选填）"
    labels = [label.get_text(strip=True) for label in box.find_all("label")]
    assert labels == ["短信", "电子邮件"]
    assert "匿名举报不保存联系方式" in box.get_text()


def test_a_named_reporter_with_phone_and_email_gets_both(client, db, content):
    response = submit_report(
        client, **NAMED, phone="13812345678", email="zhao@example.com",
        notify_sms="y", notify_email="y",
    )  # fmt: skip
    number, _code = receipt_of(client, response)
    report = stored(db, number)
    assert report.notify_sms and report.notify_email
    assert "13812345678" not in (report.contact_phone or "")  # still encrypted


@pytest.mark.parametrize(
    ("contact", "choice", "field", "message"),
    [
        ({"email": "zhao@example.com"}, "notify_sms", "notify_sms", "请在“联系电话”中填写手机号码"),
        ({"phone": "13812345678"}, "notify_email", "notify_email", "请填写电子邮箱"),
        ({"phone": "0468-1234567"}, "notify_sms", "notify_sms", "短信通知只能发到手机"),
    ],
)
def test_a_channel_without_its_contact_is_refused_keeping_the_text(
    client, db, content, contact, choice, field, message
):
    response = submit_report(client, **NAMED, **contact, **{choice: "y"})
    assert response.status_code == 400
    assert message in errors_on(response)[field]
    page = parse(response)
    assert page.find(id=field).has_attr("checked")  # the choice is kept, to be fixed
    assert "厂区北墙外的暗管" in page.find("textarea", id="description").get_text()
    assert db.session.scalar(select(Report.id)) is None


def test_an_anonymous_report_cannot_choose_notifications_and_is_told_why(client, db, content):
    response = submit_report(client, notify_email="y", email="zhao@example.com")
    assert response.status_code == 400
    assert "匿名举报不能接收办理进度通知" in errors_on(response)["notify_email"]
    assert "匿名举报不能接收办理进度通知" in text_of(response)
    assert db.session.scalar(select(Report.id)) is None
