"""Two-way follow-up without an account: the reporter, having proved number + receipt code,
answers a moderator's question with text and further evidence. Nothing of this is public."""

from datetime import datetime

from ...database import begin_write
from ...extensions import db
from ...settings import settings
from ..common import uploads as evidence_files
from .intake import REPORTER, evidence_row
from .moderation import load_report
from .rules import CONTROL, InvalidReport

REPLY_MAX = 5000


def reply_from_reporter(
    number: str, text: str, files: list[tuple[bytes, str | None]], now: datetime
) -> None:
    """Record the reporter's answer. The caller has already checked number + receipt code."""
    text = text.strip()
    if not text:
        raise InvalidReport({"reply": "请填写答复内容。"})
    if len(text) > REPLY_MAX:
        raise InvalidReport({"reply": f"答复不能超过 {REPLY_MAX} 个字（现有 {len(text)} 个字）。"})
    if CONTROL.search(text):
        raise InvalidReport({"reply": "含有无法识别的控制字符，请删除后重试。"})
    limits = settings().evidence
    try:
        prepared = evidence_files.prepare_all(
            files,
            max_files=limits.max_files,
            max_bytes=limits.max_bytes,
            max_total_bytes=limits.max_total_bytes,
            max_pixels=limits.max_pixels,
            max_video_bytes=limits.max_video_bytes,
            memory_bytes=limits.memory_bytes,
            seconds=limits.seconds,
        )
    except evidence_files.EvidenceError as error:
        raise InvalidReport({"evidence": str(error)}) from error
    report = load_report(number)
    if not report.awaiting_reply:
        raise InvalidReport({"reply": "目前没有需要您答复的问题。"})
    stored = evidence_files.store_all(prepared, settings().upload_dir)
    try:
        begin_write()
        report = load_report(number)
        event = report.record_reply(text, at=now, actor_name=REPORTER)
        first = len(report.evidence) + 1  # the reply's files continue the report's numbering
        for row in (evidence_row(s, n) for n, s in enumerate(stored, start=first)):
            row.event = event
            report.evidence.append(row)
        report.awaiting_reply = False
        report.reply_unread = True
        db.session.commit()
    except BaseException:
        db.session.rollback()
        evidence_files.remove(stored, settings().upload_dir)
        raise
