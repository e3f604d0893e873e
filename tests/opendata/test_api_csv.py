"""CSV downloads: UTF-8 with a BOM, a Chinese header row (English keys on ?header=key),
labels rather than codes, 是/否, the same filters as the API; Chinese text survives the round
trip and only text that really starts like a formula is defused."""

import pytest

from portal.opendata.datasets import BY_COLLECTION
from portal.services.opendata.csv_export import pluck, table_csv
from tests.support.api import rows_of

pytestmark = pytest.mark.usefixtures("db")

LISTS = ["indicators", "commitments", "projects", "outcomes", "bulletins", "enterprises"]


@pytest.mark.parametrize("collection", LISTS)
def test_each_list_has_a_chinese_header_and_english_keys_on_request(
    client, content, collection, published_outcome
):
    published_outcome()
    dataset = BY_COLLECTION[collection]
    titled = rows_of(client.get(f"/api/v1/{collection}.csv"))
    keyed = rows_of(client.get(f"/api/v1/{collection}.csv?header=key"))
    assert list(keyed[0] if keyed else dataset.keys) == dataset.keys
    if titled:
        assert list(titled[0]) == dataset.titles
        assert "网页链接" in titled[0] and "url" not in titled[0]
    records = client.get(f"/api/v1/{collection}?limit=200").get_json()["data"]
    assert [row["url"] for row in keyed] == [record["url"] for record in records]


def test_values_are_labels_with_codes_beside_them(client, content, progress_note):
    note = "治理全部完成，“达标”。"
    progress_note("commitment", "livestock-pollution-control", "completed", note)
    rows = {r["承诺代码"]: r for r in rows_of(client.get("/api/v1/commitments.csv"))}
    record = client.get("/api/v1/commitments/livestock-pollution-control").get_json()["data"]
    row = rows["livestock-pollution-control"]
    assert (
        row["承诺内容"] == record["title"] == "完成所有规模化畜禽养殖污染治理，实现污水稳定达标排放"
    )
    assert row["进展说明"] == note
    assert (row["状态"], row["状态代码"]) == ("已完成", "completed")
    assert (row["已逾期"], row["示例数据"], row["状态记录日期"]) == ("否", "否", "2008-06-30")
    assert row["责任部门"] == "; ".join(d["name"] for d in record["departments"])
    assert row["方案章节"] == record["section"]["title"]


def test_the_download_honours_the_filters(client, content, progress_note):
    progress_note("commitment", "livestock-pollution-control", "completed", "治理全部完成。")
    rows = rows_of(client.get("/api/v1/commitments.csv?status=completed&header=key"))
    assert [r["code"] for r in rows] == ["livestock-pollution-control"]
    assert rows_of(client.get("/api/v1/outcomes.csv?district=luobei")) == []
    refused = client.get("/api/v1/commitments.csv?limit=5")  # a whole list: no paging
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "unknown_filter"
    bad_header = client.get("/api/v1/commitments.csv?header=english")
    assert bad_header.status_code == 400
    assert "header" in bad_header.get_json()["error"]["message_zh"]


def test_indicator_values_are_one_row_per_observation(client, content, published_values):
    published_values(("gdp-energy-intensity", "2008Q2", "2.50"))
    published_values(("gdp-energy-intensity", "2008Q3", "2.40"))
    indicator = {r["code"]: r for r in rows_of(client.get("/api/v1/indicators.csv?header=key"))}
    assert indicator["gdp-energy-intensity"]["target_value"] == "2.00"
    assert indicator["gdp-energy-intensity"]["value_count"] == "2"
    url = "/data/indicator-values.csv?header=key&indicator_code=gdp-energy-intensity"
    rows = rows_of(client.get(url))
    assert [(r["period"], r["value"], r["unit"]) for r in rows] == [
        ("2008Q2", "2.50", "吨标准煤/万元"),
        ("2008Q3", "2.40", "吨标准煤/万元"),
    ]
    assert all(r["bulletin_index_number"] and r["is_sample"] == "否" for r in rows)
    assert all(";" not in value for r in rows for value in r.values())


def test_no_spreadsheet_escape_shows_on_ordinary_values(client, content, published_values):
    published_values()
    for collection in LISTS:
        for row in rows_of(client.get(f"/api/v1/{collection}.csv")):
            assert not any(value.startswith("'") for value in row.values()), row
    comparators = {r["目标要求"] for r in rows_of(client.get("/api/v1/indicators.csv"))}
    assert comparators == {"达到", "不低于"}


def test_text_a_spreadsheet_would_run_is_defused(client, content, published_outcome):
    published_outcome(summary='=HYPERLINK("http://evil.example","点击")', result="-已处理")
    row = rows_of(client.get("/api/v1/outcomes.csv?header=key"))[0]
    assert row["summary"] == '\'=HYPERLINK("http://evil.example","点击")'
    assert row["result"] == "'-已处理"
    published_outcome(summary="@SUM(A1)", result="+86 电话")
    cells = {v for r in rows_of(client.get("/api/v1/outcomes.csv")) for v in r.values()}
    assert {"'@SUM(A1)", "'+86 电话"} <= cells


def test_the_writer_writes_a_header_and_rows():
    text = table_csv(["甲", "乙", "丙"], [[1, ["x", "y"], None], ["-1.5", "=1+1", "是"]])
    assert text == "\ufeff甲,乙,丙\r\n1,x; y,\r\n-1.5,'=1+1,是\r\n"
    record = {"a": {"b": 1}, "l": [{"n": "甲"}, {"n": "乙"}]}
    assert (pluck(record, "a.b"), pluck(record, "l[].n"), pluck(record, "a.b.c")) == (
        1,
        ["甲", "乙"],
        None,
    )
