"""200 citizens at once, against gunicorn with 4 workers: every acknowledged report is
stored once, with a unique number and a working receipt code."""

from concurrent.futures import ThreadPoolExecutor

import requests
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.models import Report
from portal.settings import settings
from tests.support.live_server import live_server
from tests.support.report_form import valid_report
from tests.support.samples import jpeg_bytes

SUBMISSIONS = 200


def file_a_report(base: str, index: int) -> tuple[str, str]:
    with requests.Session() as browser:
        form_page = BeautifulSoup(browser.get(f"{base}/report", timeout=30).text, "html.parser")
        hidden = {i["name"]: i["value"] for i in form_page.select("form input[type=hidden]")}
        data = hidden | valid_report(place=f"兴山区第{index}号排污口")
        files = {"evidence": (f"photo{index}.jpg", jpeg_bytes(), "image/jpeg")}
        receipt = browser.post(f"{base}/report", data=data, files=files, timeout=60)
        assert receipt.status_code == 200, receipt.status_code
        page = BeautifulSoup(receipt.text, "html.parser")
        number, code = [c.get_text(strip=True) for c in page.select(".receipt__codes .code")]
        return number, code


def test_200_concurrent_submissions_make_200_reports(app, db, content, database_url, tmp_path):
    server = live_server(database_url, tmp_path / "live", app.config["SECRET_KEY"])
    with server as base, ThreadPoolExecutor(max_workers=SUBMISSIONS) as pool:
        receipts = list(pool.map(lambda i: file_a_report(base, i), range(SUBMISSIONS)))

    db.session.expire_all()
    reports = {r.number: r for r in db.session.scalars(select(Report))}
    assert len(reports) == SUBMISSIONS
    assert {number for number, _ in receipts} == set(reports)
    for number, code in receipts:
        assert settings().receipt_hasher.verify(reports[number].receipt_hash, code), number
    assert all(len(r.evidence) == 1 for r in reports.values())
