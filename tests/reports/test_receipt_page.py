"""Issue 13, "the receipt cannot be lost": the receipt page survives a reload in the same
browser session for 30 minutes (kept on the server, never in the cookie), until the reporter
says "我已保存回执"; then, or after the 30 minutes, it says plainly that it was shown and what
to do without the code."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from portal.models import ShortLivedValue
from portal.services.reports.reporter_session import RECEIPT_TTL, shown_receipt
from tests.support.pages import parse, text_of
from tests.support.report_form import hidden_fields, receipt_of, submit_report
from tests.support.samples import jpeg_bytes

SHOWN = "回执已显示过"


def codes_on(response) -> list[str]:
    return [c.get_text(strip=True) for c in parse(response).select(".receipt__codes .code")]


def held_receipts(db) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(ShortLivedValue)
        .where(ShortLivedValue.purpose == "receipt")
    )


def let_time_pass(db, delta: timedelta) -> None:
    """As if `delta` had passed: every held value's expiry moves that much nearer."""
    for held in db.session.scalars(select(ShortLivedValue)):
        held.expires_at -= delta
    db.session.commit()


def test_a_reload_shows_the_same_receipt_again(client, content):
    number, code = receipt_of(client, submit_report(client))
    for _ in range(3):  # a reload, a phone bringing a dropped tab back…
        again = client.get("/report/receipt")
        assert again.status_code == 200
        assert codes_on(again) == [number, code]
        assert SHOWN not in text_of(again)


def test_the_receipt_says_what_was_received_but_not_the_description(client, content):
    response = submit_report(client, files=[(jpeg_bytes(), "现场.jpg"), (jpeg_bytes(), "夜里.jpg")])
    page = client.get(response.headers["Location"])
    received = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in parse(page).select(".summary-list dt")
    }
    assert received["举报类别"] == "偷排偷放"
    assert received["地点"] == "兴山区 兴山区某某路与某某街交口东侧排污口"
    assert received["证据文件"] == "2 个"
    assert received["提交日期"].endswith("日") and ":" not in received["提交日期"]
    assert "暗管" not in text_of(page) and "某某化工" not in text_of(page)


def test_after_thirty_minutes_the_page_says_the_receipt_was_shown(client, db, content):
    number, code = receipt_of(client, submit_report(client))
    let_time_pass(db, RECEIPT_TTL - timedelta(minutes=1))
    assert codes_on(client.get("/report/receipt")) == [number, code]  # 29 minutes: still there
    let_time_pass(db, timedelta(minutes=1))
    gone = client.get("/report/receipt.pdf")
    assert gone.status_code == 410 and "回执已从服务器清除" in text_of(gone)
    page = client.get("/report/receipt")
    text = text_of(page)
    assert SHOWN in text and code not in text and number not in text
    assert "无法找回" in text and "0468-12369" in text  # what to do without the code


def test_the_held_receipt_expires_after_its_time_to_live(client, db, content):
    submit_report(client)
    with client.session_transaction() as cookie_session:
        handle = cookie_session["receipt"]
    now = datetime.now(UTC)
    assert shown_receipt(handle, now + RECEIPT_TTL - timedelta(seconds=5)) is not None
    assert shown_receipt(handle, now + RECEIPT_TTL + timedelta(seconds=5)) is None


def test_saving_needs_the_box_ticked_and_keeps_the_receipt_on_screen(client, db, content):
    number, code = receipt_of(client, submit_report(client))
    page = client.get("/report/receipt")
    refused = client.post("/report/receipt/done", data=hidden_fields(page))
    assert refused.status_code == 400
    assert "请先保存回执" in text_of(refused)
    assert parse(refused).find(id="saved").get("aria-invalid") == "true"
    assert codes_on(refused) == [number, code]
    assert held_receipts(db) == 1


