"""Published bulletins as the API publishes them: what /bulletins/<id> shows (metadata block,
text, values, attachments, correction record), never the editors' names or drafts."""

from ..models import Bulletin, BulletinKind, PublicationState, Validity
from .schemas import (
    BOOLEAN,
    DATE,
    FIGURE,
    INTEGER,
    STRING,
    TIME,
    URL,
    array,
    closed,
    enum,
    nullable,
    ref,
)
from .serializers import absolute, figure, iso_date, iso_time


def bulletin_permalink(bulletin: Bulletin) -> str:
    return absolute("bulletins.detail", bulletin_id=bulletin.id, slug=bulletin.slug)


def _replacement(bulletin: Bulletin) -> dict | None:
    other = bulletin.replaced_by
    if other is None or other.state != PublicationState.PUBLISHED:
        return None
    return {
        "index_number": other.index_number,
        "title": other.title,
        "url": bulletin_permalink(other),
    }


def bulletin_record(bulletin: Bulletin) -> dict:
    b = bulletin
    return {
        "index_number": b.index_number,
        "kind": b.kind.value,
        "kind_label": b.kind.label,
        "title": b.title,
        "subject_category": b.subject_category.label,
        "issuing_body": b.issuing_body,
        "written_on": iso_date(b.written_on),
        "document_number": b.document_number,
        "keywords": b.keywords,
        "published_at": iso_time(b.published_at),
        "validity": b.validity.value,
        "validity_label": b.validity.label,
        "replaced_by": _replacement(b),
        "revision": b.revision,
        "corrections": [
            {
                "revision": r.revision,
                "corrected_at": iso_time(r.corrected_at),
                "reason": r.reason,
                "url": absolute(
                    "bulletins.revision", bulletin_id=b.id, slug=b.slug, number=r.revision
                ),
            }
            for r in b.revisions
        ],
        "body_html": str(b.body_html),
        "values": [
            {
                "indicator": v.indicator.code,
                "indicator_name": v.indicator.name,
                "unit": v.indicator.unit,
                "period": v.period,
                "period_end": iso_date(v.period_end),
                "value": figure(v.value),
                "note": v.note,
            }
            for v in sorted(b.values, key=lambda v: (v.indicator.position, v.period_end, v.id))
        ],
        "attachments": [
            {
                "name": a.original_name,
                "size": a.size,
                "url": absolute("bulletins.attachment", bulletin_id=b.id, attachment_id=a.id),
            }
            for a in b.attachments
        ],
        "sample": b.is_sample,
        "url": bulletin_permalink(b),
    }


BULLETIN_SCHEMAS = {
    "BulletinValue": closed(
        {
            "indicator": STRING,
            "indicator_name": STRING,
            "unit": STRING,
            "period": STRING,
            "period_end": DATE,
            "value": FIGURE,
            "note": nullable(STRING),
        }
    ),
    "Bulletin": closed(
        {
            "index_number": STRING,
            "kind": enum(BulletinKind),
            "kind_label": STRING,
            "title": STRING,
            "subject_category": STRING,
            "issuing_body": STRING,
            "written_on": DATE,
            "document_number": nullable(STRING),
            "keywords": STRING,
            "published_at": TIME,
            "validity": enum(Validity),
            "validity_label": STRING,
            "replaced_by": nullable(closed({"index_number": STRING, "title": STRING, "url": URL})),
            "revision": {"type": "integer", "minimum": 1},
            "corrections": array(
                closed(
                    {
                        "revision": {"type": "integer", "minimum": 1},
                        "corrected_at": TIME,
                        "reason": STRING,
                        "url": URL,
                    }
                )
            ),
            "body_html": STRING,
            "values": array(ref("BulletinValue")),
            "attachments": array(closed({"name": STRING, "size": INTEGER, "url": URL})),
            "sample": BOOLEAN,
            "url": URL,
        },
        "已发布的通报公告（bulletin）；revision 为现行文本的版本号，corrections 为更正记录",
    ),
}
