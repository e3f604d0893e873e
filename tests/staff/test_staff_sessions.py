"""Staff sessions end on the server (issue 12, item 8): a cookie kept after logout, copied into
another browser, gone idle or ended by an admin opens nothing, whatever the cookie says."""

from datetime import timedelta

from sqlalchemy import select

from portal.models import AuditEntry
from tests.support.pages import parse, text_of
from tests.support.sessions import age_sessions, enroll_totp
from tests.support.staff import create_staff, log_in, post_form

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


def browser(app, user_agent: str):
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = user_agent
    return client


def signed_out(client) -> bool:
    response = client.get("/admin/")
    return response.status_code == 302 and "/admin/login" in response.headers["Location"]


def test_a_cookie_saved_before_logout_no_longer_signs_in(client, db, content):
    create_staff("mod", "moderator")
    log_in(client, "mod")
    saved = client.get_cookie("session").value
    post_form(client, "/admin/logout")
    client.set_cookie("session", saved)  # the saved copy, replayed
    assert signed_out(client)


def test_a_cookie_copied_into_another_browser_opens_nothing(app, db, content):
    create_staff("mod", "moderator")
    laptop = browser(app, FIREFOX)
    log_in(laptop, "mod")
    thief = browser(app, PHONE)
    thief.set_cookie("session", laptop.get_cookie("session").value)
    assert signed_out(thief)


def test_the_cookie_carries_only_an_opaque_token(app, client, db, content):
    user = create_staff("mod", "moderator")
    log_in(client, "mod")
    cookie = app.session_interface.get_signing_serializer(app).loads(
        client.get_cookie("session").value
    )
    assert "_user_id" not in cookie and "_id" not in cookie
    assert str(user.id) not in {str(v) for v in cookie.values()}
    from portal.models import StaffSession

    token = cookie["staff_session"]
    stored = db.session.scalars(select(StaffSession.token_digest)).all()
    assert len(token) >= 40 and token not in stored  # only its digest is kept


def test_the_idle_limit_is_kept_by_the_server(client, db, content):
    create_staff("mod", "moderator")
    log_in(client, "mod")
    age_sessions(idle=timedelta(minutes=29))
    assert client.get("/admin/").status_code == 200  # still in time; the use is noted
    age_sessions(idle=timedelta(minutes=29))
    assert client.get("/admin/").status_code == 200
    age_sessions(idle=timedelta(minutes=31))
    response = client.get("/admin/")
    assert response.status_code == 302 and "expired=1" in response.headers["Location"]


def test_the_lifetime_is_kept_by_the_server_however_busy_the_session(client, db, content):
    create_staff("mod", "moderator")
    log_in(client, "mod")
    age_sessions(old=timedelta(hours=12, minutes=1))
    assert signed_out(client)


def test_an_admin_sees_a_users_sessions_and_ends_one(app, db, content):
    create_staff("boss", "admin")
    create_staff("mod", "moderator")
    boss, laptop, phone = app.test_client(), browser(app, FIREFOX), browser(app, PHONE)
    for client, name in ((boss, "boss"), (laptop, "mod"), (phone, "mod")):
        log_in(client, name)
    page = parse(boss.get("/admin/users"))
    rows = {
        row.find("td").get_text(strip=True): row
        for row in page.find("caption", string=lambda s: s and "登录会话" in s)
        .find_parent("table")
        .find("tbody")
        .find_all("tr")
    }
    assert {"Firefox · Windows", "Chrome · Android"} <= set(rows)
    end_phone = rows["Chrome · Android"].find("form")["action"]
    assert post_form(boss, end_phone, page_url="/admin/users").status_code == 303
    assert signed_out(phone)
    assert laptop.get("/admin/").status_code == 200  # the other session goes on
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "session_ended"))
    assert entry.one().details == {"device": "Chrome · Android"}


def test_a_session_keeps_no_address_and_no_user_agent(app, db, content):
    create_staff("mod", "moderator")
    laptop = browser(app, FIREFOX)
    laptop.environ_base["REMOTE_ADDR"] = "203.0.113.77"
    log_in(laptop, "mod")
    from portal.models import StaffSession

    row = db.session.scalars(select(StaffSession)).one()
    stored = " ".join(str(getattr(row, c.key)) for c in StaffSession.__table__.columns)
    assert "203.0.113" not in stored and "Gecko" not in stored and "rv:128" not in stored
    assert row.device == "Firefox · Windows"


def test_turning_the_second_factor_on_ends_the_other_sessions(app, db, content):
    create_staff("mod", "moderator")
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, "mod")
    log_in(phone, "mod")
    enroll_totp(laptop)
    assert signed_out(phone)
    assert laptop.get("/admin/").status_code == 200


def test_ending_all_my_sessions_ends_this_one_too(app, db, content):
    create_staff("mod", "moderator")
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, "mod")
    log_in(phone, "mod")
    saved = laptop.get_cookie("session").value
    response = post_form(laptop, "/admin/account/sessions")
    assert response.status_code == 303
    laptop.set_cookie("session", saved)
    assert signed_out(laptop) and signed_out(phone)


def test_my_account_lists_my_sessions_and_marks_this_one(app, db, content):
    create_staff("mod", "moderator")
    laptop, phone = browser(app, FIREFOX), browser(app, PHONE)
    log_in(laptop, "mod")
    log_in(phone, "mod")
    page = text_of(laptop.get("/admin/account"))
    assert "Firefox · Windows（当前会话）" in page and "Chrome · Android" in page
