"""kill -9 the server in the middle of a stream of submissions: every report whose receipt
reached the citizen is in the database with its evidence intact, and the database is sound."""

import hashlib
import threading
import time
from pathlib import Path

import requests
from bs4 import BeautifulSoup
from sqlalchemy import select, text

from portal.models import Report
from tests.support.live_server import LiveServer
from tests.support.report_form import valid_report
from tests.support.samples import jpeg_bytes


def submit_until_stopped(base: str, stop: threading.Event, acknowledged: list, index: int):
    while not stop.is_set():
        try:
            with requests.Session() as browser:
                page = BeautifulSoup(browser.get(f"{base}/report", timeout=10).text, "html.parser")
                hidden = {i["name"]: i["value"] for i in page.select("form input[type=hidden]")}
                photo = jpeg_bytes(size=(80 + index, 60))
                receipt = browser.post(
                    f"{base}/report",
                    data=hidden | valid_report(place=f"第{index}号排污口"),
                    files={"evidence": ("p.jpg", photo, "image/jpeg")},
                    timeout=10,
                )
            if receipt.status_code == 200:
                codes = BeautifulSoup(receipt.text, "html.parser").select(".receipt__codes .code")
                if codes:
                    acknowledged.append(codes[0].get_text(strip=True))
        except requests.RequestException:
            pass  # the server died under us: this submission was never acknowledged


def test_acknowledged_reports_survive_kill_9(app, db, content, database_url, tmp_path):
    server = LiveServer(database_url, tmp_path / "live", app.config["SECRET_KEY"], workers=2)
    base = server.start()
    stop, acknowledged = threading.Event(), []
    threads = [
        threading.Thread(target=submit_until_stopped, args=(base, stop, acknowledged, i))
        for i in range(4)
    ]
    for thread in threads:
        thread.start()
    # Kill mid-stream: once receipts are flowing (a loaded machine takes longer to get there).
    deadline = time.monotonic() + 90
    while len(acknowledged) < 4 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    server.kill()
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert len(acknowledged) >= 4, "the stream should have produced some receipts"

    server.start()  # the same database and upload folder, after the crash
    try:
        db.session.remove()
        stored = {r.number: r for r in db.session.scalars(select(Report))}
        missing = set(acknowledged) - set(stored)
        assert not missing, f"acknowledged but lost: {missing}"
        uploads = Path(tmp_path / "live" / "uploads")
        for number in acknowledged:
            (evidence,) = stored[number].evidence
            data = (uploads / evidence.relative_path).read_bytes()
            assert hashlib.sha256(data).hexdigest() == evidence.sha256
        if db.engine.dialect.name == "sqlite":
            assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert requests.get(f"{base}/report", timeout=10).status_code == 200
    finally:
        server.stop()
