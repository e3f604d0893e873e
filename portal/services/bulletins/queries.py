"""Reading bulletins: the one place that decides what the public may see of them, the public
list with its filters and pages, and the editors' lists.

Public: a PUBLISHED bulletin. A withdrawn one (UNPUBLISHED) is gone, with its reason; a draft
is treated exactly like an id that does not exist.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...clock import CITY_TZ
from ...extensions import db
from ...models import Bulletin, BulletinKind, BulletinTopic, IndicatorValue, PublicationState
from ..common.errors import NotFound
from ..common.paging import NumberedPage, numbered_page
from .rules import BulletinNotFound, topic_of

PAGE_SIZE = 20
FIRST_YEAR, LAST_YEAR = 2000, 2100
P = PublicationState


class NotPublic(NotFound):
    """No such bulletin for the public: missing, or never published (a draft answers exactly
    like a missing id, so nothing leaks)."""


class Withdrawn(LookupError):
    """A bulletin taken down: it answers 410 Gone with its public reason, not 404."""

    def __init__(self, bulletin: Bulletin):
        super().__init__(bulletin.id)
        self.bulletin = bulletin


class InvalidFilter(ValueError):
    """A filter value the list does not know; the message is Chinese."""


@dataclass(frozen=True)
class BulletinFilters:
    kind: BulletinKind | None = None
    year: int | None = None
    topic: BulletinTopic | None = None

    def args(self) -> dict[str, str]:
        """As query-string arguments, for links that keep the filters (the pager)."""
        args = {
            "kind": self.kind.value if self.kind else "",
            "topic": self.topic.value if self.topic else "",
            "year": str(self.year or ""),
        }
        return {key: value for key, value in args.items() if value}


def parse_filters(kind: str | None, year: str | None, topic: str | None = None) -> BulletinFilters:
    kind, year, topic = (kind or "").strip(), (year or "").strip(), (topic or "").strip()
    try:
        chosen = BulletinKind(kind) if kind else None
    except ValueError:
        raise InvalidFilter("没有这种通报类别，请从列表中选择。") from None
    if year and not (year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR):
        raise InvalidFilter(f"年份应为 {FIRST_YEAR} 至 {LAST_YEAR} 之间的四位数字，例如 2008。")
    chosen_topic = topic_of(topic) if topic else None
    if topic and chosen_topic is None:
        raise InvalidFilter("没有这个主题分类，请从列表中选择。")
    return BulletinFilters(chosen, int(year) if year else None, chosen_topic)


def bulletin_page(filters: BulletinFilters, page: int = 1) -> NumberedPage[Bulletin]:
    """Published bulletins, newest publication first. PageNotFound past the end."""
    where = [Bulletin.state == P.PUBLISHED]
    if filters.kind:
        where.append(Bulletin.kind == filters.kind)
    if filters.topic:
        where.append(Bulletin.subject_category == filters.topic)
    if filters.year:
        start = datetime(filters.year, 1, 1, tzinfo=CITY_TZ)
        end = datetime(filters.year + 1, 1, 1, tzinfo=CITY_TZ)
        where += [Bulletin.published_at >= start, Bulletin.published_at < end]
    query = select(Bulletin).where(*where)
    return numbered_page(
        query.order_by(Bulletin.published_at.desc(), Bulletin.id.desc()), page, PAGE_SIZE
    )


def publication_years() -> list[int]:
    """Years (city time) in which something now public was published, newest first."""
    moments = db.session.scalars(select(Bulletin.published_at).where(Bulletin.state == P.PUBLISHED))
    return sorted({m.astimezone(CITY_TZ).year for m in moments}, reverse=True)


def _with_everything():
    return (
        selectinload(Bulletin.attachments),
        selectinload(Bulletin.values).joinedload(IndicatorValue.indicator),
        selectinload(Bulletin.revisions),
        joinedload(Bulletin.replaced_by),
    )


def public_bulletin(bulletin_id: int) -> Bulletin:
    """The bulletin as the public may see it; NotPublic (404) or Withdrawn (410) otherwise."""
    bulletin = db.session.scalar(
        select(Bulletin).where(Bulletin.id == bulletin_id).options(*_with_everything())
    )
    if bulletin is not None and bulletin.state == P.UNPUBLISHED:
        raise Withdrawn(bulletin)
    if bulletin is None or bulletin.state != P.PUBLISHED:
        raise NotPublic(bulletin_id)
    return bulletin


@dataclass(frozen=True)
class EarlierText:
    """An earlier text of a bulletin, as it stood before a correction (更正记录)."""

    revision: int
    title: str
    body_html: str
    kind: BulletinKind
    subject_category: BulletinTopic
    issuing_body: str
    written_on: date
    document_number: str | None
    keywords: str
    values: list[dict]  # indicator, name, unit, period, value (Decimal), note
    attachments: list[str]
    replaced_at: datetime
    reason: str  # why the text that followed it changed it


def earlier_text(bulletin: Bulletin, number: int) -> EarlierText:
    """One of the bulletin's earlier texts; NotPublic if there is no such one."""
    row = next((r for r in bulletin.revisions if r.revision == number), None)
    if row is None:
        raise NotPublic(f"{bulletin.id}/revisions/{number}")
    meta = row.metadata_snapshot
    return EarlierText(
        revision=row.revision,
        title=row.title,
        body_html=row.body_html,
        kind=BulletinKind(meta["kind"]),
        # texts kept before topics were a list carry free text; 0017 mapped them, this is
        # the fallback for anything it could not
        subject_category=topic_of(meta["subject_category"]) or BulletinTopic.OTHER,
        issuing_body=meta["issuing_body"],
        written_on=date.fromisoformat(meta["written_on"]),
        document_number=meta.get("document_number"),
        keywords=meta.get("keywords", ""),
        values=[v | {"value": Decimal(v["value"])} for v in meta.get("values", [])],
        attachments=list(meta.get("attachments", [])),
        replaced_at=row.corrected_at,
        reason=row.reason,
    )


def all_bulletins() -> list[Bulletin]:
    """Every bulletin whatever its state, newest first: the editors' list."""
    return list(db.session.scalars(select(Bulletin).order_by(Bulletin.id.desc())))


def editor_bulletin(bulletin_id: int) -> Bulletin:
    bulletin = db.session.scalar(
        select(Bulletin).where(Bulletin.id == bulletin_id).options(*_with_everything())
    )
    if bulletin is None:
        raise BulletinNotFound(bulletin_id)
    return bulletin


def replacement_choices(bulletin_id: int) -> list[tuple[str, str]]:
    """Published bulletins that may replace this one: (id, "索引号 标题")."""
    rows = db.session.execute(
        select(Bulletin.id, Bulletin.index_number, Bulletin.title)
        .where(Bulletin.state == P.PUBLISHED, Bulletin.id != bulletin_id)
        .order_by(Bulletin.published_at.desc())
    )
    return [(str(row.id), f"{row.index_number} {row.title}") for row in rows]
