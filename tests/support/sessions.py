"""Staff sessions and sign-in delays live in the database: tests move their clocks there,
as time passing would. (Models are imported where used, so that the tests using these run —
and fail on what they check — against a code base without them.)"""

from datetime import timedelta

import pyotp
from sqlalchemy import select

from portal.extensions import db
from tests.support.pages import parse, text_of
from tests.support.staff import PASSWORD, csrf_from


def age_sessions(*, idle: timedelta = timedelta(0), old: timedelta = timedelta(0)) -> None:
    """Every session as if last used `idle` ago and opened `old` earlier than it was."""
    from portal.models import StaffSession

    for row in db.session.scalars(select(StaffSession)):
        row.last_seen_at -= idle
        row.created_at -= old
    db.session.commit()


def wait_out_sign_in_delays() -> None:
    """As if every delay after failed sign-ins had passed."""
    from portal.models import SignInDelay

    for row in db.session.scalars(select(SignInDelay)):
        row.retry_after -= timedelta(days=1)
    db.session.commit()


def enroll_totp(client, password: str = PASSWORD) -> str:
    """Turn on the second factor through the enrolment page; the secret it showed."""
    page = client.get("/admin/account/totp")
    secret = parse(page).find("code").get_text(strip=True)
    assert client.get("/admin/account/totp.svg").mimetype == "image/svg+xml"
    response = client.post(
        "/admin/account/totp",
        data={
            "csrf_token": csrf_from(page),
            "code": pyotp.TOTP(secret).now(),
            "password": password,
        },
    )
    assert response.status_code == 303, text_of(response)
    return secret
