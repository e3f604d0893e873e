"""Reporter privacy at rest, evidence handling end to end, and nothing half-written."""

import logging
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select, text

from portal.extensions import db as _db
from portal.models import Evidence, Report
from portal.settings import settings
from tests.support.pages import text_of
from tests.support.report_form import hidden_fields, receipt_of, submit_report
from tests.support.samples import jpeg_bytes

NAME, PHONE, EMAIL = "王小明", "13912345678", "wang.xiaoming@example.cn"


def stored_files(app) -> list[Path]:
    root = Path(app.config["UPLOAD_DIR"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def gps_photo() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (47.0, 20.0, 0.0)  # latitude of Hegang
    gps[3], gps[4] = "E", (130.0, 16.0, 0.0)
    return jpeg_bytes(exif=exif, comment=b"taken at home")


def test_contact_details_are_encrypted_at_rest(client, db, content):
    receipt_of(client, submit_report(client, identity="named", name=NAME, phone=PHONE, email=EMAIL))
    row = db.session.execute(
        text("SELECT contact_name, contact_phone, contact_email FROM reports")
    ).one()
    dump = " ".join(str(v) for v in row)
    for secret in (NAME, PHONE, "12345678", "wang.xiaoming", "127.0.0.1"):
        assert secret not in dump
    report = db.session.scalars(select(Report)).one()
    assert settings().cipher.decrypt(report.contact_name) == NAME
    assert settings().cipher.decrypt(report.contact_phone) == "+86" + PHONE


def test_anonymous_reports_keep_no_contact_details_even_if_typed(client, db, content):
    receipt_of(client, submit_report(client, identity="anonymous", name=NAME, phone=PHONE))
    report = db.session.scalars(select(Report)).one()
    assert report.anonymous
    assert (report.contact_name, report.contact_phone, report.contact_email) == (None, None, None)


def test_contact_details_never_appear_on_the_reporters_status_page(client, content):
    number, code = receipt_of(
        client, submit_report(client, identity="named", name=NAME, phone=PHONE, email=EMAIL)
    )
    page = client.get("/report/status")
    response = client.post(
        "/report/status", data=hidden_fields(page) | {"number": number, "code": code}
    )
    assert response.status_code == 200
    for secret in (NAME, PHONE, EMAIL):
        assert secret not in response.get_data(as_text=True)


def test_a_photo_is_stored_without_location_or_camera_data(app, client, db, content):
    receipt_of(client, submit_report(client, files=[(gps_photo(), "IMG_0001.jpg")]))
    evidence = db.session.scalars(select(Evidence)).one()
    assert evidence.media_type == "image/jpeg" and evidence.name == "证据1.jpg"
    # the picture, and its thumbnail beside it
    (path, thumbnail) = sorted(stored_files(app), key=lambda p: p.name.endswith(".thumb.jpg"))
    assert path.name != "IMG_0001.jpg" and path.suffix == ".jpg"
    assert not path.is_relative_to(Path(app.static_folder))
    for kept in (path, thumbnail):
        with Image.open(kept) as stored:
            assert not stored.getexif()
            assert "exif" not in stored.info and "comment" not in stored.info
        raw = kept.read_bytes()
        assert b"PhoneMaker" not in raw and b"taken at home" not in raw


def test_a_disguised_file_is_refused_and_nothing_is_written(app, client, db, content):
    html = b"<html><script>alert(1)</script></html>"
    response = submit_report(client, files=[(jpeg_bytes(), "ok.jpg"), (html, "photo.png")])
    assert response.status_code == 400
    assert "photo.png" in text_of(response)
    assert db.session.scalar(select(func.count()).select_from(Report)) == 0
    assert stored_files(app) == []


def test_too_many_files_is_a_field_error(client, content):
    files = [(jpeg_bytes(), f"{i}.jpg") for i in range(6)]
    response = submit_report(client, files=files)
    assert response.status_code == 400
    assert "最多 5 个" in text_of(response)


def test_a_request_over_the_size_limit_gets_a_chinese_413(app, client, content):
    app.config["MAX_CONTENT_LENGTH"] = 50_000
    response = submit_report(client, files=[(b"\xff" * 60_000, "big.jpg")])
    assert response.status_code == 413
    assert "提交的内容过大" in text_of(response)


def test_a_failed_commit_leaves_no_orphan_file(app, client, db, content, monkeypatch):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def fail():
        raise RuntimeError("disk full")

    monkeypatch.setattr(_db.session, "commit", fail)
    response = submit_report(client, files=[(jpeg_bytes(), "a.jpg")])
    assert response.status_code == 500
    monkeypatch.undo()
    assert stored_files(app) == []
    assert db.session.scalar(select(func.count()).select_from(Report)) == 0


def test_contact_details_never_reach_the_logs(app, client, content, caplog):
    caplog.set_level(logging.DEBUG)
    receipt_of(client, submit_report(client, identity="named", name=NAME, phone=PHONE, email=EMAIL))
    logged = caplog.text
    for secret in (NAME, PHONE, EMAIL):
        assert secret not in logged
