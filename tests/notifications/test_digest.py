"""The moderators' daily digest: new reports and reports within 3 days of their limits,
emailed through the outbox to active moderators with an address; numbers, categories,
districts and days left, nothing a reporter wrote or left as a contact."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import OutboxMessage, ReportStatus
from portal.services.accounts import users as accounts
from tests.support.notifications import configure, smtp_server
from tests.support.reports import PRIVATE_TEXT
from tests.support.staff import PASSWORD, create_staff


def moderator(username: str, email: str = "", *roles: str):
    user = create_staff(username, *(roles or ("moderator",)))
    user.email = email or None
    db.session.commit()
    return user


@pytest.mark.usefixtures("db")
def test_the_digest_lists_new_and_nearly_due_reports_for_each_moderator(
    app, runner, content, make_report
):
    now = datetime.now(UTC)
    new = make_report(now - timedelta(hours=3))
    to_decide = make_report(now - timedelta(days=13))  # 受理期限 in 2 days
    to_resolve = make_report(
        now - timedelta(days=70), status=ReportStatus.ASSIGNED, decided_after=timedelta(days=11)
    )  # decided 59 days ago: 办结期限 in 1 day
    overdue = make_report(now - timedelta(days=20))  # past its limit: the queue flags it
    old_quiet = make_report(now - timedelta(days=5))
    moderator("mod1", "mod1@example.com")
    moderator("mod2")  # no address: no digest
    moderator("editor1", "ed@example.com", "editor")
    quiet = moderator("mod3", "mod3@example.com")
    quiet.active = False
    db.session.commit()

    result = runner.invoke(args=["reports", "digest"])
    assert result.exit_code == 0, result.output
    assert "新收 1 件，临近期限 2 件" in result.output and "已排入发件箱 1 封" in result.output
    with smtp_server() as (mail, port):
        configure(app, NOTIFY_EMAIL_BACKEND="smtp", SMTP_PORT=port, SMTP_TLS="none")
        runner.invoke(args=["outbox", "work", "--once"])
    [message] = mail.messages
    assert message["To"] == "mod1@example.com"
    assert "新收 1 件，临近期限 2 件" in message["Subject"]
    body = message.get_content()
    new_section, near_section = body.split("二、")
    assert new.number in new_section and to_decide.number not in new_section
    assert f"{to_decide.number}" in near_section and "受理期限剩 2 天" in near_section
    assert f"{to_resolve.number}" in near_section and "办结期限剩 1 天" in near_section
    assert near_section.index(to_resolve.number) < near_section.index(to_decide.number)
    assert overdue.number not in body and old_quiet.number not in body
    assert "偷排偷放" in body and "兴山区" in body
    for private in PRIVATE_TEXT:
        assert private not in message.as_string()


@pytest.mark.usefixtures("db")
def test_running_the_digest_twice_a_day_sends_it_once(app, runner, content):
    moderator("mod1", "mod1@example.com")
    runner.invoke(args=["reports", "digest"])
    again = runner.invoke(args=["reports", "digest"])
    assert "已排入发件箱 0 封" in again.output
    db.session.rollback()
    assert len(db.session.scalars(select(OutboxMessage)).all()) == 1


@pytest.mark.usefixtures("db")
def test_users_create_takes_an_email_and_refuses_a_bad_one(app, runner):
    ok = runner.invoke(
        args=["users", "create", "--username", "mod9", "--role", "moderator",
              "--email", "Mod9@Example.com", "--password-stdin"],
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert ok.exit_code == 0, ok.output
    assert accounts.find_user("mod9").email == "Mod9@example.com"
    bad = runner.invoke(
        args=["users", "create", "--username", "mod8", "--role", "moderator",
              "--email", "not an address", "--password-stdin"],
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert bad.exit_code != 0 and "电子邮箱格式不正确" in bad.output
    assert accounts.find_user("mod8") is None
