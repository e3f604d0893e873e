"""A moderator's page for one report: contact details behind an audited action, evidence as
audited attachments, transitions through forms, questions and the reporter's replies."""

import io
from datetime import UTC, datetime

from sqlalchemy import select

from portal.models import AuditEntry, Report, ReportStatus
from portal.services.reports.follow_up import reply_from_reporter
from portal.services.reports.moderation import ask_reporter
from tests.support.pages import parse, text_of
from tests.support.report_form import hidden_fields, receipt_of, submit_report
from tests.support.reports import MODERATOR, report_in
from tests.support.samples import jpeg_bytes
from tests.support.staff import csrf_from

NAME, PHONE = "钱七", "13600001111"


def audit_actions(db, number) -> list[str]:
    query = select(AuditEntry.action).where(AuditEntry.target_id == number)
    return list(db.session.scalars(query.order_by(AuditEntry.id)))


def test_contact_details_are_hidden_until_revealed_and_the_reveal_is_audited(
    app, db, content, sign_in
):
    citizen = app.test_client()
    number, _ = receipt_of(
        citizen, submit_report(citizen, identity="named", name=NAME, phone=PHONE)
    )
    staff = sign_in("moderator")
    page = staff.get(f"/admin/reports/{number}")
    assert page.status_code == 200
    assert NAME not in page.get_data(as_text=True) and "查看联系方式" in text_of(page)
    shown = staff.post(f"/admin/reports/{number}/contacts", data={"csrf_token": csrf_from(page)})
    assert NAME in text_of(shown) and "+8613600001111" in text_of(shown)
    assert shown.headers["Cache-Control"] == "no-store"
    assert audit_actions(db, number) == ["report_viewed", "contact_viewed"]


def test_evidence_opens_audited_with_nosniff(app, db, content, sign_in):
    citizen = app.test_client()
    number, _ = receipt_of(citizen, submit_report(citizen, files=[(jpeg_bytes(), "现场.jpg")]))
    staff = sign_in("moderator")
    link = parse(staff.get(f"/admin/reports/{number}")).find(
        "a", string=lambda s: s and "证据1.jpg" in s
    )
    response = staff.get(link["href"])
    assert response.status_code == 200
    # a picture (rebuilt from its pixels at intake) opens in the browser: "查看原图"
    assert response.headers["Content-Disposition"].startswith("inline")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == "image/jpeg" and response.data[:2] == b"\xff\xd8"
    response.close()
    assert audit_actions(db, number) == ["report_viewed", "evidence_downloaded"]
    assert staff.get(f"/admin/reports/{number}/evidence/999").status_code == 404


def test_a_transition_through_the_page_and_a_refused_one(app, db, content, sign_in):
    citizen = app.test_client()
    number, _ = receipt_of(citizen, submit_report(citizen))
    staff = sign_in("moderator")
    token = csrf_from(staff.get(f"/admin/reports/{number}"))
    refused = staff.post(
        f"/admin/reports/{number}/transition/reject", data={"csrf_token": token, "public_note": ""}
    )
    assert refused.status_code == 400 and "不予受理必须写明公开理由" in text_of(refused)
    illegal = staff.post(f"/admin/reports/{number}/transition/resolve", data={"csrf_token": token})
    assert illegal.status_code == 400 and "不能办结" in text_of(illegal)
    accepted = staff.post(
        f"/admin/reports/{number}/transition/accept",
        data={"csrf_token": token, "public_note": "已受理"},
    )
    assert accepted.status_code == 303
    assert db.session.scalars(select(Report.status)).one() == ReportStatus.ACCEPTED


