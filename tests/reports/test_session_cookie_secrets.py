"""Issue 12 item 17: the session cookie is signed, not encrypted — whoever holds it reads it.
After a submission and after a status lookup it carries no receipt code and no report
number; those stay on the server (short_lived_values) behind a random handle, which works on
any app server, expires, and is purged."""

import base64
import zlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, text

from portal.extensions import db as _db
from portal.models import ShortLivedValue
from portal.services.common import short_lived
from tests.support.app import make_app
from tests.support.pages import parse, text_of
from tests.support.report_form import hidden_fields, submit_report

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def readable_cookie(client) -> str:
    """What anyone holding the cookie reads, without the secret key: the payload is only
    base64 (and zlib when it starts with a dot)."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    payload = cookie.value
    compressed = payload.startswith(".")
    payload = payload.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return (zlib.decompress(raw) if compressed else raw).decode()


def receipt_codes(response) -> list[str]:
    return [c.get_text(strip=True) for c in parse(response).select(".receipt__codes .code")]


def test_after_submitting_the_cookie_holds_neither_number_nor_code(client, content):
    response = submit_report(client)
    assert response.status_code == 303
    cookie = readable_cookie(client)  # the receipt waits for the next page: where is it?
    receipt = client.get(response.headers["Location"])
    number, code = receipt_codes(receipt)
    assert number not in cookie
    for form in (code, code.replace("-", "")):
        assert form not in cookie
    assert "HG" not in cookie and '"code"' not in cookie


def test_after_a_status_lookup_the_cookie_holds_no_report_number(client, content):
    number, code = receipt_codes(client.get(submit_report(client).headers["Location"]))
    form = hidden_fields(client.get("/report/status"))
    response = client.post("/report/status", data=form | {"number": number, "code": code})
    assert response.status_code == 200 and number in text_of(response)
    assert number not in readable_cookie(client)


def test_the_receipt_is_gone_from_the_server_once_the_reporter_saved_it(client, db, content):
    response = submit_report(client)
    assert db.session.scalar(select(func.count()).select_from(ShortLivedValue).where(
        ShortLivedValue.purpose == "receipt")) == 1  # fmt: skip
    receipt = client.get(response.headers["Location"])
    assert receipt_codes(receipt)
    client.post("/report/receipt/done", data=hidden_fields(receipt) | {"saved": "y"})
    assert "回执已显示过" in text_of(client.get("/report/receipt"))
    assert db.session.scalar(select(func.count()).select_from(ShortLivedValue).where(
        ShortLivedValue.purpose == "receipt")) == 0  # fmt: skip


def test_a_stored_value_is_neither_its_handle_nor_readable(db):
    handle = short_lived.put("demo", {"code": "ABCD-EFGH"}, ttl=timedelta(minutes=5), now=NOW)
    dump = " ".join(
        str(v) for row in db.session.execute(text("SELECT * FROM short_lived_values")) for v in row
    )
    assert handle not in dump and "ABCD" not in dump
    assert short_lived.get("demo", handle, now=NOW) == {"code": "ABCD-EFGH"}
    assert short_lived.get("other-purpose", handle, now=NOW) is None


def test_a_value_expires_and_pop_gives_it_out_once(db):
    handle = short_lived.put("demo", [1, 2], ttl=timedelta(minutes=5), now=NOW)
    assert short_lived.get("demo", handle, now=NOW + timedelta(minutes=6)) is None
    assert short_lived.pop("demo", handle, now=NOW) == [1, 2]
    assert short_lived.pop("demo", handle, now=NOW) is None
    assert short_lived.get("demo", "not-a-handle", now=NOW) is None
    assert short_lived.get("demo", None, now=NOW) is None


def test_a_handle_made_on_one_app_server_works_on_another(app, database_url, tmp_path):
    with app.app_context():
        handle = short_lived.put("demo", {"n": 1}, ttl=timedelta(minutes=5), now=NOW)
        _db.session.remove()
    other = make_app(
        database_url,
        tmp_path / "other",
        SECRET_KEY=app.config["SECRET_KEY"],
        CONTACT_ENCRYPTION_KEYS=app.config["CONTACT_ENCRYPTION_KEYS"],
    )
    with other.app_context():
        assert short_lived.pop("demo", handle, now=NOW) == {"n": 1}
        _db.session.remove()
        _db.engine.dispose()
    with app.app_context():
        assert short_lived.get("demo", handle, now=NOW) is None


def test_expired_values_are_purged_on_write_and_by_the_purge_command(app, db, runner):
    short_lived.put("demo", 1, ttl=timedelta(minutes=1), now=NOW)
    short_lived.put("demo", 2, ttl=timedelta(minutes=1), now=NOW + timedelta(minutes=5))
    assert db.session.scalar(select(func.count()).select_from(ShortLivedValue)) == 1

    now = datetime.now(UTC)
    fresh = short_lived.put("demo", 3, ttl=timedelta(hours=1), now=now)
    short_lived.put("demo", 4, ttl=timedelta(seconds=1), now=now - timedelta(hours=1))
    result = runner.invoke(args=["reports", "purge-contacts"])
    assert result.exit_code == 0, result.output
    assert "已清除过期的临时数据 1 条" in result.output
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(ShortLivedValue)) == 1
    assert short_lived.get("demo", fresh, now=now) == 3
