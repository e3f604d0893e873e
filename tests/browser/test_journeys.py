"""Whole journeys in a real browser: a citizen on a phone files a report with a photo, a
moderator handles it at a desk, the citizen follows it to its result; an editor publishes a
statistics bulletin and its figure appears on the targets page."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.page_checks import assert_accessible
from tests.support.samples import jpeg_bytes
from tests.support.staff import PASSWORD, create_staff

DESCRIPTION = "每天夜里十点以后，厂区北墙外的暗管向河里排放黑色污水，气味刺鼻，已持续一周。"
RESULT = "经查属实，已责令该厂停产整治，并依法处以罚款。"


def citizen_files_a_report(page, base: str, photo) -> tuple[str, str]:
    page.goto(f"{base}/report")
    page.get_by_label("超标排放", exact=True).check()
    page.get_by_label("情况描述").fill(DESCRIPTION)
    page.get_by_label("所在区县").select_option(label="南山区")
    page.get_by_label("具体地点").fill("南山区某某路与某某街交口东侧排污口")
    page.get_by_label("发生日期").fill((date.today() - timedelta(days=3)).isoformat())
    page.get_by_label("证据材料").set_input_files(photo)
    page.get_by_label("我已阅读隐私说明").check()
    page.get_by_role("button", name="提交举报").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("举报已提交")
    number, code = page.locator(".receipt__codes .code").all_inner_texts()
    assert re.fullmatch(r"HG\d{8}-\d{6}", number)
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)
    assert_accessible(page, "the receipt")
    return number, code


def staff_member_logs_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/admin/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("navigation", name="工作人员导航")).to_be_visible()


def take_action(page, action: str, **labelled_values) -> None:
    """Open the action's <details>, fill its fields by label, press its button."""
    details = page.locator("details.action").filter(
        has=page.locator("summary", has_text=re.compile(f"^{action}$"))
    )
    details.locator("summary").click()
    for label, value in labelled_values.items():
        if value is True:  # a radio button or checkbox, named by its exact label
            details.get_by_label(label, exact=True).check()
            continue
        field = details.get_by_label(label)
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    details.get_by_role("button", name=action).click()
    expect(page.locator(".flash")).to_contain_text(f"已{action}")


def moderator_handles_the_report(page, base: str, number: str) -> None:
    page.goto(f"{base}/admin/reports")
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"举报 {number}")
    expect(page.get_by_role("link", name="查看原图 证据1.jpg")).to_be_visible()
    thumbnail = page.get_by_role("img", name="证据1.jpg 的缩略图，点击查看原图")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("image => image.naturalWidth") == 320  # the photo is 320 wide
    status = page.locator("h1 + p .badge").first

    take_action(page, "受理")
    expect(status).to_have_text("已受理")
    take_action(page, "转办", 承办部门="市环保局")
    expect(status).to_have_text("已转办")
    take_action(page, "办结", 处理结果=RESULT, 属实=True, 责令停产=True, 罚款=True)
    expect(status).to_have_text("已办结")


def citizen_follows_the_report(page, base: str, number: str, code: str) -> None:
    page.goto(f"{base}/report/status")
    page.get_by_label("举报编号").fill(number)
    page.get_by_label("回执码").fill(code)
    page.get_by_role("button", name="查询").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"举报 {number} 的办理进展")
    summary = page.locator("main .summary-list")
    expect(summary).to_contain_text("已办结")
    expect(summary).to_contain_text("市环保局")
    expect(summary).to_contain_text(RESULT)
    assert_accessible(page, "the status of a resolved report")


def test_a_report_goes_from_a_phone_to_the_moderator_and_its_result_back(
    server, db, content, phone, desktop, tmp_path
):
    create_staff("moderator1", "moderator")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(jpeg_bytes(size=(320, 240)))

    number, code = citizen_files_a_report(phone, server, photo)
    staff_member_logs_in(desktop, server, "moderator1")
    moderator_handles_the_report(desktop, server, number)
    citizen_follows_the_report(phone, server, number, code)


def editor_publishes_a_statistics_bulletin(page, base: str) -> None:
    page.goto(f"{base}/admin/bulletins")
    page.get_by_role("link", name="新建通报").click()
    page.get_by_label("类别").select_option(label="季度统计通报")
    page.get_by_label("标题").fill("2008年第三季度节能减排统计通报")
    page.get_by_label("成文日期").fill("2008-10-20")
    page.get_by_label("正文").fill("## 主要指标\n\n前三季度全市二氧化硫排放量继续下降。")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator(".flash")).to_contain_text("已保存")

    new_value = page.locator("form[aria-labelledby=add-value-title]")
    new_value.get_by_label("指标").select_option(label="二氧化硫排放量")
    new_value.get_by_label("统计期").fill("2008Q3")
    new_value.get_by_label("数值").fill("36000")
    new_value.get_by_role("button", name="添加").click()
    expect(page.locator(".flash")).to_contain_text("指标数值已添加")
    expect(page.get_by_role("table")).to_contain_text("二氧化硫排放量")

    page.get_by_role("button", name="发布", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("通报已发布")


def test_an_editors_statistics_bulletin_puts_its_figure_on_the_targets_page(
    server, db, content, desktop, phone
):
    create_staff("editor1", "editor")
    staff_member_logs_in(desktop, server, "editor1")
    editor_publishes_a_statistics_bulletin(desktop, server)

    phone.goto(f"{server}/targets")
    so2 = phone.locator("tr#so2-emissions")
    expect(so2).to_contain_text("2008年第3季度")
    expect(so2).to_contain_text("36,000")
    expect(so2.locator(".badge--track-behind")).to_have_text("进度滞后")
