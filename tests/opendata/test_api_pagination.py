"""Cursor pagination: every list walks page by page to the same records in the same order,
and a record inserted between two pages neither repeats nor hides one already listed."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import (
    Commitment,
    Direction,
    Indicator,
    Measure,
    PlanSection,
    Project,
    ProjectGroup,
)
from portal.services.bulletins import publishing as bulletin_publishing
from portal.services.common.cursor import (
    CURSOR_PATTERN,
    MAX_CURSOR_LENGTH,
    decode_cursor,
    encode_cursor,
)
from tests.support.api import walk
from tests.support.bulletins import EDITOR, make_bulletin

pytestmark = pytest.mark.usefixtures("db")

IDENTITY = {
    "sections": "slug",
    "indicators": "code",
    "commitments": "code",
    "projects": "code",
    "outcomes": "number",
    "bulletins": "index_number",
}


def keys(records, collection):
    return [record[IDENTITY[collection]] for record in records]


def some_records(published_outcome, collection, count=5):
    start = datetime(2026, 4, 1, tzinfo=UTC)
    for n in range(count):
        if collection == "outcomes":
            published_outcome(published_at=start + timedelta(hours=n))
        elif collection == "bulletins":
            published_bulletin(start + timedelta(hours=n))


def published_bulletin(when: datetime) -> str:
    bulletin = make_bulletin()
    bulletin_publishing.publish(bulletin.id, EDITOR, now=when)
    return bulletin.index_number


def section_id(slug="main-targets") -> int:
    return _db.session.scalar(select(PlanSection.id).where(PlanSection.slug == slug))


def insert(published_outcome, collection, *, early: bool, tag: str) -> str:
    """A new record sorting first (early) or last in the list; returns its identity."""
    if collection == "outcomes":
        # newest first: a newer outcome sorts first, an older one last
        when = datetime(2026, 5, 1, tzinfo=UTC) if early else datetime(2026, 1, 1, tzinfo=UTC)
        return published_outcome(published_at=when).report.number
    if collection == "bulletins":
        return published_bulletin(
            datetime(2026, 5, 1, tzinfo=UTC) if early else datetime(2026, 1, 1, tzinfo=UTC)
        )
    position = -1 if early else 10_000
    if collection == "sections":
        row = PlanSection(slug=f"new-{tag}", title="新增章节", level=2, position=position)
    elif collection == "indicators":
        row = Indicator(
            code=f"new-{tag}", name="新增指标", unit="吨", measure=Measure.LEVEL,
            direction=Direction.LOWER, target_value=1, source_text="原文",
            section_id=section_id(), position=position,
        )  # fmt: skip
    elif collection == "commitments":
        row = Commitment(
            code=f"new-{tag}", title="新增承诺", deadline=date(2007 if early else 2099, 1, 1),
            deadline_text="原文", source_text="原文", section_id=section_id(), position=0,
        )  # fmt: skip
    else:
        group = _db.session.scalars(select(ProjectGroup).order_by(ProjectGroup.position)).first()
        if not early:
            group = _db.session.scalars(
                select(ProjectGroup).order_by(ProjectGroup.position.desc())
            ).first()
        row = Project(
            code=f"new-{tag}", name="新增工程", group_id=group.id, source_text="原文",
            section_id=section_id(), position=position,
        )  # fmt: skip
    _db.session.add(row)
    _db.session.commit()
    return row.slug if collection == "sections" else row.code


@pytest.mark.parametrize("collection", IDENTITY)
def test_walking_the_pages_gives_the_whole_list_in_order(
    client, content, published_outcome, collection
):
    some_records(published_outcome, collection)
    whole = client.get(f"/api/v1/{collection}?limit=200").get_json()
    assert whole["next"] is None
    walked, pages = walk(client, f"/api/v1/{collection}?limit=2")
    assert keys(walked, collection) == keys(whole["data"], collection)
    assert pages == -(-len(whole["data"]) // 2)


@pytest.mark.parametrize("collection", IDENTITY)
def test_a_cursor_is_stable_when_records_are_inserted_between_pages(
    client, content, published_outcome, collection
):
    some_records(published_outcome, collection)
    before = keys(client.get(f"/api/v1/{collection}?limit=200").get_json()["data"], collection)
    first = client.get(f"/api/v1/{collection}?limit=3").get_json()
    # One record that sorts before the cursor, one that sorts after it.
    early = insert(published_outcome, collection, early=True, tag="early")
    late = insert(published_outcome, collection, early=False, tag="late")
    rest, _ = walk(client, first["next"])
    seen = keys(first["data"], collection) + keys(rest, collection)
    assert len(seen) == len(set(seen)), "a record was listed twice"
    assert early not in seen
    assert [k for k in seen if k != late] == before, "a record already there was skipped"
    assert seen[-1] == late


def test_the_next_link_keeps_the_filters(client, content):
    body = client.get("/api/v1/commitments?year=2008&limit=2").get_json()
    assert "year=2008" in body["next"] and "limit=2" in body["next"]
    walked, _ = walk(client, "/api/v1/commitments?year=2008&limit=2")
    assert walked and all(c["deadline"].startswith("2008") for c in walked)


def test_a_cursor_holds_the_longest_sort_key():
    longest = ("鹤" * 200, 2**31)  # an enterprise name at its column's length
    cursor = encode_cursor(longest)
    assert re.match(CURSOR_PATTERN, cursor) and len(cursor) <= MAX_CURSOR_LENGTH
    assert decode_cursor(cursor, (str, int)) == longest
