"""A report with a photo and a video, as staff handle it: the photo as a thumbnail linking to
the full picture, the video playing in the page (ranges answered, so it can seek), both only
for moderators and never cached; and nobody else reaches either."""

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from portal.models import AuditEntry, Evidence
from tests.support.pages import parse
from tests.support.report_form import receipt_of, submit_report
from tests.support.samples import jpeg_bytes
from tests.support.videos import make_video, needs_ffmpeg

pytestmark = needs_ffmpeg


@pytest.fixture
def filed(client, db, content):
    photo = jpeg_bytes(size=(1200, 900))
    sent = submit_report(client, files=[(photo, "IMG_0042.jpg"), (make_video(), "VID_01.mp4")])
    number, _ = receipt_of(client, sent)
    photo_row, video_row = db.session.scalars(select(Evidence).order_by(Evidence.id)).all()
    return number, photo_row, video_row


def fetch(client, url, **kwargs):
    """GET a file and close the response (send_file streams from an open file)."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response


def urls(number, row):
    base = f"/admin/reports/{number}/evidence/{row.id}"
    return base, f"{base}/thumbnail"


def test_the_form_accepts_videos_and_says_how_large(client, content):
    page = parse(client.get("/report"))
    accept = page.select_one("input[type=file]")["accept"]
    assert {"video/mp4", "video/quicktime", "video/3gpp"} <= set(accept.split(","))
    assert "视频不超过 30 MB" in page.select_one("#evidence-hint").get_text()


def test_staff_see_a_thumbnail_that_opens_the_full_picture(filed, sign_in):
    number, photo, _ = filed
    staff = sign_in("moderator")
    full, thumbnail = urls(number, photo)
    image = parse(staff.get(f"/admin/reports/{number}")).find("img", src=thumbnail)
    assert image is not None and "缩略图" in image["alt"]
    assert image.find_parent("a")["href"] == full

    small = fetch(staff, thumbnail)
    assert small.status_code == 200 and small.mimetype == "image/jpeg"
    assert small.headers["Cache-Control"] == "no-store"
    assert max(Image.open(io.BytesIO(small.data)).size) == 320

    big = fetch(staff, full)
    assert big.status_code == 200 and big.mimetype == "image/jpeg"
    assert big.headers["Content-Disposition"].startswith("inline")
    assert Image.open(io.BytesIO(big.data)).size == (1200, 900)


def test_the_video_plays_in_the_page_and_answers_ranges(filed, sign_in, db):
    number, _, video = filed
    staff = sign_in("moderator")
    url, _ = urls(number, video)
    player = parse(staff.get(f"/admin/reports/{number}")).find("video", src=url)
    assert player is not None and player.has_attr("controls")

    first = fetch(staff, url, headers={"Range": "bytes=0-99"})
    assert first.status_code == 206 and len(first.data) == 100
    assert first.headers["Content-Range"] == f"bytes 0-99/{video.size}"
    assert first.mimetype == "video/mp4" and first.headers["Cache-Control"] == "no-store"
    assert first.headers["Accept-Ranges"] == "bytes"
    rest = fetch(staff, url, headers={"Range": "bytes=100-"})
    assert rest.status_code == 206 and len(first.data) + len(rest.data) == video.size

    # one viewing, one audit entry: the continuation is not a new download
    audited = select(func.count()).where(AuditEntry.action == "evidence_downloaded")
    assert db.session.scalar(audited) == 1


def test_a_video_report_has_no_thumbnail_route_answer(filed, sign_in):
    number, _, video = filed
    _, thumbnail = urls(number, video)
    assert fetch(sign_in("moderator"), thumbnail).status_code == 404


def test_thumbnails_and_videos_are_not_reachable_without_a_moderator(app, filed, sign_in):
    number, photo, video = filed
    for url in (*urls(number, photo), urls(number, video)[0]):
        anonymous = fetch(app.test_client(), url)
        assert anonymous.status_code in (302, 303) and b"\xff\xd8" not in anonymous.data
        assert "/admin/login" in anonymous.headers["Location"]
        editor = fetch(sign_in("editor", client=app.test_client()), url)
        assert editor.status_code == 403


def test_files_of_another_report_are_not_served_under_this_number(filed, sign_in, client):
    number, photo, _ = filed
    other, _ = receipt_of(client, submit_report(client))
    assert (
        sign_in("moderator")
        .get(f"/admin/reports/{other}/evidence/{photo.id}/thumbnail")
        .status_code
        == 404
    )


def test_a_pdf_opens_inline_only_in_a_sandbox(client, db, content, sign_in):
    from tests.support.samples import pdf_from_writer

    number, _ = receipt_of(client, submit_report(client, files=[(pdf_from_writer(), "r.pdf")]))
    row = db.session.scalars(select(Evidence)).one()
    assert row.thumbnail_path is None
    response = fetch(sign_in("moderator"), urls(number, row)[0])
    # issue 14: shown in a frame of the staff page, sandboxed (tests/reports/test_evidence_view.py)
    assert response.headers["Content-Disposition"].startswith("inline")
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
