"""The registers in the open data: exposures (with corrections and withdrawals), the
phase-out list with its derived status, enterprises; JSON, CSV, the exposures feed, sitemap."""

import csv
import io
from datetime import timedelta
from xml.etree import ElementTree

import feedparser
import pytest

from portal.clock import today_local
from portal.services.registers import exposures
from tests.support.registers import (
    EDITOR,
    exposure_values,
    make_enterprise,
    make_exposure,
    make_item,
)

pytestmark = pytest.mark.usefixtures("db")


def api(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["data"]


def test_an_exposure_record_shows_what_its_page_shows(client, content):
    exposure = make_exposure()
    record = api(client, f"/api/v1/exposures/{exposure.id}")
    assert record["url"] == f"http://localhost/exposures/{exposure.id}"
    assert record["enterprise"]["name"] == "鹤岗示例焦化有限公司"
    assert record["enterprise"]["url"] == f"http://localhost/enterprises/{exposure.enterprise_id}"
    assert record["violation_type"] == "excess-emission" and record["violation_label"]
    assert record["penalties"] == [
        {"code": "fine", "label": "罚款"},
        {"code": "deadline_treatment", "label": "限期治理"},
    ]
    assert record["fine_yuan"] == "50000"
    assert (record["decision_date"], record["published_on"]) == ("2008-05-20", "2008-06-01")
    assert (record["state"], record["revision"], record["corrections"]) == ("published", 1, [])
    assert "report" not in record and EDITOR.name not in str(record)


def test_a_corrected_exposure_carries_its_revision_and_history(client, content):
    exposure = make_exposure()
    values = exposure_values(exposure.enterprise, fine_yuan="60000")
    exposures.correct_exposure(exposure.id, values, "罚款金额录入有误。", EDITOR, today_local())
    record = api(client, f"/api/v1/exposures/{exposure.id}")
    assert record["revision"] == 2 and record["fine_yuan"] == "60000"
    [correction] = record["corrections"]
    assert (correction["change"], correction["reason"]) == ("corrected", "罚款金额录入有误。")
    assert correction["corrected_at"].endswith("+08:00")
    assert client.get(correction["url"].removeprefix("http://localhost")).status_code == 200


def test_withdrawn_exposures_are_listed_only_when_asked_for(client, content):
    kept = make_exposure()
    gone = make_exposure(kept.enterprise, decision_number="鹤环罚字〔2008〕13号")
    exposures.withdraw_exposure(gone.id, "处罚决定已被撤销。", EDITOR)
    assert [x["id"] for x in api(client, "/api/v1/exposures")] == [kept.id]
    both = api(client, "/api/v1/exposures?withdrawn=true")
    assert {x["id"] for x in both} == {kept.id, gone.id}
    record = api(client, f"/api/v1/exposures/{gone.id}")
    assert (record["state"], record["withdrawn_reason"]) == ("withdrawn", "处罚决定已被撤销。")
    assert record["corrections"][0]["change"] == "withdrawn"


def test_exposure_filters(client, content):
    make_exposure(make_enterprise(name="甲厂", district="nanshan"))
    make_exposure(
        make_enterprise(name="乙厂", district="xingshan"), decision_number="鹤环罚字〔2009〕1号",
        published_on="2009-03-01", decision_date="2009-02-01",
    )  # fmt: skip
    assert [x["enterprise"]["name"] for x in api(client, "/api/v1/exposures?year=2009")] == ["乙厂"]
    nanshan = api(client, "/api/v1/exposures?district=nanshan")
    assert [x["enterprise"]["name"] for x in nanshan] == ["甲厂"]
    assert api(client, "/api/v1/exposures?rectification=completed") == []


def test_phase_out_items_carry_their_derived_status(client, content):
    soon = (today_local() + timedelta(days=30)).isoformat()
    late = make_item(deadline="2009-06-30")
    firm = late.enterprise
    done = make_item(
        firm, deadline="2009-06-30", completed_on="2009-05-01", equipment="立窑",
        verification="经现场核查，设备已拆除。",
    )  # fmt: skip
    ahead = make_item(firm, deadline=soon, equipment="焦炉 1 座")
    items = {i["id"]: i for i in api(client, "/api/v1/phase-out")}
    assert items[late.id]["status"] == "overdue"
    assert items[done.id]["status"] == "completed"
    assert items[ahead.id]["status"] == "planned"
    assert [i["id"] for i in api(client, "/api/v1/phase-out?status=overdue")] == [late.id]
    record = api(client, f"/api/v1/phase-out/{late.id}")
    assert (record["capacity_value"], record["capacity_unit"]) == ("1.5", "万吨/年")
    assert record["url"] == f"http://localhost/phase-out/{late.id}"
    bad = client.get("/api/v1/phase-out?industry=food")  # not a phase-out industry
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_filter"


def test_enterprises_are_listed_by_name(client, content):
    make_enterprise(name="乙公司", district="xingshan")
    make_enterprise(name="甲公司", district="nanshan", address="南山区甲路 1 号")
    names = [e["name"] for e in api(client, "/api/v1/enterprises")]
    assert names == sorted(names)
    [nanshan] = api(client, "/api/v1/enterprises?district=nanshan")
    assert (nanshan["name"], nanshan["address"]) == ("甲公司", "南山区甲路 1 号")
    assert client.get("/api/v1/enterprises/99999999999999").status_code == 404


def test_register_downloads(client, content):
    make_item(make_exposure().enterprise)
    for name, column in (
        ("exposures", "违法事实"),
        ("phase-out", "设备或生产线"),
        ("enterprises", "企业名称"),
    ):
        response = client.get(f"/api/v1/{name}.csv")
        assert response.get_data().startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
        assert rows and all(row[column] for row in rows)


def test_the_exposures_feed_is_valid_atom(client, content):
    exposure = make_exposure()
    response = client.get("/exposures.atom")
    feed = feedparser.parse(response.get_data())
    assert feed.bozo == 0, feed.get("bozo_exception")
    [entry] = feed.entries
    assert entry.link == f"http://localhost/exposures/{exposure.id}"
    assert entry.title.startswith("鹤岗示例焦化有限公司：")
    assert "鹤环罚字〔2008〕12号" in entry.content[0].value
    assert entry.published.startswith("2008-06-01")


def test_the_sitemap_lists_register_pages(client, content):
    exposure = make_exposure()
    item = make_item(exposure.enterprise)
    root = ElementTree.fromstring(client.get("/sitemap.xml").get_data())
    urls = {u.text for u in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for path in (
        "/exposures",
        f"/exposures/{exposure.id}",
        "/phase-out",
        f"/phase-out/{item.id}",
        "/enterprises",
        f"/enterprises/{exposure.enterprise_id}",
    ):
        assert f"http://localhost{path}" in urls, path
