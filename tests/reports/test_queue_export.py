"""The queue as CSV / XLSX for the current filter: moderators only, no contact details,
formula-safe, UTF-8 with BOM, audited, and capped with a message."""

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import select

from portal.models import AuditEntry
from portal.services.reports import queue_export
from tests.support.pages import text_of
from tests.support.report_form import receipt_of, submit_report
from tests.support.reports import report_in

NAME, PHONE, EMAIL = "孙八", "13900002222", "sunba@example.com"
FORMULA = '=HYPERLINK("http://evil.example","点我")'


def named_report(app):
    citizen = app.test_client()
    number, _ = receipt_of(
        citizen,
        submit_report(
            citizen, identity="named", name=NAME, phone=PHONE, email=EMAIL, place=FORMULA
        ),
    )
    return number


def csv_rows(response):
    assert response.data.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_csv_export_follows_the_filter_and_leaves_out_contacts(app, db, content, sign_in):
    number = named_report(app)
    other = report_in("accepted").report.number
    staff = sign_in("moderator")
    response = staff.get("/admin/reports/export.csv?status=submitted")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith("attachment")
    rows = csv_rows(response)
    assert rows[0][0] == "举报编号" and "剩余天数" in rows[0]
    numbers = [row[0] for row in rows[1:]]
    assert number in numbers and other not in numbers
    body = response.data.decode("utf-8-sig")
    for private in (NAME, PHONE, "+8613900002222", EMAIL, "联系"):
        assert private not in body
    place = rows[1 + numbers.index(number)][rows[0].index("问题发生地")]
    assert place.startswith("'=")  # shown as text, never run as a formula
    audit = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "report_queue_exported")
    ).one()
    assert audit.details["rows"] == 1 and audit.details["filters"] == {"status": "submitted"}


def test_xlsx_export_keeps_text_as_text(app, db, content, sign_in):
    number = named_report(app)
    staff = sign_in("moderator")
    response = staff.get("/admin/reports/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "举报编号" and rows[1][0] == number
    place = sheet.cell(2, rows[0].index("问题发生地") + 1)
    assert place.value == FORMULA and place.data_type == "s"
    assert all(NAME not in str(v) and PHONE not in str(v) for row in rows for v in row if v)


def test_a_queue_past_the_cap_is_refused_with_a_message(app, db, content, sign_in, monkeypatch):
    monkeypatch.setattr(queue_export, "EXPORT_LIMIT", 2)
    for _ in range(3):
        report_in("submitted")
    staff = sign_in("moderator")
    response = staff.get("/admin/reports/export.csv", follow_redirects=True)
    assert "筛选结果超过 2 件" in text_of(response)
    assert db.session.scalars(select(AuditEntry.id).where(
        AuditEntry.action == "report_queue_exported")).all() == []  # fmt: skip


def test_only_moderators_export_and_hostile_filters_are_400(app, db, content, sign_in):
    report_in("submitted")
    anonymous = app.test_client().get("/admin/reports/export.csv")
    assert anonymous.status_code in (302, 303, 401, 403)
    assert b"\xef\xbb\xbf" not in anonymous.data
    editor = sign_in("editor")
    assert editor.get("/admin/reports/export.csv").status_code == 403
    moderator = sign_in("moderator", client=app.test_client())
    assert moderator.get("/admin/reports/export.pdf").status_code == 404
    bad = moderator.get("/admin/reports/export.csv?district=%3Cscript%3E&order=x")
    assert bad.status_code == 400 and "筛选条件有误" in text_of(bad)
