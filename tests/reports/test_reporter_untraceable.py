"""Nothing stored about a report points back at its sender: no address (nor a digest of one),
no name the sender's device gave a file. Issue 12, items 2 and 4."""

import hashlib
import hmac

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from portal.extensions import db
from portal.models import Evidence
from portal.services.common.crypto import derived_key
from tests.support import samples
from tests.support.report_form import receipt_of, submit_report
from tests.support.reports import new_report
from tests.support.samples import jpeg_bytes

ADDRESS = "198.51.100.23"
# What the old code stored: HMAC-SHA256 of the address under a key derived from SECRET_KEY.
# Anyone with the key (or the database and a guess of the key) tries all of IPv4 in hours.
OLD_DIGEST = hmac.new(
    derived_key("test-secret-key", "client-address"), ADDRESS.encode(), hashlib.sha256
).hexdigest()


def everything_stored() -> str:
    """Every value in every table, as one text to search."""
    values = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()):
            values.extend(str(value) for value in row)
    return "\n".join(values)


def test_a_web_report_stores_neither_the_address_nor_a_digest_of_it(app, db, content):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = ADDRESS
    receipt_of(client, submit_report(client))
    receipt_of(client, submit_report(client, identity="named", name="王小明", phone="13812345678"))

    stored = everything_stored()
    assert ADDRESS not in stored and OLD_DIGEST not in stored
    assert "ip_digest" not in {c["name"] for c in inspect(db.engine).get_columns("reports")}


def test_staff_see_numbered_evidence_names_not_the_uploaded_ones(app, client, db, content):
    uploads = [
        (jpeg_bytes(), "张三_工厂.png"),
        (samples.pdf_from_writer(), "IMG_20261120_083000.jpg"),
    ]
    receipt_of(client, submit_report(client, files=uploads))

    rows = db.session.scalars(select(Evidence).order_by(Evidence.id)).all()
    assert [row.name for row in rows] == ["证据1.jpg", "证据2.pdf"]  # the detected types
    stored = everything_stored()
    assert "张三" not in stored and "IMG_2026" not in stored and "083000" not in stored


def test_a_reporters_later_files_continue_the_numbering(app, client, db, content):
    from datetime import UTC, datetime

    from portal.services.reports.follow_up import reply_from_reporter
    from portal.services.reports.moderation import ask_reporter
    from tests.support.reports import MODERATOR

    with app.test_request_context():
        number = new_report(evidence=[(jpeg_bytes(), "DSC0001.JPG")]).report.number
        ask_reporter(number, "排污口的具体位置？", MODERATOR, datetime.now(UTC))
        reply_from_reporter(
            number, "在北墙外。", [(jpeg_bytes(), "我家窗外.jpg")], datetime.now(UTC)
        )

    names = db.session.scalars(select(Evidence.name).order_by(Evidence.id)).all()
    assert names == ["证据1.jpg", "证据2.jpg"]


def test_upgrading_forgets_address_digests_and_uploaded_names(app, content):
    with app.app_context():
        first = new_report(evidence=[(jpeg_bytes(), "a.jpg"), (samples.pdf_from_writer(), "b.pdf")])
        second = new_report(evidence=[(jpeg_bytes(), "c.jpg")])
        numbers = (first.report.number, second.report.number)
        db.session.remove()
        downgrade(revision="0008")
        # As rows written by the old code looked.
        db.session.execute(text("UPDATE reports SET ip_digest = :d"), {"d": OLD_DIGEST})
        db.session.execute(text("UPDATE evidence SET original_name = '张三_工厂.png'"))
        db.session.commit()
        db.session.remove()
        upgrade()
        db.session.remove()

        assert "ip_digest" not in {c["name"] for c in inspect(db.engine).get_columns("reports")}
        assert "ix_reports_ip_digest" not in {
            i["name"] for i in inspect(db.engine).get_indexes("reports")
        }
        rows = db.session.execute(
            text(
                "SELECT reports.number, evidence.name FROM evidence"
                " JOIN reports ON reports.id = evidence.report_id ORDER BY evidence.id"
            )
        ).all()
        assert [tuple(row) for row in rows] == [
            (numbers[0], "证据1.jpg"),
            (numbers[0], "证据2.pdf"),
            (numbers[1], "证据1.jpg"),
        ]
        stored = everything_stored()
        assert OLD_DIGEST not in stored and "张三" not in stored