def test_once_saved_the_receipt_is_gone_and_the_status_page_has_the_number(client, db, content):
    number, code = receipt_of(client, submit_report(client))
    page = client.get("/report/receipt")
    done = client.post("/report/receipt/done", data=hidden_fields(page) | {"saved": "y"})
    assert done.status_code == 303
    assert done.headers["Location"].endswith(f"/report/status?number={number}")
    status = client.get(done.headers["Location"])
    assert "回执已从服务器清除" in text_of(status)
    assert parse(status).find(id="number")["value"] == number
    assert parse(status).find(id="code")["value"] == ""
    assert held_receipts(db) == 0
    again = client.get("/report/receipt")
    assert SHOWN in text_of(again) and code not in text_of(again)
    gone = client.get("/report/receipt.png")
    assert gone.status_code == 404 and "没有可保存的回执" in text_of(gone)


def test_saving_without_the_form_token_loses_nothing(client, db, content):
    number, code = receipt_of(client, submit_report(client))
    refused = client.post("/report/receipt/done", data={"saved": "y"})
    assert refused.status_code == 400 and "页面已过期" in text_of(refused)
    assert codes_on(client.get("/report/receipt")) == [number, code]


def test_another_browser_session_never_sees_the_receipt(app, client, content):
    number, code = receipt_of(client, submit_report(client))
    stranger = app.test_client()
    for path in ("/report/receipt", "/report/receipt?receipt=x"):
        page = stranger.get(path)
        assert page.status_code == 200 and SHOWN in text_of(page)
        assert number not in page.text and code not in page.text
    assert stranger.get("/report/receipt.png").status_code == 404
    assert stranger.get("/report/receipt.pdf").status_code == 404
    # Its own receipt is its own: the two sessions' handles never cross.
    own = receipt_of(stranger, submit_report(stranger))
    assert own != (number, code)
    assert codes_on(client.get("/report/receipt")) == [number, code]


def test_a_forged_or_foreign_handle_shows_nothing(app, client, content):
    number, code = receipt_of(client, submit_report(client))
    with client.session_transaction() as cookie_session:
        real = cookie_session["receipt"]
    stranger = app.test_client()
    for forged in (real[:-1] + ("A" if real[-1] != "A" else "B"), ["list"], 42, "", "x" * 43):
        with stranger.session_transaction() as cookie_session:
            cookie_session["receipt"] = forged
        page = stranger.get("/report/receipt")
        assert page.status_code == 200 and SHOWN in text_of(page), forged
        assert code not in page.text
        assert stranger.get("/report/receipt.pdf").status_code in (404, 410)


def test_copy_buttons_exist_only_for_javascript_and_no_link_carries_the_code(client, content):
    number, code = receipt_of(client, submit_report(client))
    page = parse(client.get("/report/receipt"))
    buttons = page.select("button[data-copy]")
    assert [b["data-copy"] for b in buttons] == ["receipt-number", "receipt-code"]
    assert all(b.has_attr("hidden") for b in buttons)  # shown by static/js/receipt.js
    assert page.find(id="receipt-number").get_text(strip=True) == number
    scripts = page.find_all("script")
    assert all(s.get("src") for s in scripts)  # no inline script (CSP)
    assert any("js/receipt" in s["src"] for s in scripts)
    hrefs = [a["href"] for a in page.find_all("a", href=True)]
    assert f"/report/status?number={number}" in hrefs
    for bare in (code, code.replace("-", "")):
        assert not [h for h in hrefs if bare in h]
    done = page.find("form", action="/report/receipt/done")
    assert (
        done.find("label", attrs={"for": "saved"}).get_text(strip=True).startswith("我已保存回执")
    )


def test_the_status_page_takes_the_number_from_a_link_but_never_the_code(client):
    page = parse(client.get("/report/status?number=hg20261124-000123&code=ABCD2345ABCD2345ABCD"))
    assert page.find(id="number")["value"] == "HG20261124-000123"
    assert page.find(id="code")["value"] == ""
    assert "ABCD2345" not in str(page)
    junk = parse(client.get("/report/status?number=<script>alert(1)</script>"))
    assert junk.find(id="number")["value"] == ""
