"""Indicator values of quarterly statistics bulletins: validated rows, public exactly when
their bulletin is, and corrections (with the earlier values kept) once it has been public."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal.models import AuditEntry, Bulletin, IndicatorValue
from portal.services.bulletins import publishing as bulletin_publishing
from portal.services.bulletins import values as bulletin_values
from portal.services.bulletins.rules import BulletinError
from portal.services.bulletins.values import ValueFields, period_end, period_label
from tests.support.bulletins import (
    EDITOR,
    editor_post,
    make_bulletin,
    make_statistics,
    public_url,
)
from tests.support.pages import parse, text_of


@pytest.mark.parametrize(
    ("period", "end", "label"),
    [
        ("2008Q1", date(2008, 3, 31), "2008年第1季度"),
        ("2008Q2", date(2008, 6, 30), "2008年第2季度"),
        ("2008Q3", date(2008, 9, 30), "2008年第3季度"),
        ("2008Q4", date(2008, 12, 31), "2008年第4季度"),
        ("2008", date(2008, 12, 31), "2008年"),
    ],
)
def test_periods_end_on_the_last_day_of_the_quarter_or_year(period, end, label):
    assert period_end(period) == end
    assert period_label(period) == label


def test_a_value_is_kept_exactly_as_written(db, content):
    bulletin = make_statistics(values=[("gdp-energy-intensity", "2008q3", "2.450")])
    [row] = db.session.get(Bulletin, bulletin.id).values
    assert (row.period, row.period_end, row.value) == (
        "2008Q3",
        date(2008, 9, 30),
        Decimal("2.450"),
    )
    assert str(row.value) == "2.450"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        (ValueFields("gdp-energy-intensity", "2008Q5", "1"), "period"),
        (ValueFields("gdp-energy-intensity", "08Q3", "1"), "period"),
        (ValueFields("gdp-energy-intensity", "1999", "1"), "period"),
        (ValueFields("gdp-energy-intensity", "2008", "二点四"), "value"),
        (ValueFields("gdp-energy-intensity", "2008", "NaN"), "value"),
        (ValueFields("gdp-energy-intensity", "2008", ""), "value"),
        (ValueFields("", "2008", "1"), "indicator"),
        (ValueFields("no-such-indicator", "2008", "1"), "indicator"),
    ],
)
def test_bad_rows_are_refused_with_a_message_at_the_field(db, content, values, field):
    bulletin = make_bulletin(kind="quarterly_statistics")
    with pytest.raises(BulletinError) as refused:
        bulletin_values.add_value(bulletin.id, values, EDITOR)
    assert field in refused.value.errors
    assert db.session.scalars(select(IndicatorValue)).first() is None


def test_one_row_per_indicator_and_period(db, content):
    bulletin = make_statistics(values=[("so2-emissions", "2008Q3", "9000")])
    with pytest.raises(BulletinError, match="已有该指标"):
        bulletin_values.add_value(bulletin.id, ValueFields("so2-emissions", "2008Q3", "1"), EDITOR)
    bulletin_values.add_value(bulletin.id, ValueFields("so2-emissions", "2008Q2", "1"), EDITOR)
    assert len(db.session.get(Bulletin, bulletin.id).values) == 2


def test_only_statistics_bulletins_carry_values(db, content):
    news = make_bulletin(kind="work_news")
    with pytest.raises(BulletinError, match="季度统计通报"):
        bulletin_values.add_value(news.id, ValueFields("so2-emissions", "2008", "1"), EDITOR)


def test_a_statistics_bulletin_cannot_be_published_without_values(db, content):
    bulletin = make_bulletin(kind="quarterly_statistics")
    with pytest.raises(BulletinError, match="至少要登记一项"):
        bulletin_publishing.publish(bulletin.id, EDITOR)


def test_values_of_a_draft_are_not_visible_anywhere_public(client, db, content):
    draft = make_statistics(values=[("so2-emissions", "2008Q3", "31234.5")])
    for url in ["/", "/targets", "/bulletins", public_url(draft), "/commitments"]:
        response = client.get(url)
        assert "31234.5" not in response.get_data(as_text=True), url
        assert "31,234.5" not in response.get_data(as_text=True), url


def test_publishing_the_bulletin_publishes_its_values(client, db, content):
    bulletin = make_statistics(values=[("so2-emissions", "2008Q3", "31234.5")])
    bulletin_publishing.publish(bulletin.id, EDITOR)
    page = parse(client.get(public_url(bulletin)))
    table = page.find("caption", string=lambda s: s and "指标数值" in s).find_parent("table")
    row = " ".join(table.tbody.tr.get_text(" ").split())
    assert row == "二氧化硫排放量 2008年第3季度 31,234.5 吨 —"
    assert table.tbody.tr.th.a["href"] == "/targets/so2-emissions"


def test_withdrawing_the_bulletin_withdraws_its_values(client, db, content):
    bulletin = make_statistics(values=[("so2-emissions", "2008Q3", "31234.5")], published=True)
    bulletin_publishing.unpublish(bulletin.id, "数据待核实", EDITOR)
    for url in ["/targets", "/bulletins"]:
        assert "31,234.5" not in client.get(url).get_data(as_text=True), url


def test_draft_rows_come_and_go_without_corrections(db, content):
    bulletin = make_statistics()
    [row] = db.session.get(Bulletin, bulletin.id).values
    bulletin_values.remove_value(bulletin.id, row.id, EDITOR)
    saved = db.session.get(Bulletin, bulletin.id)
    assert saved.values == [] and saved.revisions == [] and saved.revision == 1


def test_changing_values_after_publication_is_a_correction(client, db, content):
    bulletin = make_statistics(values=[("so2-emissions", "2008Q3", "31234.5")], published=True)
    [row] = db.session.get(Bulletin, bulletin.id).values
    with pytest.raises(BulletinError) as refused:
        bulletin_values.remove_value(bulletin.id, row.id, EDITOR)
    assert "reason" in refused.value.errors
    assert len(db.session.get(Bulletin, bulletin.id).values) == 1

    bulletin_values.remove_value(bulletin.id, row.id, EDITOR, reason="录入错误")
    bulletin_values.add_value(
        bulletin.id, ValueFields("so2-emissions", "2008Q3", "32234.5"), EDITOR, reason="更正数值"
    )
    saved = db.session.get(Bulletin, bulletin.id)
    assert saved.revision == 3
    first, second = saved.revisions
    assert first.metadata_snapshot["values"][0]["value"] == "31234.5"
    assert second.metadata_snapshot["values"] == []
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["bulletin_corrected", "bulletin_corrected"]

    text = text_of(client.get(public_url(bulletin)))
    assert "32,234.5" in text and "31,234.5" not in text
    assert "更正数值" in text and "录入错误" in text
    earlier = client.get(f"{public_url(bulletin)}/revisions/1")
    assert "31,234.5" in text_of(earlier)


def test_editors_add_and_remove_rows_through_the_desk(client, db, content, sign_in):
    bulletin = make_bulletin(kind="quarterly_statistics")
    sign_in("editor")
    url = f"/admin/bulletins/{bulletin.id}/values"
    refused = editor_post(
        client, url, {"value-indicator": "so2-emissions", "value-period": "2008Q9",
                      "value-value": "1", "value-note": "保留我"},
    )  # fmt: skip
    assert refused.status_code == 400
    field = parse(refused).find(id="value-period")
    assert field["aria-invalid"] == "true" and field["value"] == "2008Q9"
    assert parse(refused).find(id="value-note")["value"] == "保留我"
    assert "统计期请写成" in text_of(refused)

    added = editor_post(
        client, url, {"value-indicator": "so2-emissions", "value-period": "2008Q3",
                      "value-value": "9,000", "value-note": "初步统计"},
    )  # fmt: skip
    assert added.status_code == 303
    [row] = db.session.get(Bulletin, bulletin.id).values
    assert (row.value, row.note) == (Decimal("9000"), "初步统计")
    removed = editor_post(client, f"{url}/{row.id}/remove")
    assert removed.status_code == 303
    assert db.session.get(Bulletin, bulletin.id).values == []
    assert editor_post(client, f"{url}/999/remove").status_code == 404
