"""Passwords (issue 12, item 12): the current password asked on a change is throttled and its
failures audited; a new password must not be easily guessed (zxcvbn, score 3 or more) nor be
the current one — on the account page, the admin's form and the command line alike."""

import pytest
from sqlalchemy import select

from portal.models import AuditEntry
from portal.services.accounts import users as accounts
from tests.support.pages import parse, text_of
from tests.support.staff import PASSWORD, create_staff, log_in, post_form

GUESSABLE = ["aaaaaaaaaaaa", "password1234", "123456789012", "qwertyuiopas", "hegang123456"]
STRONG = "river lantern copper seventeen"
TOO_EASY = "太容易被猜中"


def change(client, current: str, new: str):
    return post_form(
        client, "/admin/account/password", {"current_password": current, "new_password": new}
    )


@pytest.mark.parametrize("weak", GUESSABLE)
def test_guessable_passwords_are_refused_on_change(client, db, content, weak):
    create_staff("mod", "moderator")
    log_in(client, "mod")
    response = change(client, PASSWORD, weak)
    assert response.status_code == 400 and TOO_EASY in text_of(response)
    assert accounts.check_password("mod", PASSWORD) is not None


def test_a_password_built_from_the_username_is_refused(client, db, content):
    create_staff("zhangwei", "moderator")
    log_in(client, "zhangwei")
    response = change(client, PASSWORD, "zhangwei2026!")
    assert response.status_code == 400 and TOO_EASY in text_of(response)


def test_the_current_password_cannot_be_reused(client, db, content):
    create_staff("mod", "moderator")
    log_in(client, "mod")
    response = change(client, PASSWORD, PASSWORD)
    assert response.status_code == 400 and "不能与当前密码相同" in text_of(response)
    assert client.get("/admin/").status_code == 200  # nothing changed, nobody signed out


def test_a_strong_new_password_is_taken(client, db, content):
    create_staff("mod", "moderator")
    log_in(client, "mod")
    assert change(client, PASSWORD, STRONG).status_code == 303
    assert accounts.check_password("mod", STRONG) is not None


def test_wrong_current_passwords_are_audited_and_slowed(client, db, content):
    create_staff("mod", "moderator")
    log_in(client, "mod")
    for _ in range(3):
        response = change(client, "a guess at the password", STRONG)
        assert response.status_code == 400 and "当前密码不正确" in text_of(response)
    waiting = change(client, PASSWORD, STRONG)  # even the right one waits now
    assert waiting.status_code == 429 and "秒后再试" in text_of(waiting)
    assert accounts.check_password("mod", PASSWORD) is not None
    failed = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "password_check_failed")
    ).all()
    assert len(failed) == 3 and all(e.actor_name == "mod" for e in failed)
    assert "a guess" not in str([e.details for e in failed])


def test_the_admin_create_form_refuses_a_guessable_password(client, db, content):
    create_staff("boss", "admin")
    log_in(client, "boss")
    response = post_form(
        client, "/admin/users",
        {"username": "ed", "password": "aaaaaaaaaaaa", "roles": ["editor"]},
        page_url="/admin/users",
    )  # fmt: skip
    assert response.status_code == 400
    field = parse(response).find("input", attrs={"name": "password"})
    assert TOO_EASY in parse(response).find(id=field["aria-describedby"].split()[-1]).get_text()
    assert accounts.find_user("ed") is None


def test_the_cli_refuses_guessable_and_reused_passwords(runner, db, content):
    weak = runner.invoke(
        args=["users", "create", "--username", "admin", "--role", "admin", "--password-stdin"],
        input="password1234\n",
    )
    assert weak.exit_code != 0 and TOO_EASY in weak.output
    assert accounts.find_user("admin") is None
    create_staff("admin", "admin")
    reused = runner.invoke(
        args=["users", "set-password", "--username", "admin", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert reused.exit_code != 0 and "不能与当前密码相同" in reused.output
    guessable = runner.invoke(
        args=["users", "set-password", "--username", "admin", "--password-stdin"],
        input="aaaaaaaaaaaa\n",
    )
    assert guessable.exit_code != 0 and TOO_EASY in guessable.output
