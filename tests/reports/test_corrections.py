"""A moderator corrects a report's category, district, place, date and 涉及对象: the public
pages show the corrected values, staff see what the reporter first wrote beside them, and
each correction is a timeline event with its reason."""

from sqlalchemy import select

from portal.models import AuditEntry, Report, ReportOriginal
from tests.support.pages import parse, text_of
from tests.support.reports import local, publish, report_in
from tests.support.staff import csrf_from


def corrected(**changes) -> dict:
    values = {
        "category": "excess-emission",
        "district": "nanshan",
        "place": "南山区某厂",
        "occurred_on": "2026-11-01",
        "subject": "",
        "reason": "举报人电话中说明地点写错了",
    }
    return values | changes


def post_correction(staff, number, **changes):
    token = csrf_from(staff.get(f"/admin/reports/{number}"))
    return staff.post(
        f"/admin/reports/{number}/correct", data={"csrf_token": token} | corrected(**changes)
    )


def test_a_correction_keeps_the_original_and_shows_both_to_staff(db, content, sign_in):
    number = report_in("submitted").report.number
    staff = sign_in("moderator")
    response = post_correction(
        staff, number, district="xingshan", place="兴山区新兴路洗煤厂", subject="某洗煤厂"
    )
    assert response.status_code == 303
    report = db.session.scalars(select(Report).where(Report.number == number)).one()
    assert (report.district.value, report.place, report.subject) == (
        "xingshan", "兴山区新兴路洗煤厂", "某洗煤厂",
    )  # fmt: skip
    original = db.session.get(ReportOriginal, report.id)
    assert (original.district.value, original.place, original.subject) == (
        "nanshan", "南山区某厂", None,
    )  # fmt: skip

    page = staff.get(f"/admin/reports/{number}")
    facts = " ".join(parse(page).select_one("dl.summary-list").get_text(" ").split())
    assert "兴山区新兴路洗煤厂 举报人原填：南山区某厂" in facts
    assert "兴山区 举报人原填：南山区" in facts
    assert "某洗煤厂 举报人原填：—" in facts
    assert "类别 超标排放 区县" in facts  # unchanged fields show no original
    timeline = text_of(page)
    assert "更正举报信息" in timeline
    assert "地点：南山区某厂 → 兴山区新兴路洗煤厂" in timeline
    assert "理由：举报人电话中说明地点写错了" in timeline
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.target_id == number))
    assert "report_corrected" in list(actions)


def test_a_second_correction_still_keeps_what_the_reporter_wrote(db, content, sign_in):
    number = report_in("submitted").report.number
    staff = sign_in("moderator")
    assert post_correction(staff, number, place="第一次更正").status_code == 303
    assert post_correction(staff, number, place="第二次更正").status_code == 303
    report = db.session.scalars(select(Report).where(Report.number == number)).one()
    assert report.place == "第二次更正"
    assert db.session.get(ReportOriginal, report.id).place == "南山区某厂"
    assert "举报人原填：南山区某厂" in text_of(staff.get(f"/admin/reports/{number}"))


def test_the_public_outcome_shows_the_corrected_values(client, db, content, sign_in):
    report = report_in("resolved").report
    publish(report, local(2026, 11, 20), "某厂冒黑烟。", "已责令整改。")
    staff = sign_in("moderator")
    response = post_correction(staff, report.number, category="secret-discharge", district="luobei")
    assert response.status_code == 303
    (entry,) = parse(client.get("/reports/outcomes")).select("li.outcome")
    text = entry.get_text(" ", strip=True)
    assert f"举报 {report.number}：偷排偷放" in text and "萝北县" in text
    assert "南山区" not in text


def test_the_reporter_sees_which_fields_were_corrected_but_not_the_reason(
    app, db, content, sign_in
):
    number = report_in("submitted").report.number
    post_correction(sign_in("moderator"), number, occurred_on="2026-10-30")
    report = db.session.scalars(select(Report).where(Report.number == number)).one()
    event = report.events[-1]
    assert event.public_note == "工作人员更正了举报信息：发生日期。"
    assert "理由" not in event.public_note and "2026-11-01 → 2026-10-30" in event.internal_note


def test_bad_corrections_are_refused_in_chinese_and_keep_the_input(db, content, sign_in):
    number = report_in("submitted").report.number
    staff = sign_in("moderator")
    cases = [
        ({"reason": "  "}, "请填写更正理由"),
        ({"place": ""}, "地点必须填写"),
        ({"place": "长" * 501}, "不能超过 500 个字"),
        ({"district": "atlantis"}, "请选择区县"),
        ({"category": "<script>"}, "请选择举报类别"),
        ({"occurred_on": "昨天"}, "发生日期格式"),
        ({"occurred_on": "2999-01-01"}, "不能晚于今天"),
        ({"subject": "某" * 201}, "涉及对象不能超过 200 个字"),
        ({}, "没有需要更正的内容"),
    ]
    for changes, message in cases:
        response = post_correction(staff, number, **changes)
        assert response.status_code == 400, changes
        assert message in text_of(response), changes
    kept = post_correction(staff, number, place="", reason="保留的理由")
    assert parse(kept).find("textarea", id="correct-reason").get_text() == "保留的理由"
    report = db.session.scalars(select(Report).where(Report.number == number)).one()
    assert report.place == "南山区某厂"
    assert db.session.get(ReportOriginal, report.id) is None


def test_only_moderators_may_correct(db, content, sign_in, client):
    number = report_in("submitted").report.number
    response = client.post(f"/admin/reports/{number}/correct", data=corrected())
    assert response.status_code in (302, 303, 400, 403)
    assert db.session.scalars(select(Report.place)).one() == "南山区某厂"
    staff = sign_in("moderator")
    token = csrf_from(staff.get(f"/admin/reports/{number}"))
    unknown = staff.post(
        "/admin/reports/HG20260101-000999/correct", data={"csrf_token": token} | corrected()
    )
    assert unknown.status_code == 404
