"""督办 (a reason and a new deadline) and 催办 (a reminder to the handling department): staff
timeline events and audit entries, never on the reporter's status page, counted per department."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.clock import CITY_TZ
from portal.models import AuditEntry, EventKind, Report
from portal.services.reports import escalation
from portal.services.reports.status import for_verified_reporter
from portal.services.reports.workflow import WorkflowError
from tests.support.pages import text_of
from tests.support.reports import MODERATOR, report_in
from tests.support.staff import csrf_from


def today() -> date:
    return datetime.now(UTC).astimezone(CITY_TZ).date()


def load(db, number: str) -> Report:
    return db.session.scalars(select(Report).where(Report.number == number)).one()


def test_a_moderator_supervises_with_a_reason_and_a_later_deadline(db, content, sign_in):
    number = report_in("assigned").report.number
    staff = sign_in("moderator")
    page = staff.get(f"/admin/reports/{number}")
    deadline = (today() + timedelta(days=7)).isoformat()
    done = staff.post(
        f"/admin/reports/{number}/supervise",
        data={
            "csrf_token": csrf_from(page),
            "reason": "群众反映强烈，限期查处",
            "deadline": deadline,
        },
    )
    assert done.status_code == 303
    shown = text_of(staff.get(f"/admin/reports/{number}"))
    assert "群众反映强烈，限期查处" in shown and deadline in shown and "已督办" in shown
    report = load(db, number)
    assert report.supervised and report.supervise_deadline.isoformat() == deadline
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.target_id == number)
    ).all()
    assert "report_supervised" in actions


@pytest.mark.parametrize(
    ("deadline", "message"),
    [
        ("", "请填写督办期限"),
        ("2026-13-45", "督办期限格式应为"),
        ("<script>", "督办期限格式应为"),
        ("today", "督办期限格式应为"),
        ("yesterday", "督办期限应晚于今天"),
    ],
)
def test_a_bad_deadline_is_refused_with_the_reason_kept(db, content, sign_in, deadline, message):
    number = report_in("accepted").report.number
    staff = sign_in("moderator")
    page = staff.get(f"/admin/reports/{number}")
    if deadline == "yesterday":
        deadline = (today() - timedelta(days=1)).isoformat()
    if deadline == "today":
        deadline = today().isoformat()
        message = "督办期限应晚于今天"
    refused = staff.post(
        f"/admin/reports/{number}/supervise",
        data={"csrf_token": csrf_from(page), "reason": "理由保留在表单里", "deadline": deadline},
    )
    assert refused.status_code == 400
    assert message in text_of(refused) and "理由保留在表单里" in refused.get_data(as_text=True)
    assert not load(db, number).supervised


def test_urging_needs_a_handling_department_and_text(db, content, sign_in):
    waiting = report_in("submitted").report.number
    with pytest.raises(WorkflowError, match="尚未转办"):
        escalation.urge(waiting, "请尽快办理", actor=MODERATOR, now=datetime.now(UTC))
    number = report_in("investigating").report.number
    staff = sign_in("moderator")
    page = staff.get(f"/admin/reports/{number}")
    empty = staff.post(f"/admin/reports/{number}/urge", data={"csrf_token": csrf_from(page)})
    assert empty.status_code == 400 and "请填写催办内容" in text_of(empty)
    done = staff.post(
        f"/admin/reports/{number}/urge",
        data={"csrf_token": csrf_from(page), "text": "已超过一周未反馈，请三日内回复。"},
    )
    assert done.status_code == 303
    shown = text_of(staff.get(f"/admin/reports/{number}"))
    assert "催办" in shown and "已超过一周未反馈，请三日内回复。" in shown
    assert load(db, number).urged


def test_closed_reports_cannot_be_escalated(db, content):
    number = report_in("resolved").report.number
    later = today() + timedelta(days=3)
    with pytest.raises(WorkflowError, match="不能督办或催办"):
        escalation.supervise(number, "理由", later, actor=MODERATOR, now=datetime.now(UTC))
    with pytest.raises(WorkflowError, match="不能督办或催办"):
        escalation.urge(number, "催一下", actor=MODERATOR, now=datetime.now(UTC))


def test_escalations_never_reach_the_reporters_status_page(db, content):
    number = report_in("assigned").report.number
    now = datetime.now(UTC)
    escalation.supervise(
        number, "内部督办理由", today() + timedelta(days=5), actor=MODERATOR, now=now
    )
    escalation.urge(number, "内部催办内容", actor=MODERATOR, now=now)
    public = for_verified_reporter(number)
    kinds = {event.kind for event in public.events}
    assert EventKind.SUPERVISE not in kinds and EventKind.URGE not in kinds
    notes = " ".join(e.note or "" for e in public.events)
    assert "内部督办理由" not in notes and "内部催办内容" not in notes


def test_escalations_are_counted_per_department(db, content):
    now = datetime.now(UTC)
    first = report_in("assigned").report.number
    second = report_in("investigating").report.number
    escalation.supervise(first, "督办", today() + timedelta(days=5), actor=MODERATOR, now=now)
    escalation.urge(first, "催办一", actor=MODERATOR, now=now)
    escalation.urge(second, "催办二", actor=MODERATOR, now=now)
    counts = escalation.counts_by_department()
    assert len(counts) == 1  # both went to 环保 (the department of report_in)
    assert (counts[0].supervised, counts[0].urged) == (1, 2)
    assert escalation.counts_by_department(since=now + timedelta(seconds=1)) == []


def test_editors_and_visitors_cannot_escalate(app, db, content, sign_in):
    number = report_in("assigned").report.number
    anonymous = app.test_client().post(f"/admin/reports/{number}/urge", data={"text": "x"})
    assert anonymous.status_code in (302, 303, 400, 401, 403)  # no session, no CSRF token
    assert not load(db, number).urged
    editor = sign_in("editor")
    page = editor.get("/admin/")
    refused = editor.post(
        f"/admin/reports/{number}/supervise",
        data={"csrf_token": csrf_from(page), "reason": "x", "deadline": "2099-01-01"},
    )
    assert refused.status_code == 403
    assert not load(db, number).supervised
