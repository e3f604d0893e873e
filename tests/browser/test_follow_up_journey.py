"""Issue 13 end to end on a 390×844 phone: a citizen files a report with a photo and a video,
reloads the receipt page, downloads the PNG receipt, checks the status, answers the staff
question quoted above the answer box, and rates the outcome once it is closed."""

import io
import re
from datetime import date, timedelta

from PIL import Image
from playwright.sync_api import expect

from tests.browser.page_checks import assert_accessible
from tests.browser.test_journeys import (
    RESULT,
    staff_member_logs_in,
    take_action,
)
from tests.support.samples import jpeg_bytes
from tests.support.staff import create_staff
from tests.support.videos import make_video, needs_ffmpeg

DESCRIPTION = "傍晚六点后，焦化厂东侧烟囱冒出大量黄色浓烟，周边居民窗台落满黑灰，已持续三天。"
QUESTION = "请问浓烟通常在几点开始、持续多长时间？"
ANSWER = "一般从傍晚六点开始，持续约两个小时，周末也有。"


def files_a_report_with_a_photo_and_a_video(page, base: str, photo, video) -> tuple[str, str]:
    page.goto(f"{base}/report")
    page.get_by_label("超标排放", exact=True).check()
    page.get_by_label("情况描述").fill(DESCRIPTION)
    page.get_by_label("所在区县").select_option(label="东山区")
    page.get_by_label("具体地点").fill("东山区某某焦化厂东侧\n靠近铁路道口")
    page.get_by_label("发生日期").fill((date.today() - timedelta(days=1)).isoformat())
    page.get_by_label("证据材料").set_input_files([photo, video])
    page.get_by_label("我已阅读隐私说明").check()
    page.get_by_role("button", name="提交举报").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("举报已提交")
    number, code = page.locator(".receipt__codes .code").all_inner_texts()
    assert re.fullmatch(r"HG\d{8}-\d{6}", number)
    return number, code


def keeps_the_receipt(page, number: str, code: str, tmp_path) -> None:
    page.reload()  # the phone dropped the tab, or the reporter pressed reload
    expect(page.get_by_role("heading", level=1)).to_have_text("举报已提交")
    assert page.locator(".receipt__codes .code").all_inner_texts() == [number, code]
    expect(page.locator(".receipt")).to_contain_text("2 个")

    with page.expect_download() as download:
        page.get_by_role("link", name="下载图片回执（PNG）").click()
    saved = tmp_path / "receipt.png"
    download.value.save_as(saved)
    image = Image.open(io.BytesIO(saved.read_bytes()))
    assert image.format == "PNG" and image.width >= 300


def looks_up_the_status(page, base: str, number: str, code: str) -> None:
    page.goto(f"{base}/report/status?number={number}")
    expect(page.get_by_label("举报编号")).to_have_value(number)
    # Typed the way a phone keyboard gives it: lower case, spaces instead of dashes.
    page.get_by_label("回执码").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"举报 {number} 的办理进展")


def moderator_asks(page, base: str, number: str) -> None:
    page.goto(f"{base}/admin/reports/{number}")
    expect(page.locator("video")).to_have_count(1)  # the video plays inline for staff
    expect(page.locator(".evidence-thumb img")).to_have_count(1)
    take_action(page, "受理")
    details = page.locator("details.action").filter(has_text="向举报人提问")
    details.locator("summary").click()
    details.get_by_label("问题", exact=False).fill(QUESTION)
    details.get_by_role("button").click()
    expect(page.locator(".flash")).to_contain_text("问题已发出")


def citizen_answers(page) -> None:
    box = page.locator("section[aria-labelledby=reply-title]")
    # The question is quoted right above the answer box, not somewhere in the timeline.
    expect(box.locator("blockquote")).to_contain_text(QUESTION)
    box.get_by_label("您的答复").fill(ANSWER)
    box.get_by_role("button", name="提交答复").click()
    expect(page.locator(".flash")).to_contain_text("您的答复已提交")


def moderator_closes(page, base: str, number: str) -> None:
    page.goto(f"{base}/admin/reports/{number}")
    expect(page.locator("main")).to_contain_text(ANSWER)
    expect(page.locator("main")).to_contain_text("仅办理人员可见")
    take_action(page, "转办", 承办部门="市环保局")
    take_action(page, "办结", 处理结果=RESULT, 属实=True, 责令停产=True, 罚款=True)


def citizen_rates(page) -> None:
    expect(page.locator("main")).to_contain_text("已办结")
    rating = page.locator("section[aria-labelledby=rating-title]")
    rating.get_by_label("满意", exact=True).check()
    rating.get_by_role("button", name="提交评价").click()
    expect(page.locator("main")).to_contain_text("您的评价：满意")
    expect(page.get_by_role("button", name="提交评价")).to_have_count(0)  # once only
    assert_accessible(page, "the status page after rating")


@needs_ffmpeg
def test_a_phone_reporter_follows_a_report_to_its_end(
    server, db, content, phone, desktop, tmp_path
):
    create_staff("moderator1", "moderator")
    photo, video = tmp_path / "photo.jpg", tmp_path / "clip.mp4"
    photo.write_bytes(jpeg_bytes(size=(320, 240)))
    video.write_bytes(make_video("mp4"))

    number, code = files_a_report_with_a_photo_and_a_video(phone, server, photo, video)
    keeps_the_receipt(phone, number, code, tmp_path)
    looks_up_the_status(phone, server, number, code)

    staff_member_logs_in(desktop, server, "moderator1")
    moderator_asks(desktop, server, number)

    looks_up_the_status(phone, server, number, code)
    citizen_answers(phone)

    moderator_closes(desktop, server, number)

    looks_up_the_status(phone, server, number, code)
    citizen_rates(phone)
