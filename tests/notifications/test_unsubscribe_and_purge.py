"""Stopping notifications: the unsubscribe link in every email (a confirm page, then a
CSRF-protected POST), and the retention purge, which cancels what is still waiting."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal.models import OutboxMessage, OutboxState, Report
from portal.services.reports import workflow
from tests.support.notifications import configure, smtp_server
from tests.support.pages import parse, text_of
from tests.support.reports import MODERATOR, report_in

EMAIL = "qian@example.com"


def named(**extra):
    return {"identity": "named", "name": "钱七", "email": EMAIL, "notify_email": True} | extra


def states(db) -> list[OutboxState]:
    db.session.rollback()  # a new snapshot: other sessions committed
    return [r.state for r in db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def unsubscribe_link(app, runner) -> str:
    """Deliver what is due to a local SMTP server and read the link off the mail."""
    with smtp_server() as (mail, port):
        configure(app, NOTIFY_EMAIL_BACKEND="smtp", SMTP_PORT=port, SMTP_TLS="none")
        runner.invoke(args=["outbox", "work", "--once"])
    body = mail.messages[-1].get_content()
    return re.search(r"https?://[^/\s]+(/report/unsubscribe/\S+)", body).group(1)


def test_the_link_asks_first_and_the_post_stops_the_channel(app, client, db, runner, content):
    number = report_in("accepted", **named()).report.number
    link = unsubscribe_link(app, runner)
    page = client.get(link)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    form = parse(page).find("main").find("form", method="post")
    assert form["action"] == link
    assert "确认退订" in form.get_text()
    # Following the link changed nothing (mail scanners open links).
    assert db.session.scalars(select(Report.notify_email)).one() is True
    csrf = form.find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post(link, data={"csrf_token": csrf})
    assert response.status_code == 303
    after = client.get(response.headers["Location"])
    assert "已退订" in text_of(after) and "确认退订" not in text_of(after)
    workflow.transition(
        number, "assign", actor=MODERATOR, now=datetime.now(UTC),
        department_code="environmental-protection",
    )  # fmt: skip
    assert states(db) == [OutboxState.SENT]  # nothing new staged


def test_unsubscribing_needs_the_csrf_token(app, client, db, runner, content):
    report_in("accepted", **named())
    link = unsubscribe_link(app, runner)
    response = client.post(link, data={})
    assert response.status_code == 400
    db.session.rollback()
    assert db.session.scalars(select(Report.notify_email)).one() is True


def test_unsubscribing_cancels_what_is_still_waiting(app, client, db, runner, content):
    number = report_in("accepted", **named()).report.number
    link = unsubscribe_link(app, runner)
    workflow.transition(
        number, "assign", actor=MODERATOR, now=datetime.now(UTC),
        department_code="environmental-protection",
    )  # fmt: skip
    assert states(db) == [OutboxState.SENT, OutboxState.PENDING]
    csrf = parse(client.get(link)).find("input", attrs={"name": "csrf_token"})["value"]
    client.post(link, data={"csrf_token": csrf})
    assert states(db) == [OutboxState.SENT, OutboxState.CANCELLED]


def test_a_forged_or_damaged_link_is_not_found(app, client, db, runner, content):
    report_in("accepted", **named())
    link = unsubscribe_link(app, runner)
    report_id, channel, mac = link.rsplit("/", 1)[1].split("-")
    forged = [
        f"/report/unsubscribe/{int(report_id) + 1}-{channel}-{mac}",
        f"/report/unsubscribe/{report_id}-sms-{mac}",
        f"/report/unsubscribe/{report_id}-{channel}-{'0' * 32}",
        "/report/unsubscribe/not-a-token",
        "/report/unsubscribe/1-email",
    ]
    for url in forged:
        assert client.get(url).status_code == 404, url


def test_the_purge_cancels_waiting_messages_and_a_purged_report_never_notifies(
    app, db, runner, content
):
    number = report_in("resolved", **named()).report.number
    report = db.session.scalars(select(Report).where(Report.number == number)).one()
    report.closed_at = datetime.now(UTC) - timedelta(days=400)
    db.session.commit()
    assert set(states(db)) == {OutboxState.PENDING}
    result = runner.invoke(args=["reports", "purge-contacts", "--older-than", "365"])
    assert result.exit_code == 0, result.output
    assert set(states(db)) == {OutboxState.CANCELLED}
    with smtp_server() as (mail, port):
        configure(app, NOTIFY_EMAIL_BACKEND="smtp", SMTP_PORT=port, SMTP_TLS="none")
        runner.invoke(args=["outbox", "work", "--once"])
    assert mail.messages == []


def test_a_message_claimed_after_the_purge_is_cancelled_at_send_time(app, db, runner, content):
    """A row that was pending when the contacts went (made pending again here, as a row
    written by a transaction that raced the purge would be) is checked when it is sent."""
    number = report_in("resolved", **named()).report.number
    report = db.session.scalars(select(Report).where(Report.number == number)).one()
    report.closed_at = datetime.now(UTC) - timedelta(days=400)
    db.session.commit()
    runner.invoke(args=["reports", "purge-contacts", "--older-than", "365"])
    db.session.rollback()
    for row in db.session.scalars(select(OutboxMessage)):
        row.state = OutboxState.PENDING
    db.session.commit()
    with smtp_server() as (mail, port):
        configure(app, NOTIFY_EMAIL_BACKEND="smtp", SMTP_PORT=port, SMTP_TLS="none")
        runner.invoke(args=["outbox", "work", "--once"])
    assert mail.messages == []
    assert set(states(db)) == {OutboxState.CANCELLED}
