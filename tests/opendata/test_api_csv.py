"""CSV downloads: UTF-8 with a BOM, the API's own columns, the same filters; Chinese text
survives the round trip and nothing a spreadsheet would execute gets through."""

import pytest

from portal.opendata.catalogue import COLLECTIONS
from portal.services.opendata.csv_export import csv_text, pluck
from tests.support.api import rows_of

pytestmark = pytest.mark.usefixtures("db")


@pytest.mark.parametrize("collection", ["indicators", "commitments", "projects", "outcomes"])
def test_each_list_downloads_with_the_api_columns(client, content, collection, published_outcome):
    published_outcome()
    rows = rows_of(client.get(f"/api/v1/{collection}.csv"))
    assert list(rows[0]) == list(COLLECTIONS[collection].csv_columns)
    records = client.get(f"/api/v1/{collection}?limit=200").get_json()["data"]
    assert [row["url"] for row in rows] == [record["url"] for record in records]


def test_chinese_text_survives_the_round_trip(client, content, progress_note):
    note = "治理全部完成，“达标”。"
    progress_note("commitment", "livestock-pollution-control", "completed", note)
    rows = {r["code"]: r for r in rows_of(client.get("/api/v1/commitments.csv"))}
    record = client.get("/api/v1/commitments/livestock-pollution-control").get_json()["data"]
    row = rows["livestock-pollution-control"]
    assert row["title"] == record["title"] == "完成所有规模化畜禽养殖污染治理，实现污水稳定达标排放"
    assert row["status_note"] == note
    assert (row["status"], row["overdue"], row["sample"]) == ("completed", "false", "false")
    assert row["departments[].name"] == "; ".join(d["name"] for d in record["departments"])
    assert row["section.title"] == record["section"]["title"]


def test_the_download_honours_the_filters(client, content, progress_note):
    progress_note("commitment", "livestock-pollution-control", "completed", "治理全部完成。")
    rows = rows_of(client.get("/api/v1/commitments.csv?status=completed"))
    assert [r["code"] for r in rows] == ["livestock-pollution-control"]
    assert rows_of(client.get("/api/v1/outcomes.csv?district=luobei")) == []
    refused = client.get("/api/v1/commitments.csv?limit=5")  # a whole list: no paging
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "unknown_filter"


def test_indicator_values_are_listed_period_by_period(client, content, published_values):
    published_values(("gdp-energy-intensity", "2008Q2", "2.50"))
    published_values(("gdp-energy-intensity", "2008Q3", "2.40"))
    rows = {r["code"]: r for r in rows_of(client.get("/api/v1/indicators.csv"))}
    row = rows["gdp-energy-intensity"]
    assert (row["values[].period"], row["values[].value"]) == ("2008Q2; 2008Q3", "2.50; 2.40")
    assert row["target_value"] == "2.00"


def test_text_a_spreadsheet_would_run_is_defused(client, content, published_outcome):
    published_outcome(summary='=HYPERLINK("http://evil.example","点击")', result="-已处理")
    row = rows_of(client.get("/api/v1/outcomes.csv"))[0]
    assert row["summary"].startswith("'=")
    assert row["result"] == "'-已处理"


def test_the_writer_flattens_records():
    record = {"a": {"b": 1}, "l": [{"n": "甲"}, {"n": "乙"}], "t": True, "x": None, "f": "-1.5"}
    text = csv_text(["a.b", "l[].n", "t", "x", "f", "missing.deep"], [record])
    assert text == "\ufeffa.b,l[].n,t,x,f,missing.deep\r\n1,甲; 乙,true,,-1.5,\r\n"
    assert pluck(record, "a.b.c") is None
