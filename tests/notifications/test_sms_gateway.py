"""SMS through an HTTP gateway (a local server standing in for it): the JSON the gateway
takes, the API key header, and retries with backoff when it answers 500."""

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal.models import OutboxMessage, OutboxState
from portal.services.notifications import worker
from tests.support.notifications import configure, sms_gateway
from tests.support.reports import report_in

PHONE = "13812345678"


def named_sms():
    return {"identity": "named", "name": "王五", "phone": PHONE, "notify_sms": True}


def the_row(db) -> OutboxMessage:
    db.session.rollback()  # a new snapshot: the worker committed in its own session
    return db.session.scalars(select(OutboxMessage)).one()


def use_gateway(app, url):
    configure(
        app, NOTIFY_SMS_BACKEND="http", SMS_GATEWAY_URL=url,
        SMS_GATEWAY_KEY="gateway-secret-key", SMS_TEMPLATE_ID="SMS_012345",
    )  # fmt: skip


def test_the_gateway_gets_phone_template_and_params_with_its_key(app, db, runner, content):
    number = report_in("accepted", **named_sms()).report.number
    with sms_gateway([200]) as (gateway, url):
        use_gateway(app, url)
        output = runner.invoke(args=["outbox", "work", "--once"])
    assert output.exit_code == 0, output.output
    [(headers, body)] = gateway.requests
    assert headers["X-API-Key"] == "gateway-secret-key"
    assert headers["Content-Type"] == "application/json"
    assert body == {
        "phone": "+86" + PHONE,
        "template_id": "SMS_012345",
        "params": {"number": number, "status": "已受理"},
    }
    assert the_row(db).state == OutboxState.SENT


def test_a_500_is_retried_after_a_backoff_and_then_sent(app, db, runner, content):
    report_in("accepted", **named_sms())
    with sms_gateway([500]) as (gateway, url):
        use_gateway(app, url)
        before = datetime.now(UTC)
        runner.invoke(args=["outbox", "work", "--once"])
        row = the_row(db)
        assert row.state == OutboxState.PENDING and row.attempts == 1
        assert row.last_error == "SMS gateway HTTP 500"
        assert PHONE not in row.last_error
        assert row.next_attempt_at >= before + timedelta(seconds=60)
        # Run again at once: nothing is due yet, the gateway hears nothing more.
        runner.invoke(args=["outbox", "work", "--once"])
        assert len(gateway.requests) == 1
        # Two minutes later the retry goes out, and succeeds.
        later = datetime.now(UTC) + timedelta(minutes=2)
        with app.app_context():
            worker.work(lambda: later, threading.Event(), once=True)
        assert len(gateway.requests) == 2
    row = the_row(db)
    assert row.state == OutboxState.SENT and row.attempts == 2


def test_the_backoff_doubles_and_gives_up_after_the_last_try(app, db, content):
    report_in("accepted", **named_sms())
    with sms_gateway([500] * 3) as (gateway, url):
        use_gateway(app, url)
        configure(app, OUTBOX_MAX_ATTEMPTS=3)
        now = datetime.now(UTC)
        waits = []
        for _ in range(3):
            with app.app_context():
                worker.work(lambda at=now: at, threading.Event(), once=True)
            row = the_row(db)
            waits.append(row.next_attempt_at - now)
            now = row.next_attempt_at + timedelta(seconds=1)
    assert waits[:2] == [timedelta(minutes=1), timedelta(minutes=2)]
    assert row.state == OutboxState.FAILED and row.attempts == 3
    assert len(gateway.requests) == 3


def test_an_unreachable_gateway_is_a_failure_not_a_crash(app, db, runner, content):
    report_in("accepted", **named_sms())
    use_gateway(app, "http://127.0.0.1:9/nothing-listens-here")
    output = runner.invoke(args=["outbox", "work", "--once"])
    assert output.exit_code == 0, output.output
    row = the_row(db)
    assert row.state == OutboxState.PENDING and row.last_error.startswith("SMS gateway")
