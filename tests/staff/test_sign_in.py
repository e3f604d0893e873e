"""Staff sign-in: passwords, throttling, sessions that really end, and the second factor."""

import time
from datetime import timedelta

import pyotp
from sqlalchemy import select

from portal.models import AuditEntry
from portal.services.accounts import users as accounts
from tests.support.pages import text_of
from tests.support.sessions import age_sessions, enroll_totp, wait_out_sign_in_delays
from tests.support.staff import PASSWORD, SETUP, create_staff, csrf_from, log_in, post_form


def actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_signing_in_opens_the_dashboard_and_is_audited(client, db, content):
    create_staff("mod", "moderator")
    response = log_in(client, "mod")
    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/")
    assert client.get("/admin/").status_code == 200
    assert actions(db)[-1] == "login"


def test_the_sign_in_fixture_signs_in_new_staff_with_the_roles_given(app, sign_in):
    editor = sign_in("editor")
    assert editor.get("/admin/bulletins").status_code == 200
    assert editor.get("/admin/users").status_code == 403
    admin = sign_in("admin", client=app.test_client())
    assert admin.get("/admin/users").status_code == 200
    assert editor.get("/admin/users").status_code == 403  # still the editor, beside the admin
    assert [user.username for user in accounts.list_users()] == ["admin1", "editor1"]


def test_a_wrong_password_is_refused_and_audited_without_the_password(client, db, content):
    create_staff("mod", "moderator")
    response = log_in(client, "mod", "wrong password!!")
    assert response.status_code == 401
    assert "用户名或密码不正确" in text_of(response)
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "login_failed")).one()
    assert entry.details["username"] == "mod"
    assert "wrong password" not in str(entry.details)
    assert client.get("/admin/").status_code == 302


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(client, db, content):
    create_staff("mod", "moderator")
    unknown = log_in(client, "nobody", PASSWORD)
    wrong = log_in(client, "mod", "wrong password!!")
    assert unknown.status_code == wrong.status_code == 401
    assert text_of(unknown) == text_of(wrong)


def test_repeated_failures_make_the_account_wait_even_with_the_right_password(client, db, content):
    create_staff("mod", "moderator")
    for _ in range(3):
        assert log_in(client, "mod", "wrong password!!").status_code == 401
    waiting = log_in(client, "mod")
    assert waiting.status_code == 429
    assert "秒后再试" in text_of(waiting) and int(waiting.headers["Retry-After"]) > 0


def test_the_wait_ends_and_the_right_password_then_works(app, client, db, content):
    create_staff("mod", "moderator")
    for _ in range(5):
        log_in(client, "mod", "wrong password!!")
    assert log_in(client, "mod").status_code == 429
    wait_out_sign_in_delays()
    assert log_in(client, "mod").status_code == 303


def test_failures_from_one_address_are_throttled_across_accounts(app, client, content):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    for name in ("a", "b", "c"):
        assert log_in(client, name, "wrong password!!").status_code == 401
    assert log_in(client, "d", "wrong password!!").status_code == 429


def test_session_cookie_is_http_only_and_same_site(client, db, content):
    create_staff("mod", "moderator")
    response = log_in(client, "mod")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # not configured for HTTPS in tests


def test_logout_really_ends_the_session(client, db, content, sign_in):
    sign_in("moderator")
    stolen = client.get_cookie("session").value
    post_form(client, "/admin/logout")
    assert client.get("/admin/").status_code == 302
    client.set_cookie("session", stolen)  # replaying the old cookie must not sign in again
    assert client.get("/admin/").status_code == 302
    assert actions(db)[-1] == "logout"


def test_a_password_change_ends_every_other_session(app, db, content):
    create_staff("mod", "moderator")
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, "mod")
    log_in(phone, "mod")
    response = post_form(
        laptop,
        "/admin/account/password",
        {"current_password": PASSWORD, "new_password": "a brand new passphrase"},
    )
    assert response.status_code == 303
    assert phone.get("/admin/").status_code == 302
    assert log_in(phone, "mod", "a brand new passphrase").status_code == 303


def test_passwords_shorter_than_twelve_characters_are_refused(client, content, sign_in):
    sign_in("moderator")
    response = post_form(
        client, "/admin/account/password", {"current_password": PASSWORD, "new_password": "short"}
    )
    assert response.status_code == 400
    assert "至少需要 12 个字符" in text_of(response)


def test_an_admin_can_end_all_sessions_of_a_user(app, db, content, sign_in):
    boss = sign_in("admin")
    moderator = create_staff("mod", "moderator")
    mod = app.test_client()
    log_in(mod, "mod")
    post_form(boss, f"/admin/users/{moderator.id}/sessions", page_url="/admin/users")
    assert mod.get("/admin/").status_code == 302


def test_idle_sessions_expire(client, content, sign_in):
    sign_in("moderator")
    age_sessions(idle=timedelta(minutes=31))
    response = client.get("/admin/")
    assert response.status_code == 302 and "expired=1" in response.headers["Location"]


def test_sessions_have_an_absolute_lifetime(client, content, sign_in):
    sign_in("moderator")
    age_sessions(old=timedelta(hours=13))
    assert client.get("/admin/").status_code == 302


def test_a_disabled_account_is_signed_out_at_once(app, client, db, content):
    user = create_staff("mod", "moderator")
    log_in(client, "mod")
    accounts.set_active(user, False, SETUP)
    assert client.get("/admin/").status_code == 302
    assert log_in(client, "mod").status_code == 401


def test_second_factor_is_asked_for_after_the_password(app, db, content):
    create_staff("mod", "moderator")
    setup = app.test_client()
    log_in(setup, "mod")
    secret = enroll_totp(setup)
    client = app.test_client()
    response = log_in(client, "mod")
    assert response.headers["Location"].startswith("/admin/login/totp")
    assert client.get("/admin/").status_code == 302  # not signed in yet
    page = client.get("/admin/login/totp")
    wrong = client.post("/admin/login/totp", data={"csrf_token": csrf_from(page), "code": "000000"})
    assert wrong.status_code == 401
    page = client.get("/admin/login/totp")
    # Enrolling used this step's code, and a code is good once: the next one (accepted for
    # phones whose clock runs ahead) is what signs in.
    right = client.post(
        "/admin/login/totp",
        data={"csrf_token": csrf_from(page), "code": pyotp.TOTP(secret).at(time.time() + 30)},
    )
    assert right.status_code == 303
    assert client.get("/admin/").status_code == 200


def test_when_an_admin_requires_it_staff_must_enroll_before_anything_else(app, content, sign_in):
    boss = sign_in("admin")
    create_staff("mod", "moderator")
    post_form(boss, "/admin/settings", {"require_totp": "y"}, page_url="/admin/users")
    client = app.test_client()
    assert log_in(client, "mod").headers["Location"].endswith("/admin/account/totp")
    assert client.get("/admin/reports").headers["Location"].endswith("/admin/account/totp")
    enroll_totp(client)
    assert client.get("/admin/reports").status_code == 200
