"""Bulletins (进展通报/公告): creating and editing them, and the editor's preview.

The 索引号 is given once, at creation, and never changes; the slug follows kind and date until
the first publication, then stays; Markdown is rendered once, on save, through
portal.rendering. Publishing lives in bulletin_publishing, values and files beside it.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from ...clock import CITY_TZ
from ...database import begin_write
from ...extensions import db
from ...models import Bulletin, BulletinKind, BulletinTopic, PublicationState, Validity
from ...models.types import utcnow
from ...rendering import render_markdown
from ..common import audit
from ..common.audit import Actor
from .rules import (
    LABELS,
    BulletinError,
    BulletinFields,
    BulletinNotFound,
    CleanFields,
    clean_fields,
    for_write,
    keep_earlier_text,
    refusing,
    slug_for,
    target,
    was_published,
)

__all__ = ["BulletinError", "BulletinFields", "BulletinNotFound", "create_bulletin", "create_draft"]

INDEX_PREFIX = "HG-JNJP"  # 鹤岗 · 节能减排
NUMBERING_LOCK = 0x484A_4E4A_0000  # PostgreSQL advisory lock key base ("HJNJ"), plus the year
# What a preview of an existing bulletin shows from it, since the form does not carry it.
CARRIED_OVER = (
    "id", "index_number", "slug", "published_at", "validity", "replaced_by", "revision",
    "is_sample", "state", "attachments", "values", "revisions",
)  # fmt: skip


@dataclass
class BulletinPreview:
    """A bulletin as it would look, for the editor's preview: same attributes the page reads."""

    kind: BulletinKind
    title: str
    subject_category: BulletinTopic
    issuing_body: str
    written_on: date
    document_number: str | None
    keywords: str
    body_html: str
    id: int | None = None
    index_number: str | None = None
    slug: str = ""
    published_at: datetime | None = None
    validity: Validity = Validity.VALID
    replaced_by: Bulletin | None = None
    revision: int = 1
    is_sample: bool = False
    state: PublicationState = PublicationState.DRAFT
    attachments: list = field(default_factory=list)
    values: list = field(default_factory=list)
    revisions: list = field(default_factory=list)


def index_number(year: int, sequence: int) -> str:
    return f"{INDEX_PREFIX}-{year}-{sequence:06d}"


def create_draft(
    *,
    kind: BulletinKind | str,
    title: str,
    body_markdown: str,
    subject_category: BulletinTopic | str,
    issuing_body: str,
    written_on: date,
    keywords: str,
    actor: Actor,
    document_number: str | None = None,
    is_sample: bool = False,
    now: datetime | None = None,
) -> Bulletin:
    """Save generated text (e.g. the monthly report) as a draft for an editor to review."""
    fields = BulletinFields(
        str(kind), title, str(subject_category), issuing_body, written_on, body_markdown,
        document_number or "", keywords,
    )  # fmt: skip
    return _create(fields, actor, "bulletin_drafted", is_sample, now or utcnow())


def create_bulletin(fields: BulletinFields, actor: Actor, now: datetime | None = None) -> Bulletin:
    """An editor's new bulletin: always a draft first."""
    return _create(fields, actor, "bulletin_created", False, now or utcnow())


def _create(fields, actor, action, is_sample, now) -> Bulletin:
    clean = clean_fields(fields)
    body_html = render_markdown(clean.body_markdown)
    begin_write()
    bulletin = Bulletin(
        state=PublicationState.DRAFT, is_sample=is_sample, created_at=now, updated_at=now
    )
    _apply(bulletin, clean, body_html)
    bulletin.slug = slug_for(clean.kind, clean.written_on)
    _insert_with_index_number(bulletin, now.astimezone(CITY_TZ).year)
    audit.record(action, actor, target(bulletin), index_number=bulletin.index_number)
    db.session.commit()
    return bulletin


def _insert_with_index_number(bulletin: Bulletin, year: int, attempts: int = 5) -> None:
    """The year's next number: max + 1 while numbering is serialised (SQLite's write lock;
    on PostgreSQL a transaction-scoped advisory lock). The unique index stays the last word:
    should a number be taken anyway, the next one is tried."""
    _serialise_numbering(year)
    for _ in range(attempts):
        bulletin.index_number = index_number(year, _last_sequence(year) + 1)
        try:
            with db.session.begin_nested():
                db.session.add(bulletin)
        except IntegrityError:
            continue
        return
    db.session.rollback()
    raise BulletinError("生成索引号时发生冲突，请重新保存。")


def _serialise_numbering(year: int) -> None:
    if db.session.get_bind().dialect.name == "postgresql":
        key = NUMBERING_LOCK + year
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _last_sequence(year: int) -> int:
    prefix = f"{INDEX_PREFIX}-{year}-"
    last = db.session.scalar(
        select(Bulletin.index_number)
        .where(Bulletin.index_number.startswith(prefix))
        .order_by(Bulletin.index_number.desc())
        .limit(1)
    )
    return int(last.removeprefix(prefix)) if last else 0


def _apply(bulletin: Bulletin, clean: CleanFields, body_html) -> None:
    for name in LABELS:
        setattr(bulletin, name, getattr(clean, name))
    bulletin.body_html = body_html


def update_bulletin(
    bulletin_id: int,
    fields: BulletinFields,
    actor: Actor,
    reason: str = "",
    now: datetime | None = None,
) -> Bulletin:
    """Drafts change freely; a bulletin that has been public is corrected (reason, revision)."""
    now, clean, reason = now or utcnow(), clean_fields(fields), (reason or "").strip()
    body_html = render_markdown(clean.body_markdown)
    begin_write()
    bulletin = for_write(bulletin_id)
    corrected = was_published(bulletin)
    with refusing():
        if clean.kind != bulletin.kind and bulletin.values:
            raise BulletinError({"kind": "本通报已登记指标数值，不能改为其他类别；请先删除数值。"})
        if corrected:
            if not _differs(bulletin, clean):
                raise BulletinError("内容没有变化，无需更正。")
            keep_earlier_text(bulletin, reason, actor, now)
    _apply(bulletin, clean, body_html)
    if not corrected:
        bulletin.slug = slug_for(clean.kind, clean.written_on)
    bulletin.updated_at = now
    action = "bulletin_corrected" if corrected else "bulletin_updated"
    audit.record(action, actor, target(bulletin), revision=bulletin.revision, reason=reason)
    db.session.commit()
    return bulletin


def _differs(bulletin: Bulletin, clean: CleanFields) -> bool:
    return any(getattr(bulletin, name) != getattr(clean, name) for name in LABELS)


def preview(fields: BulletinFields, existing: Bulletin | None = None) -> BulletinPreview:
    """The page as it would be after saving; nothing is written."""
    clean = clean_fields(fields)
    shown = BulletinPreview(
        **{name: getattr(clean, name) for name in LABELS if name != "body_markdown"},
        body_html=render_markdown(clean.body_markdown),
    )
    if existing is not None:
        for name in CARRIED_OVER:
            setattr(shown, name, getattr(existing, name))
    return shown
