"""The phase-out status is derived, never stored: one rule, for one item and for the list's
SQL filter alike, with the deadline boundary where the plan's citizens would expect it."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import PhaseOutItem
from portal.services.registers import phase_out
from portal.services.registers.fields import InvalidRecord
from portal.services.registers.phase_out import PhaseOutFilters, PhaseOutStatus, status_of
from tests.support.registers import EDITOR, item_values, make_enterprise, make_item

TODAY = date(2009, 6, 30)


def item(deadline: date, completed_on: date | None = None) -> PhaseOutItem:
    return PhaseOutItem(deadline=deadline, completed_on=completed_on)


def test_a_deadline_of_today_is_not_overdue():
    assert status_of(item(TODAY), TODAY) is PhaseOutStatus.PLANNED


def test_a_deadline_of_yesterday_not_completed_is_overdue():
    assert status_of(item(TODAY - timedelta(days=1)), TODAY) is PhaseOutStatus.OVERDUE


def test_completion_wins_even_after_the_deadline():
    late = item(TODAY - timedelta(days=30), completed_on=TODAY)
    assert status_of(late, TODAY) is PhaseOutStatus.COMPLETED


def test_the_same_item_becomes_overdue_the_day_after_its_deadline():
    pending = item(TODAY)
    assert status_of(pending, TODAY) is PhaseOutStatus.PLANNED
    assert status_of(pending, TODAY + timedelta(days=1)) is PhaseOutStatus.OVERDUE


CASES = [
    (TODAY - timedelta(days=1), None),
    (TODAY, None),
    (TODAY + timedelta(days=1), None),
    (TODAY - timedelta(days=1), TODAY - timedelta(days=2)),
    (TODAY + timedelta(days=5), TODAY),
]


def test_the_sql_filter_and_the_python_rule_agree(db, content):
    enterprise = make_enterprise()
    for deadline, completed in CASES:
        make_item(
            enterprise, deadline=deadline.isoformat(),
            completed_on=completed.isoformat() if completed else "",
            verification="现场核查。" if completed else "", today=TODAY,
        )  # fmt: skip
    items = list(_db.session.scalars(select(PhaseOutItem)))
    for status in PhaseOutStatus:
        expected = {i.id for i in items if status_of(i, TODAY) is status}
        by_sql = set(
            _db.session.scalars(
                select(PhaseOutItem.id).where(status_of(PhaseOutItem, TODAY) == status.value)
            )
        )
        assert by_sql == expected, status
        listed = phase_out.phase_out_list(PhaseOutFilters(status=status), TODAY)
        assert {i.id for i, _ in listed.items} == expected


def test_the_list_is_computed_against_the_given_today(db, content):
    make_item(deadline="2009-06-30", today=TODAY)
    assert phase_out.phase_out_list(PhaseOutFilters(), TODAY).overall.by_status == {
        PhaseOutStatus.PLANNED: 1
    }
    later = TODAY + timedelta(days=1)
    assert phase_out.phase_out_list(PhaseOutFilters(), later).overall.by_status == {
        PhaseOutStatus.OVERDUE: 1
    }


def test_the_page_uses_the_city_calendar(client, db, content, monkeypatch):
    monkeypatch.setattr("portal.registers.public_views.today_local", lambda: TODAY)
    made = make_item(deadline="2009-06-30", today=TODAY)
    assert "计划中" in client.get(f"/phase-out/{made.id}").get_data(as_text=True)
    monkeypatch.setattr(
        "portal.registers.public_views.today_local", lambda: TODAY + timedelta(days=1)
    )
    page = client.get(f"/phase-out/{made.id}").get_data(as_text=True)
    assert "已逾期" in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"completed_on": "2009-05-01"}, "verification", "核查"),
        ({"verification": "现场核查。"}, "completed_on", "完成日期"),
        ({"completed_on": "2009-07-01", "verification": "现场核查。"}, "completed_on", "之间"),
        ({"capacity_value": "1.5", "capacity_unit": ""}, "capacity_unit", "单位"),
        ({"capacity_value": "-3"}, "capacity_value", "应为数字"),
        ({"capacity_value": "0"}, "capacity_value", "大于 0"),
        ({"industry": "power"}, "industry", "无法识别"),  # not a phase-out industry
        ({"category": "demolish"}, "category", "无法识别"),
        ({"deadline": "30/06/2009"}, "deadline", "YYYY-MM-DD"),
        ({"deadline": "2009-02-30"}, "deadline", "YYYY-MM-DD"),
        ({"equipment": ""}, "equipment", "请填写"),
        ({"enterprise": "999"}, "enterprise", "不存在"),
    ],
)
def test_item_rules(db, content, overrides, field, message):
    enterprise = make_enterprise()
    with pytest.raises(InvalidRecord) as refused:
        phase_out.create_item(item_values(enterprise) | overrides, EDITOR, TODAY)
    assert message in refused.value.errors[field]
    assert _db.session.scalar(select(PhaseOutItem.id)) is None


def test_marking_an_item_completed(db, content):
    made = make_item(deadline="2009-06-30", today=TODAY)
    values = item_values(
        made.enterprise, completed_on="2009-06-29", verification="经现场核查，已拆除。"
    )
    phase_out.update_item(made.id, values, EDITOR, TODAY)
    _db.session.expire_all()
    stored = _db.session.get(PhaseOutItem, made.id)
    assert stored.completed_on == date(2009, 6, 29)
    assert status_of(stored, TODAY + timedelta(days=400)) is PhaseOutStatus.COMPLETED
