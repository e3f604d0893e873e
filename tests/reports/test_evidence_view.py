"""Evidence in view on a moderator's report page: a thumbnail opens the full picture, a PDF
opens inline in a sandboxed same-origin frame, a video plays in the page; all no-store and
for moderators only."""

from tests.support.pages import parse
from tests.support.report_form import receipt_of, submit_report
from tests.support.samples import jpeg_bytes, pdf_from_writer


def submitted_with(app, files) -> str:
    citizen = app.test_client()
    number, _ = receipt_of(citizen, submit_report(citizen, files=files))
    return number


def test_a_pdf_opens_inline_in_a_sandboxed_frame_of_the_report_page(app, db, content, sign_in):
    number = submitted_with(app, [(pdf_from_writer(), "检测报告.pdf")])
    staff = sign_in("moderator")
    page = staff.get(f"/admin/reports/{number}")
    policy = page.headers["Content-Security-Policy"]
    assert "frame-src 'self'" in policy and "frame-ancestors 'none'" in policy
    frame = parse(page).select_one("iframe.evidence-pdf")
    assert frame is not None and "PDF" in frame["title"]
    response = staff.get(frame["src"])
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"].startswith("inline")
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_a_thumbnail_links_to_the_full_picture(app, db, content, sign_in):
    number = submitted_with(app, [(jpeg_bytes((900, 600)), "现场.jpg")])
    staff = sign_in("moderator")
    link = parse(staff.get(f"/admin/reports/{number}")).select_one("a.evidence-thumb")
    full = staff.get(link["href"])
    assert full.status_code == 200 and full.mimetype == "image/jpeg"
    assert full.headers["Cache-Control"] == "no-store"
    thumbnail = staff.get(link.img["src"])
    assert thumbnail.headers["Cache-Control"] == "no-store"
    assert len(thumbnail.data) < len(full.data)
    full.close()
    thumbnail.close()


def test_evidence_is_for_moderators_only(app, db, content, sign_in):
    number = submitted_with(app, [(pdf_from_writer(), "检测报告.pdf")])
    href = parse(sign_in("moderator").get(f"/admin/reports/{number}")).select_one(
        "iframe.evidence-pdf"
    )["src"]
    anonymous = app.test_client().get(href)
    assert anonymous.status_code in (302, 303) and b"%PDF" not in anonymous.data
    editor = sign_in("editor", client=app.test_client())
    assert editor.get(href).status_code == 403
