"""Failed sign-ins slow an account down; they never lock it (issue 12, item 11). Anybody who
knows a moderator's name could fail five times and keep them out for a quarter of an hour,
again and again; now each attempt after a few failures waits a little longer, the wait is
said in Chinese with 429, and once it has passed the right password works."""

import re

from sqlalchemy import select

from tests.support.pages import text_of
from tests.support.sessions import wait_out_sign_in_delays
from tests.support.staff import create_staff, log_in

WRONG = "wrong password!!"


def retry_after(response) -> int:
    """The wait the page states. Retry-After says at least as much (Flask-Limiter raises it to
    the end of the per-address window)."""
    assert response.status_code == 429, response.status_code
    seconds = int(re.search(r"请 (\d+) 秒后再试", text_of(response)).group(1))
    assert int(response.headers["Retry-After"]) >= seconds - 1  # whole seconds, rounded down
    return seconds


def test_an_attacker_failing_again_and_again_cannot_keep_the_owner_out(client, db, content):
    create_staff("mod", "moderator")
    for _ in range(12):  # a patient attacker, who waits out every delay
        assert log_in(client, "mod", WRONG).status_code == 401
        wait_out_sign_in_delays()
    assert log_in(client, "mod").status_code == 303


def test_attempts_before_the_wait_is_over_are_refused_in_chinese(client, db, content):
    create_staff("mod", "moderator")
    for _ in range(3):
        log_in(client, "mod", WRONG)
    waiting = log_in(client, "mod")
    assert 0 < retry_after(waiting) <= 2
    assert client.get("/admin/").status_code == 302


def test_the_wait_doubles_with_each_failure_up_to_a_cap(client, db, content):
    create_staff("mod", "moderator")
    for _ in range(2):  # typing errors happen: the first failures cost nothing
        assert log_in(client, "mod", WRONG).status_code == 401
    waits = []
    for _ in range(12):
        assert log_in(client, "mod", WRONG).status_code == 401
        waits.append(retry_after(log_in(client, "mod", WRONG)))
        wait_out_sign_in_delays()
    assert waits[:9] == [2, 4, 8, 16, 32, 64, 128, 256, 512]
    assert waits[9:] == [15 * 60] * 3


def test_refused_attempts_do_not_make_the_wait_longer(client, db, content):
    create_staff("mod", "moderator")
    for _ in range(3):
        log_in(client, "mod", WRONG)
    first = retry_after(log_in(client, "mod", WRONG))
    for _ in range(10):
        log_in(client, "mod", WRONG)
    assert retry_after(log_in(client, "mod", WRONG)) <= first


def test_signing_in_starts_the_count_again(client, db, content):
    create_staff("mod", "moderator")
    for _ in range(2):
        log_in(client, "mod", WRONG)
    assert log_in(client, "mod").status_code == 303
    for _ in range(2):
        assert log_in(client, "mod", WRONG).status_code == 401


def test_unknown_names_wait_alike_so_the_answers_tell_no_account_apart(client, db, content):
    create_staff("mod", "moderator")
    known, unknown = [], []
    for name, seen in (("mod", known), ("nobody", unknown)):
        for _ in range(4):
            response = log_in(client, name, WRONG)
            seen.append((response.status_code, text_of(response)))
    assert known == unknown


def test_names_typed_at_the_form_are_not_stored(client, db, content):
    from portal.models import SignInDelay

    log_in(client, "张三的密码也许在这里", WRONG)
    keys = db.session.scalars(select(SignInDelay.key)).all()
    assert len(keys) == 1 and "张三" not in keys[0]
