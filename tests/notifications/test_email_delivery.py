"""Progress notices by email: staged with the state change, delivered by the worker to a
real SMTP server, never carrying the description, the receipt code or anything for a
change that was rolled back."""

from datetime import UTC, datetime

from sqlalchemy import event, select

from portal.models import OutboxMessage, OutboxState, Report, ReportStatus
from portal.services.reports import workflow
from portal.services.reports.moderation import ask_reporter
from tests.support.notifications import configure, smtp_server
from tests.support.reports import MODERATOR, new_report, report_in

EMAIL = "lisi@example.com"
DESCRIPTION = "化工厂夜里通过暗管往河里排放黑色污水，气味刺鼻，已经持续一周多了。"


def named(**overrides):
    fields = {"identity": "named", "name": "李四", "email": EMAIL, "notify_email": True}
    return fields | {"description": DESCRIPTION} | overrides


def outbox(db) -> list[OutboxMessage]:
    db.session.rollback()  # a new snapshot: the worker committed in its own session
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_the_accepted_mail_reaches_a_real_smtp_server(app, db, runner, content):
    result = report_in("accepted", **named())
    number = result.report.number
    with smtp_server() as (mail, port):
        configure(app, NOTIFY_EMAIL_BACKEND="smtp", SMTP_PORT=port, SMTP_TLS="none")
        output = runner.invoke(args=["outbox", "work", "--once"])
    assert output.exit_code == 0, output.output
    [message] = mail.messages
    assert message["To"] == EMAIL
    assert number in message["Subject"] and "已受理" in message["Subject"]
    body = message.get_content()
    assert "/report/status" in body and "/report/unsubscribe/" in body
    assert message["List-Unsubscribe"].startswith("<http")
    whole = message.as_string()
    assert DESCRIPTION[:12] not in body
    assert result.receipt_code.replace("-", "") not in whole.replace("-", "")
    [row] = outbox(db)
    assert row.state == OutboxState.SENT and row.sent_at is not None and row.attempts == 1


def test_each_notified_state_stages_one_message_and_the_quiet_ones_none(app, db, content):
    number = report_in("resolved", **named()).report.number
    rows = outbox(db)
    # accepted, assigned, resolved notify; "investigating" does not.
    assert [r.payload["status"] for r in rows] == ["已受理", "已转办", "已办结"]
    assert all(r.payload == {"number": number, "status": r.payload["status"]} for r in rows)
    assert len({r.dedupe_key for r in rows}) == 3


def test_a_question_to_the_reporter_is_a_notice_too(app, db, content):
    number = report_in("accepted", **named()).report.number
    ask_reporter(number, "请问排污口的具体位置在哪一侧？", MODERATOR, datetime.now(UTC))
    assert outbox(db)[-1].payload["status"] == "办理中，有问题需要您答复"


def test_a_transition_that_fails_leaves_no_outbox_row(app, db, content):
    number = new_report(**named()).report.number

    def fail_after_the_outbox_row_is_written(session, _context):
        if any(isinstance(row, OutboxMessage) for row in session.new):
            raise RuntimeError("the database went away mid-transaction")

    event.listen(db.session, "after_flush", fail_after_the_outbox_row_is_written)
    try:
        workflow.transition(number, "accept", actor=MODERATOR, now=datetime.now(UTC))
    except RuntimeError:
        db.session.rollback()
    else:
        raise AssertionError("the transition should have failed")
    finally:
        event.remove(db.session, "after_flush", fail_after_the_outbox_row_is_written)
    assert outbox(db) == []
    report = db.session.scalars(select(Report).where(Report.number == number)).one()
    assert report.status == ReportStatus.SUBMITTED


def test_reporters_who_chose_nothing_get_nothing(app, db, content):
    report_in("resolved", **named(notify_email=False))
    report_in("resolved")  # anonymous
    assert outbox(db) == []


def test_the_log_backend_names_the_report_but_no_contact(app, db, runner, content, caplog):
    number = report_in(
        "accepted", **named(phone="13912345678", notify_sms=True, name="保密姓名张三")
    ).report.number
    caplog.set_level("INFO", logger="portal.notifications")
    output = runner.invoke(args=["outbox", "work", "--once"])
    assert output.exit_code == 0, output.output
    lines = [r.getMessage() for r in caplog.records if r.name == "portal.notifications"]
    assert sorted(lines) == [
        f"notification to report {number} via email",
        f"notification to report {number} via sms",
    ]
    logged = "\n".join(lines) + caplog.text
    for private in (EMAIL, "13912345678", "+8613912345678", "保密姓名张三", DESCRIPTION[:12]):
        assert private not in logged
    assert {r.state for r in outbox(db)} == {OutboxState.SENT}


def test_staff_see_the_choice_and_outbox_status_counts_the_rows(app, db, runner, content, sign_in):
    number = report_in("accepted", **named(phone="13912345678", notify_sms=True)).report.number
    page = sign_in("moderator").get(f"/admin/reports/{number}")
    assert "办理进度通知：短信、电子邮件" in page.get_data(as_text=True)
    status = runner.invoke(args=["outbox", "status"])
    assert "待发送（pending）：2" in status.output and "最早的待发送通知" in status.output
    runner.invoke(args=["outbox", "work", "--once"])
    assert "已发送（sent）：2" in runner.invoke(args=["outbox", "status"]).output
