"""PDF attachments: only real, harmless PDFs are accepted; the public gets them only from a
published bulletin, as downloads that are never sniffed; editors get them from drafts."""

import io
from hashlib import sha256
from pathlib import Path

import pytest
from sqlalchemy import select

from portal.models import Bulletin, BulletinAttachment
from portal.services.bulletins import attachments as bulletin_files
from portal.services.bulletins import publishing as bulletin_publishing
from portal.services.bulletins.rules import BulletinError
from tests.support.bulletins import EDITOR, editor_post, make_bulletin
from tests.support.pages import parse, text_of
from tests.support.samples import noise_jpeg, pdf_from_writer


def upload(client, bulletin, data: bytes, name: str, **extra):
    return editor_post(
        client,
        f"/admin/bulletins/{bulletin.id}/attachments",
        {"attachment-file": (io.BytesIO(data), name), **extra},
    )


def stored_files(app) -> list[Path]:
    root = Path(app.config["UPLOAD_DIR"]).parent / "bulletin-files"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_pdf_is_stored_apart_from_evidence_and_listed(app, client, db, sign_in):
    bulletin = make_bulletin()
    sign_in("editor")
    pdf = pdf_from_writer()
    assert upload(client, bulletin, pdf, "统计表.pdf").status_code == 303
    [row] = db.session.get(Bulletin, bulletin.id).attachments
    assert row.original_name == "统计表.pdf"  # an editor's public document keeps its name
    [file] = stored_files(app)  # rebuilt like evidence: no metadata, actions or scripts
    assert (row.size, row.sha256) == (file.stat().st_size, sha256(file.read_bytes()).hexdigest())
    assert not Path(app.config["UPLOAD_DIR"]).exists() or not any(
        Path(app.config["UPLOAD_DIR"]).rglob("*.pdf")
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"just some text, not a PDF at all", "不是 PDF 文件"),
        (noise_jpeg(), "不是 PDF 文件"),
        (pdf_from_writer(password="secret"), "加密"),
        (b"%PDF-1.7 broken", "已损坏"),
    ],
    ids=["text", "jpeg", "encrypted", "broken"],
)
def test_anything_but_a_harmless_pdf_is_refused_with_a_chinese_message(
    app, client, db, data, message, sign_in
):
    bulletin = make_bulletin()
    sign_in("editor")
    response = upload(client, bulletin, data, "通报附件.pdf")
    assert response.status_code == 400
    error = parse(response).find(id="attachment-file-error")
    assert message in error.get_text()
    assert db.session.scalars(select(BulletinAttachment)).first() is None
    assert stored_files(app) == []


def test_an_upload_without_a_file_is_refused(client, db, sign_in):
    bulletin = make_bulletin()
    sign_in("editor")
    response = editor_post(client, f"/admin/bulletins/{bulletin.id}/attachments")
    assert response.status_code == 400
    assert "请选择要上传的 PDF 文件" in text_of(response)


def test_the_public_downloads_attachments_of_published_bulletins_only(app, client, db):
    bulletin = make_bulletin()
    pdf = pdf_from_writer()
    row = bulletin_files.add_attachment(bulletin.id, pdf, "附表.pdf", EDITOR)
    url = f"/bulletins/{bulletin.id}/attachments/{row.id}"
    assert client.get(url).status_code == 404  # a draft's file is not public

    bulletin_publishing.publish(bulletin.id, EDITOR)
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert sha256(response.get_data()).hexdigest() == row.sha256
    response.close()
    page = parse(client.get(f"/bulletins/{bulletin.id}-{bulletin.slug}"))
    assert page.find("a", href=url).get_text(strip=True) == "附表.pdf"
    assert client.get(f"/bulletins/{bulletin.id}/attachments/999").status_code == 404

    bulletin_publishing.unpublish(bulletin.id, "撤下", EDITOR)
    assert client.get(url).status_code == 410


def test_editors_download_attachments_of_drafts(client, db, sign_in):
    bulletin = make_bulletin()
    row = bulletin_files.add_attachment(bulletin.id, pdf_from_writer(), "草稿附件.pdf", EDITOR)
    sign_in("editor")
    response = client.get(f"/admin/bulletins/{bulletin.id}/attachments/{row.id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    response.close()


def test_a_draft_attachment_can_be_removed_with_its_file(app, client, db, sign_in):
    bulletin = make_bulletin()
    row = bulletin_files.add_attachment(bulletin.id, pdf_from_writer(), "错的.pdf", EDITOR)
    sign_in("editor")
    url = f"/admin/bulletins/{bulletin.id}/attachments/{row.id}/remove"
    assert editor_post(client, url).status_code == 303
    assert db.session.scalars(select(BulletinAttachment)).first() is None
    assert stored_files(app) == []


def test_after_publication_attachments_are_added_as_corrections_and_never_removed(app, db):
    bulletin = make_bulletin(published=True)
    with pytest.raises(BulletinError) as refused:
        bulletin_files.add_attachment(bulletin.id, pdf_from_writer(), "补充.pdf", EDITOR)
    assert "reason" in refused.value.errors
    assert stored_files(app) == []

    row = bulletin_files.add_attachment(
        bulletin.id, pdf_from_writer(), "补充.pdf", EDITOR, reason="补充统计附表"
    )
    saved = db.session.get(Bulletin, bulletin.id)
    assert saved.revision == 2
    assert saved.revisions[0].metadata_snapshot["attachments"] == []
    with pytest.raises(BulletinError, match="不能删除附件"):
        bulletin_files.remove_attachment(bulletin.id, row.id, EDITOR)
    assert len(stored_files(app)) == 1
