"""PDF attachments of bulletins: checked and stored with the evidence helpers (the type is
decided by content, active PDFs are refused), kept apart from citizens' evidence, in
BULLETIN_FILES_DIR (by default <UPLOAD_DIR's parent>/bulletin-files, on the shared volume).

A draft's attachments come and go freely. Once the bulletin has been public an attachment can
still be added (a correction, with a reason) but not removed: the earlier text refers to it.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ...database import begin_write
from ...extensions import db
from ...models import Bulletin, BulletinAttachment
from ...models.types import utcnow
from ...settings import settings
from ..common import audit
from ..common import uploads as files
from ..common.audit import Actor
from .rules import (
    BulletinError,
    BulletinNotFound,
    for_write,
    keep_earlier_text,
    refusing,
    target,
    was_published,
)

PDF = "application/pdf"


@dataclass(frozen=True)
class AttachmentFile:
    path: Path
    download_name: str


def files_root() -> Path:
    return settings().bulletin_files_dir


def add_attachment(
    bulletin_id: int,
    data: bytes,
    filename: str | None,
    actor: Actor,
    reason: str = "",
    now: datetime | None = None,
) -> BulletinAttachment:
    prepared = _prepare_pdf(data, filename)
    reason = (reason or "").strip()
    begin_write()
    bulletin = for_write(bulletin_id)
    corrected = was_published(bulletin)
    with refusing():
        if corrected:
            keep_earlier_text(bulletin, reason, actor, now or utcnow())
            bulletin.updated_at = now or utcnow()
    stored = files.store(prepared, files_root())
    try:
        row = BulletinAttachment(
            relative_path=stored.relative_path,
            original_name=_download_name(prepared.original_name, bulletin),
            size=stored.size,
            sha256=stored.sha256,
        )
        bulletin.attachments.append(row)
        action = "bulletin_corrected" if corrected else "bulletin_updated"
        audit.record(
            action, actor, target(bulletin),
            change="attachment_added", file=row.original_name, reason=reason,
        )  # fmt: skip
        db.session.commit()
    except BaseException:
        db.session.rollback()
        files.remove([stored], files_root())
        raise
    return row


def _prepare_pdf(data: bytes, filename: str | None) -> files.PreparedEvidence:
    name = files.clean_filename(filename)
    not_pdf = BulletinError({"file": f"文件“{name}”不是 PDF 文件；通报附件只接受 PDF。"})
    if not data and not name:
        raise BulletinError({"file": "请选择要上传的 PDF 文件。"})
    try:
        limits = settings().evidence
        prepared = files.prepare(
            data, filename, memory_bytes=limits.memory_bytes, seconds=limits.seconds
        )
    except files.EvidenceError as error:
        if data and not bytes(data).startswith(b"%PDF-"):
            raise not_pdf from None
        raise BulletinError({"file": error.message}) from None
    if prepared.media_type != PDF:
        raise not_pdf
    return prepared


def _download_name(name: str, bulletin: Bulletin) -> str:
    name = name or f"{bulletin.index_number}.pdf"
    return name if name.lower().endswith(".pdf") else f"{name}.pdf"


def remove_attachment(bulletin_id: int, attachment_id: int, actor: Actor) -> None:
    begin_write()
    bulletin = for_write(bulletin_id)
    with refusing():
        row = _attachment_of(bulletin, attachment_id)
        if was_published(bulletin):
            raise BulletinError(
                "已发布过的通报不能删除附件（更正记录中的原文引用它）；如附件有误，请上传更正后的附件。"
            )
    relative_path = row.relative_path
    bulletin.attachments.remove(row)
    audit.record(
        "bulletin_updated", actor, target(bulletin),
        change="attachment_removed", file=row.original_name,
    )  # fmt: skip
    db.session.commit()
    files.remove([relative_path], files_root())  # after the commit: a failed one keeps the file


def attachment_file(bulletin: Bulletin, attachment_id: int) -> AttachmentFile:
    """The stored file of one of the bulletin's attachments; who may have it is the caller's
    decision. FileNotFoundError if the file is gone, BulletinNotFound for a wrong id."""
    row = _attachment_of(bulletin, attachment_id)
    return AttachmentFile(files.open_stored(row.relative_path, files_root()), row.original_name)


def _attachment_of(bulletin: Bulletin, attachment_id: int) -> BulletinAttachment:
    row = next((a for a in bulletin.attachments if a.id == attachment_id), None)
    if row is None:
        raise BulletinNotFound(f"{bulletin.id}/attachments/{attachment_id}")
    return row
