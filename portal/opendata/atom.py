"""Atom feeds, written by feedgen (never hand-made XML)."""

from datetime import date, datetime, time

from feedgen.feed import FeedGenerator
from flask import current_app, url_for

from ..clock import CITY_TZ
from ..models import Bulletin, Exposure
from ..services.opendata.outcomes import ApiOutcome
from .bulletin_records import bulletin_permalink
from .serializers import absolute

# A feed must say when it was updated. An empty one says the plan's year rather than "now",
# so that its body (and therefore its ETag) stays the same between requests and workers.
EMPTY_FEED_UPDATED = datetime(2007, 1, 1, tzinfo=CITY_TZ)


def new_feed(title: str, page_url: str, feed_url: str, updated: datetime | None):
    feed = FeedGenerator()
    feed.id(page_url)
    feed.title(f"{title} - {current_app.config['ISSUING_BODY']}")
    feed.author({"name": current_app.config["ISSUING_BODY"]})
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.link(href=feed_url, rel="self", type="application/atom+xml")
    feed.language("zh-CN")
    feed.updated(updated or EMPTY_FEED_UPDATED)
    return feed


def outcomes_atom(outcomes: list[ApiOutcome]) -> bytes:
    """Newest first, as `outcomes` comes."""
    feed = new_feed(
        "举报办理结果公开",
        absolute("reports.outcomes"),
        url_for("feeds.outcomes_feed", _external=True),
        outcomes[0].entry.published_at if outcomes else None,
    )
    feed.subtitle("已办结的节能环保违法行为举报中，经审核、去除个人信息后公开的摘要和处理结果。")
    for outcome in outcomes:
        e = outcome.entry
        link = absolute("reports.outcome", number=e.number)
        entry = feed.add_entry(order="append")
        entry.id(link)
        entry.title(
            f"举报 {e.number}：{e.category}" + ("（示例数据）" if outcome.is_sample else "")
        )
        entry.link(href=link, rel="alternate", type="text/html")
        entry.published(e.published_at)
        entry.updated(e.published_at)
        entry.category(term=outcome.category_code, label=e.category)
        entry.content(
            f"所在区县：{e.district.label}\n情况摘要：{e.summary}\n处理结果：{e.result}",
            type="text",
        )
    return feed.atom_str(pretty=True)


def bulletins_atom(bulletins: list[Bulletin]) -> bytes:
    """Newest publication first; a corrected bulletin's entry is updated at its correction."""
    feed = new_feed(
        "通报公告",
        absolute("bulletins.index"),
        url_for("feeds.bulletins_feed", _external=True),
        max((_updated(b) for b in bulletins), default=None),
    )
    feed.subtitle("鹤岗市节能减排工作动态、季度统计通报、水质月报、重点污染源排放季报和公告。")
    for bulletin in bulletins:
        link = bulletin_permalink(bulletin)
        entry = feed.add_entry(order="append")
        entry.id(link)
        entry.title(bulletin.title + ("（示例数据）" if bulletin.is_sample else ""))
        entry.link(href=link, rel="alternate", type="text/html")
        entry.published(bulletin.published_at)
        entry.updated(_updated(bulletin))
        entry.category(term=bulletin.kind.value, label=bulletin.kind.label)
        entry.author({"name": bulletin.issuing_body})
        number = f"，{bulletin.document_number}" if bulletin.document_number else ""
        entry.summary(f"{bulletin.kind.label}（索引号 {bulletin.index_number}{number}）")
        entry.content(str(bulletin.body_html), type="html")
    return feed.atom_str(pretty=True)


def _updated(bulletin: Bulletin) -> datetime:
    corrections = [r.corrected_at for r in bulletin.revisions]
    return max([bulletin.published_at, *corrections])


def exposures_atom(exposures: list[Exposure], violation_names: dict[str, str]) -> bytes:
    """Newest publication first; a corrected record's entry is updated at its correction."""
    feed = new_feed(
        "曝光台",
        absolute("registers.exposures"),
        url_for("feeds.exposures_feed", _external=True),
        max((_exposure_updated(x) for x in exposures), default=None),
    )
    feed.subtitle("依法查处并公开曝光的节能环保违法企业：违法事实、法律依据、处罚决定和整改情况。")
    for x in exposures:
        link = absolute("registers.exposure", exposure_id=x.id)
        violation = violation_names.get(x.violation_type, x.violation_type)
        entry = feed.add_entry(order="append")
        entry.id(link)
        entry.title(f"{x.enterprise.name}：{violation}" + ("（示例数据）" if x.is_sample else ""))
        entry.link(href=link, rel="alternate", type="text/html")
        entry.published(_city_midnight(x.published_on))
        entry.updated(_exposure_updated(x))
        entry.category(term=x.violation_type, label=violation)
        entry.content(
            f"处罚决定书文号：{x.decision_number}\n违法事实：{x.facts}\n"
            f"处罚内容：{x.penalty_text or '—'}\n整改情况：{x.rectification.label}",
            type="text",
        )
    return feed.atom_str(pretty=True)


def _city_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=CITY_TZ)


def _exposure_updated(exposure: Exposure) -> datetime:
    corrections = [r.corrected_at for r in exposure.revisions]
    return max([_city_midnight(exposure.published_on), *corrections])
