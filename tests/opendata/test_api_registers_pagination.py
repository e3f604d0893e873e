"""Cursor pagination of the registers: the same guarantees as the other lists (see
test_api_pagination) for exposures, phase-out items and enterprises."""

from datetime import date

import pytest

from portal.extensions import db as _db
from portal.models import Exposure, Industry, PhaseOutCategory, PhaseOutItem
from tests.support.api import walk
from tests.support.registers import make_enterprise

pytestmark = pytest.mark.usefixtures("db")


def exposure(enterprise, published_on: date, tag: str) -> int:
    row = Exposure(
        enterprise_id=enterprise.id, violation_type="excess-emission", facts="超标排放。",
        legal_basis="《大气污染防治法》", decision_number=f"鹤环罚字〔{tag}〕号",
        decision_date=published_on, published_on=published_on,
    )  # fmt: skip
    return _saved(row)


def item(enterprise, deadline: date) -> int:
    row = PhaseOutItem(
        enterprise_id=enterprise.id, industry=Industry.PAPER, equipment="造纸机",
        category=PhaseOutCategory.CLOSE, deadline=deadline,
    )  # fmt: skip
    return _saved(row)


def _saved(row) -> int:
    _db.session.add(row)
    _db.session.commit()
    return row.id


def setup_list(collection):
    """Five records; returns a function inserting one that sorts first (early) or last."""
    firm = make_enterprise(name="甲公司")
    if collection == "exposures":  # newest publication first
        for n in range(5):
            exposure(firm, date(2008, 6, n + 1), f"2008-{n}")
        return lambda early: exposure(
            firm, date(2009, 1, 1) if early else date(2007, 1, 1), f"new-{early}"
        )
    if collection == "phase-out":
        for n in range(5):
            item(firm, date(2009, 6, n + 1))
        return lambda early: item(firm, date(2007, 1, 1) if early else date(2099, 1, 1))
    for n in range(4):
        make_enterprise(name=f"乙公司{n}")
    return lambda early: make_enterprise(name="A 公司" if early else "龥公司").id


@pytest.mark.parametrize("collection", ["exposures", "phase-out", "enterprises"])
def test_register_cursors_are_stable_when_records_are_inserted(client, content, collection):
    insert = setup_list(collection)
    whole = client.get(f"/api/v1/{collection}?limit=200").get_json()["data"]
    walked, pages = walk(client, f"/api/v1/{collection}?limit=2")
    assert [r["id"] for r in walked] == [r["id"] for r in whole] and pages == 3
    first = client.get(f"/api/v1/{collection}?limit=2").get_json()
    early, late = insert(True), insert(False)
    rest, _ = walk(client, first["next"])
    seen = [r["id"] for r in first["data"] + rest]
    assert len(seen) == len(set(seen)) and early not in seen
    assert [i for i in seen if i != late] == [r["id"] for r in whole]
    assert seen[-1] == late
