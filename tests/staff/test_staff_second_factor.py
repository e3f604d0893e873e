"""The second factor (issue 12, items 9 and 17): the code step is throttled on the account
whose password was checked — kept on the server, not taken from a form field — for at most
five tries and five minutes; a code is good once; turning it on or off asks for the password;
an admin resets a lost one; no secret or account waits in the cookie."""

import time
import uuid
from dataclasses import replace
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from portal.models import AuditEntry
from portal.services.accounts import users as accounts
from portal.settings import EXTENSION
from tests.support.pages import text_of
from tests.support.sessions import enroll_totp
from tests.support.staff import PASSWORD, create_staff, csrf_from, log_in, post_form


@pytest.fixture
def mod_with_totp(app, db, content) -> str:
    """An account with a second factor; its secret. Enrolment used the current code."""
    create_staff("mod", "moderator")
    setup = app.test_client()
    log_in(setup, "mod")
    return enroll_totp(setup)


@pytest.fixture
def no_account_delay(app):
    """Only the limits of the code step itself, without the account's growing delay."""
    from portal.services.accounts.policy import DelayPolicy

    app.extensions[EXTENSION] = replace(
        app.extensions[EXTENSION], sign_in_delay=DelayPolicy(1000, 1, 1)
    )


def send_code(client, code: str, **extra):
    page = client.get("/admin/login")  # a form of the same session, whether or not one is pending
    return client.post(
        "/admin/login/totp", data={"csrf_token": csrf_from(page), "code": code, **extra}
    )


def later_code(secret: str) -> str:
    """The next time step's code (accepted: phones' clocks run ahead)."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def cookie_of(app, client) -> dict:
    value = client.get_cookie("session").value
    return app.session_interface.get_signing_serializer(app).loads(value)


def test_a_code_is_good_only_once(app, mod_with_totp):
    first, second = app.test_client(), app.test_client()
    code = later_code(mod_with_totp)
    log_in(first, "mod")
    assert send_code(first, code).status_code == 303 and signed_in(first)
    log_in(second, "mod")
    replayed = send_code(second, code)
    assert replayed.status_code == 401 and "已使用过" in text_of(replayed)
    assert not signed_in(second)


def test_the_enrolment_code_cannot_sign_in_again(app, mod_with_totp):
    client = app.test_client()
    log_in(client, "mod")
    assert send_code(client, pyotp.TOTP(mod_with_totp).now()).status_code == 401


def test_the_code_step_is_throttled_on_the_account_whatever_name_is_posted(app, mod_with_totp):
    client = app.test_client()
    log_in(client, "mod")
    for _ in range(5):  # each wrong code under a made-up "username", as an attacker would
        send_code(client, "000000", username=uuid.uuid4().hex)
    send_code(client, later_code(mod_with_totp), username=uuid.uuid4().hex)
    assert not signed_in(client)


def test_five_wrong_codes_end_the_pending_sign_in(app, mod_with_totp, no_account_delay):
    client = app.test_client()
    log_in(client, "mod")
    for _ in range(4):
        assert send_code(client, "000000").status_code == 401
    fifth = send_code(client, "000000")
    assert fifth.status_code == 303 and fifth.headers["Location"].startswith("/admin/login")
    right = send_code(client, later_code(mod_with_totp))
    assert right.headers["Location"].startswith("/admin/login") and not signed_in(client)
    log_in(client, "mod")  # the password again opens five new tries
    assert send_code(client, later_code(mod_with_totp)).status_code == 303 and signed_in(client)


def test_a_checked_password_waits_five_minutes_for_its_code(app, db, mod_with_totp):
    client = app.test_client()
    log_in(client, "mod")
    from portal.models import StaffSession

    pending = db.session.scalars(select(StaffSession).where(StaffSession.revoked_at.is_(None)))
    for row in pending:
        if row.stage.value == "second_factor":
            row.created_at -= timedelta(minutes=5, seconds=1)
    db.session.commit()
    send_code(client, later_code(mod_with_totp))
    assert not signed_in(client)


def test_the_cookie_holds_no_account_while_the_code_is_pending(app, mod_with_totp):
    client = app.test_client()
    log_in(client, "mod")
    cookie = cookie_of(app, client)
    assert "pending_login" not in cookie and "mod" not in str(cookie)


def test_the_secret_being_enrolled_is_not_in_the_cookie(app, db, content):
    create_staff("mod", "moderator")
    client = app.test_client()
    log_in(client, "mod")
    secret = text_of(client.get("/admin/account/totp")).split("手动输入密钥：")[1].split()[0]
    assert secret not in str(cookie_of(app, client))
    assert "totp_pending_secret" not in cookie_of(app, client)


def test_turning_the_second_factor_on_asks_for_the_password(app, db, content):
    create_staff("mod", "moderator")
    client = app.test_client()
    log_in(client, "mod")
    page = client.get("/admin/account/totp")
    secret = text_of(page).split("手动输入密钥：")[1].split()[0]
    response = client.post(
        "/admin/account/totp",
        data={"csrf_token": csrf_from(page), "code": pyotp.TOTP(secret).now()},
    )
    assert response.status_code == 400 and not accounts.find_user("mod").totp_enabled
    wrong = client.post(
        "/admin/account/totp",
        data={
            "csrf_token": csrf_from(page),
            "code": pyotp.TOTP(secret).now(),
            "password": "not my password at all",
        },
    )
    assert wrong.status_code == 400 and "当前密码不正确" in text_of(wrong)
    assert not accounts.find_user("mod").totp_enabled


def test_turning_the_second_factor_off_asks_for_the_password(app, db, mod_with_totp):
    client = app.test_client()
    log_in(client, "mod")
    send_code(client, later_code(mod_with_totp))
    refused = post_form(client, "/admin/account/totp/disable", {"password": "wrong wrong wrong"})
    assert refused.status_code == 400 and accounts.find_user("mod").totp_enabled
    failed = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "password_check_failed")
    ).all()
    assert len(failed) == 1
    done = post_form(client, "/admin/account/totp/disable", {"password": PASSWORD})
    assert done.status_code == 303 and not accounts.find_user("mod").totp_enabled


def test_an_admin_resets_a_lost_second_factor(app, db, mod_with_totp):
    user = accounts.find_user("mod")
    create_staff("boss", "admin")
    boss, mod = app.test_client(), app.test_client()
    log_in(boss, "boss")
    log_in(mod, "mod")
    send_code(mod, later_code(mod_with_totp))
    assert signed_in(mod)
    reset = post_form(boss, f"/admin/users/{user.id}/totp/reset", page_url="/admin/users")
    assert reset.status_code == 303
    assert not signed_in(mod)  # the sessions end with it
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "totp_reset")).one()
    assert (entry.actor_name, entry.target_id) == ("boss", str(user.id))
    fresh = app.test_client()
    assert log_in(fresh, "mod").headers["Location"].endswith("/admin/")  # password alone


def test_only_admins_reset_a_second_factor(app, db, mod_with_totp):
    user = accounts.find_user("mod")
    create_staff("ed", "editor")
    editor = app.test_client()
    log_in(editor, "ed")
    response = post_form(editor, f"/admin/users/{user.id}/totp/reset")
    assert response.status_code == 403 and accounts.find_user("mod").totp_enabled


def test_the_cli_resets_the_last_admins_second_factor(runner, db, mod_with_totp):
    result = runner.invoke(args=["users", "reset-totp", "--username", "mod"])
    assert result.exit_code == 0, result.output
    assert not accounts.find_user("mod").totp_enabled
