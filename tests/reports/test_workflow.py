"""The report workflow: every transition legal and illegal, notes where they are required,
events and audit rows for each, and what the reporter sees."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.models import AuditEntry, EventKind, ReportStatus
from portal.services.reports import workflow
from portal.services.reports.follow_up import reply_from_reporter
from portal.services.reports.moderation import ask_reporter, load_report
from portal.services.reports.status import find_for_reporter
from tests.support.reports import CLOSING, MODERATOR, PATHS, new_report, report_in

NOTES = {
    "reject": {"public_note": "举报内容不属于本平台受理范围。"},
    "resolve": {"public_note": "已责令整改。", **CLOSING},
    "assign": {"department_code": "environmental-protection"},
}
EXPECTED = {
    # action: the states it may start from
    "accept": {"submitted"},
    "reject": {"submitted"},
    "duplicate": {"submitted", "accepted"},
    "assign": {"accepted", "assigned", "investigating"},
    "investigate": {"assigned"},
    "resolve": {"assigned", "investigating"},
}


def run(number, action, **extra):
    return workflow.transition(number, action, actor=MODERATOR, now=datetime.now(UTC), **extra)


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("state", sorted(PATHS))
def test_each_action_is_allowed_exactly_from_its_states(db, content, action, state):
    number = report_in(state).report.number
    extra = dict(NOTES.get(action, {}))
    if action == "duplicate":
        extra["duplicate_of"] = new_report().report.number
    if state in EXPECTED[action]:
        report = run(number, action, **extra)
        assert report.status == workflow.TRANSITIONS[action].target
    else:
        with pytest.raises(workflow.WorkflowError, match="不能"):
            run(number, action, **extra)
        assert load_report(number).status == ReportStatus(state)


def test_rejecting_requires_a_public_reason(db, content):
    number = new_report().report.number
    with pytest.raises(workflow.WorkflowError, match="公开理由"):
        run(number, "reject", public_note="   ")


def test_resolving_requires_a_public_result(db, content):
    number = report_in("investigating").report.number
    with pytest.raises(workflow.WorkflowError, match="处理结果"):
        run(number, "resolve")


def test_assigning_requires_a_known_department(db, content):
    number = report_in("accepted").report.number
    with pytest.raises(workflow.WorkflowError, match="承办部门"):
        run(number, "assign", department_code="no-such-office")


def test_a_duplicate_must_point_to_another_existing_report(db, content):
    number = new_report().report.number
    with pytest.raises(workflow.WorkflowError, match="原举报编号"):
        run(number, "duplicate")
    with pytest.raises(workflow.WorkflowError, match="自身"):
        run(number, "duplicate", duplicate_of=number)
    with pytest.raises(workflow.WorkflowError, match="找不到"):
        run(number, "duplicate", duplicate_of="HG19990101-000001")


def test_each_transition_records_an_event_and_an_audit_entry(db, content):
    number = report_in("resolved").report.number
    report = load_report(number)
    kinds = [(e.status, e.actor) for e in report.events]
    assert [k[0] for k in kinds] == [
        ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.ASSIGNED,
        ReportStatus.INVESTIGATING, ReportStatus.RESOLVED,
    ]  # fmt: skip
    assert all(actor == "受理员甲" for _, actor in kinds[1:])
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.target_id == number).order_by(AuditEntry.id)
    ).all()
    assert [e.details["action"] for e in entries] == ["accept", "assign", "investigate", "resolve"]
    assert all(e.actor_name == "受理员甲" and e.ip == "10.0.0.1" for e in entries)
    assert report.decided_at and report.resolved_at and report.closed_at
    assert report.department.name == "市环保局"


def test_the_reporter_sees_public_notes_but_never_internal_ones(db, content):
    result = new_report()
    number = result.report.number
    run(number, "accept", public_note="已受理，将尽快核查。", internal_note="该厂去年已被处罚过")
    view = find_for_reporter(number, result.receipt_code)
    notes = [e.note for e in view.events]
    assert "已受理，将尽快核查。" in notes
    assert all("去年已被处罚" not in (note or "") for note in notes)
    assert view.status == ReportStatus.ACCEPTED


def test_a_resolved_report_shows_its_public_result_to_the_reporter(db, content):
    result = report_in("resolved")
    view = find_for_reporter(result.report.number, result.receipt_code)
    assert view.public_result == "经查属实，已责令停产整治并处罚款。"


def test_an_unknown_action_is_refused(db, content):
    with pytest.raises(workflow.WorkflowError, match="未知"):
        run(new_report().report.number, "delete")


def test_the_timeline_keeps_who_did_what_when_and_the_status_it_left(db, content):
    number = new_report().report.number
    day = lambda n: datetime(2026, 11, n, 9, tzinfo=UTC)  # noqa: E731
    workflow.transition(number, "accept", actor=MODERATOR, now=day(2), internal_note="先查许可证")
    workflow.transition(
        number, "assign", actor=MODERATOR, now=day(3), department_code="environmental-protection"
    )
    ask_reporter(number, "黑烟一般在几点出现？", MODERATOR, day(4))
    reply_from_reporter(number, "多在夜里十点以后。", [], day(5))
    report = load_report(number)
    events = [
        (e.kind, e.status, e.actor, e.public_note, e.internal_note, e.department)
        for e in report.events
    ]
    S, K, bureau = ReportStatus, EventKind, report.department
    assert events == [
        (K.SUBMITTED, S.SUBMITTED, "举报人", "通过网站渠道提交举报。", None, None),
        (K.TRANSITION, S.ACCEPTED, "受理员甲", "举报已受理。", "先查许可证", None),
        (K.TRANSITION, S.ASSIGNED, "受理员甲", f"已转交{bureau.name}办理。", None, bureau),
        (K.QUESTION, S.ASSIGNED, "受理员甲", "黑烟一般在几点出现？", None, None),
        (K.REPLY, S.ASSIGNED, "举报人", "多在夜里十点以后。", None, None),
    ]
    assert [e.created_at for e in report.events[1:]] == [day(2), day(3), day(4), day(5)]
