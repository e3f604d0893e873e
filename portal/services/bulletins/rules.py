"""What every change to a bulletin checks: the fields an editor types, the errors editors see,
and the correction rule — once a bulletin has been public, a change needs a reason and keeps the
earlier text as a BulletinRevision (更正记录)."""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from ...extensions import db
from ...models import Bulletin, BulletinKind, BulletinRevision, BulletinTopic
from ..common.audit import Actor, Target
from ..common.errors import NotFound

LIMITS = {
    "title": 200,
    "issuing_body": 120,
    "document_number": 80,
    "keywords": 200,
    "body_markdown": 100_000,
}
LABELS = {
    "kind": "类别",
    "title": "标题",
    "subject_category": "主题分类",
    "issuing_body": "发文机关",
    "written_on": "成文日期",
    "document_number": "发文字号",
    "keywords": "主题词",
    "body_markdown": "正文",
}
REQUIRED = ("title", "issuing_body", "body_markdown")


class BulletinError(ValueError):
    """A refused change; `errors` maps form fields ("" for the whole form) to Chinese messages."""

    def __init__(self, errors: dict[str, str] | str):
        self.errors = {"": errors} if isinstance(errors, str) else errors
        super().__init__("；".join(self.errors.values()))


class BulletinNotFound(NotFound):
    """No bulletin with that id, or no such attachment or value of it (editors' side)."""


@dataclass(frozen=True)
class BulletinFields:
    """What an editor types; plain strings (a date may already be a date)."""

    kind: str
    title: str
    subject_category: str
    issuing_body: str
    written_on: date | str
    body_markdown: str
    document_number: str = ""
    keywords: str = ""


@dataclass(frozen=True)
class CleanFields:
    kind: BulletinKind
    title: str
    subject_category: BulletinTopic
    issuing_body: str
    written_on: date
    body_markdown: str
    document_number: str | None
    keywords: str


def was_published(bulletin: Bulletin) -> bool:
    """Public at least once: from then on, changes are corrections."""
    return bulletin.published_at is not None


def slug_for(kind: BulletinKind, written_on: date) -> str:
    """ASCII slug from what the bulletin is and when: "quarterly-statistics-2008-09-30"."""
    return f"{kind.value.replace('_', '-')}-{written_on.isoformat()}"


def clean_fields(fields: BulletinFields) -> CleanFields:
    """Validate everything at once, so the editor sees every problem together."""
    errors: dict[str, str] = {}
    text = {name: _one_line(getattr(fields, name)) for name in LIMITS if name != "body_markdown"}
    text["body_markdown"] = (fields.body_markdown or "").replace("\r\n", "\n").strip()
    for name, limit in LIMITS.items():
        if name in REQUIRED and not text[name]:
            errors[name] = f"请填写{LABELS[name]}。"
        elif len(text[name]) > limit:
            errors[name] = f"{LABELS[name]}不能超过 {limit} 个字。"
    try:
        kind = BulletinKind(fields.kind or "")
    except ValueError:
        errors["kind"] = "请选择通报类别。"
    topic = topic_of(fields.subject_category)
    if topic is None:
        errors["subject_category"] = "请从列表中选择主题分类。"
    written_on = _date(fields.written_on)
    if written_on is None:
        errors["written_on"] = "请按“2008-09-30”的格式填写成文日期。"
    if errors:
        raise BulletinError(errors)
    return CleanFields(
        kind=kind,
        subject_category=topic,
        written_on=written_on,
        document_number=text.pop("document_number") or None,
        **text,
    )


def topic_of(value: BulletinTopic | str | None) -> BulletinTopic | None:
    """A topic from the controlled list, by its code; None for anything else (free text)."""
    try:
        return BulletinTopic((value or "").strip())
    except ValueError:
        return None


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def _date(value: date | str | None) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def keep_earlier_text(bulletin: Bulletin, reason: str, actor: Actor, now: datetime) -> None:
    """Before a correction: store the text as it stands, and count a new revision."""
    if not reason:
        raise BulletinError({"reason": "已发布的通报修改后会公开更正记录，请写明更正理由。"})
    bulletin.revisions.append(
        BulletinRevision(
            revision=bulletin.revision,
            title=bulletin.title,
            body_html=bulletin.body_html,
            metadata_snapshot=snapshot(bulletin),
            reason=reason,
            corrected_at=now,
            corrected_by=actor.name,
        )
    )
    bulletin.revision += 1


def snapshot(bulletin: Bulletin) -> dict:
    """The metadata, values and attachments of a text, as JSON for BulletinRevision."""
    return {
        "kind": bulletin.kind.value,
        "subject_category": bulletin.subject_category.value,
        "issuing_body": bulletin.issuing_body,
        "written_on": bulletin.written_on.isoformat(),
        "document_number": bulletin.document_number,
        "keywords": bulletin.keywords,
        "values": [
            {
                "indicator": v.indicator.code,
                "name": v.indicator.name,
                "unit": v.indicator.unit,
                "period": v.period,
                "value": str(v.value),
                "note": v.note,
            }
            for v in bulletin.values
        ],
        "attachments": [a.original_name for a in bulletin.attachments],
    }


def for_write(bulletin_id: int) -> Bulletin:
    """The bulletin, inside a write transaction begun by the caller; locked on PostgreSQL so
    that two editors' changes (and revision numbers) follow each other (SQLite's write lock
    already does that)."""
    bulletin = db.session.get(Bulletin, bulletin_id, with_for_update=True)
    if bulletin is None:
        db.session.rollback()
        raise BulletinNotFound(bulletin_id)
    return bulletin


@contextmanager
def refusing():
    """Roll the write transaction back when a rule refuses the change, then re-raise."""
    try:
        yield
    except (BulletinError, BulletinNotFound):
        db.session.rollback()
        raise


def target(bulletin: Bulletin) -> Target:
    return Target("bulletin", str(bulletin.id), {"index_number": bulletin.index_number})