def test_a_question_reaches_the_reporter_whose_reply_flags_the_report(app, db, content, sign_in):
    citizen = app.test_client()
    number, code = receipt_of(citizen, submit_report(citizen))
    staff = sign_in("moderator")
    token = csrf_from(staff.get(f"/admin/reports/{number}"))
    staff.post(
        f"/admin/reports/{number}/question",
        data={"csrf_token": token, "question": "排污口具体在哪一侧？"},
    )
    lookup = citizen.post(
        "/report/status",
        data=hidden_fields(citizen.get("/report/status")) | {"number": number, "code": code},
    )
    assert "排污口具体在哪一侧？" in text_of(lookup)
    reply = citizen.post(
        "/report/status/reply",
        data={"csrf_token": csrf_from(lookup), "reply": "在北墙外，靠近铁路桥。",
              "evidence": [(io.BytesIO(jpeg_bytes()), "补充.jpg")]},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert reply.status_code == 200 and "您的答复已提交" in text_of(reply)
    queue = staff.get("/admin/reports?replies=1")
    assert number in text_of(queue)
    page = staff.get(f"/admin/reports/{number}")
    assert "在北墙外，靠近铁路桥。" in text_of(page) and "证据1.jpg" in text_of(page)
    report = db.session.scalars(select(Report)).one()
    assert report.reply_unread and not report.awaiting_reply
    again = citizen.post(
        "/report/status/reply", data={"csrf_token": csrf_from(lookup), "reply": "再补充一句"}
    )
    assert again.status_code == 400 and "目前没有需要您答复的问题" in text_of(again)


def test_replying_needs_a_fresh_number_and_code_proof(app, content):
    citizen = app.test_client()
    page = citizen.get("/report/status")
    response = citizen.post(
        "/report/status/reply", data={"csrf_token": csrf_from(page), "reply": "hello"}
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/report/status")


def test_hotline_intake_through_the_staff_form(app, db, content, sign_in):
    staff = sign_in("moderator")
    page = staff.get("/admin/reports/new")
    data = hidden_fields(page) | {
        "channel": "phone", "category": "energy-waste", "district": "suibin",
        "place": "绥滨县某机关大楼", "occurred_on": "2026-11-02",
        "description": "来电反映：该楼夜间整栋亮灯，空调常年开着，无人值守也不关。",
        "identity": "anonymous", "consent": "y",
    }  # fmt: skip
    response = staff.post("/admin/reports/new", data=data)
    assert response.status_code == 200 and "举报已登记" in text_of(response)
    report = db.session.scalars(select(Report)).one()
    assert report.channel.value == "phone"
    assert audit_actions(db, report.number) == ["report_intake"]


def test_intake_needs_a_channel(app, db, content, sign_in):
    staff = sign_in("moderator")
    page = staff.get("/admin/reports/new")
    response = staff.post("/admin/reports/new", data=hidden_fields(page) | {"channel": "web"})
    assert response.status_code == 400 and "请选择登记渠道" in text_of(response)


def test_publishing_an_outcome_needs_a_resolved_report_and_is_audited(app, db, content, sign_in):
    open_number = report_in("investigating").report.number
    number = report_in("resolved").report.number
    staff = sign_in("moderator")
    form = staff.get(f"/admin/reports/{number}/outcome")
    assert "经查属实" in parse(form).find("textarea", attrs={"name": "result"}).get_text()
    data = {
        "csrf_token": csrf_from(form),
        "summary": "群众反映某厂夜间偷排污水。",
        "result": "经查属实，已处罚。",
    }
    assert staff.post(f"/admin/reports/{number}/outcome", data=data).status_code == 303
    refused = staff.post(f"/admin/reports/{open_number}/outcome", data=data)
    assert refused.status_code == 400 and "只有已办结的举报" in text_of(refused)
    assert audit_actions(db, number)[-1] == "outcome_published"


def test_marking_replies_read_clears_the_flag_and_is_audited(app, db, content, sign_in):
    number = report_in("accepted").report.number
    ask_reporter(number, "排污口具体在哪一侧？", MODERATOR, datetime.now(UTC))
    reply_from_reporter(number, "在北墙外。", [], datetime.now(UTC))
    staff = sign_in("moderator")
    page = staff.get(f"/admin/reports/{number}")
    assert "标记答复为已读" in text_of(page)
    response = staff.post(f"/admin/reports/{number}/read", data={"csrf_token": csrf_from(page)})
    assert response.status_code == 303
    assert "标记答复为已读" not in text_of(staff.get(f"/admin/reports/{number}"))
    assert audit_actions(db, number)[-2:] == ["report_replies_read", "report_viewed"]
    admin = sign_in("admin", client=app.test_client())
    assert "标记答复为已读" in text_of(admin.get(f"/admin/audit?target={number}"))
