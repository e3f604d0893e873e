"""/data (开放数据) lists every dataset with its licence, row count and downloads; each
dataset's dictionary at /data/<name> describes every column; record pages link to their rows."""

import pytest

from portal.opendata.datasets import DATASETS
from tests.support.api import rows_of
from tests.support.pages import parse

pytestmark = pytest.mark.usefixtures("db")


def test_the_catalogue_lists_every_dataset_with_its_downloads(client, runner, content):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    page = parse(client.get("/data"))
    assert page.h1.get_text(strip=True) == "开放数据"
    rows = page.select("table.data tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == [d.title for d in DATASETS.values()]
    for row, name in zip(rows, DATASETS, strict=True):
        links = {a.get_text(strip=True).split("（")[0]: a["href"] for a in row.select("a")}
        assert links["CSV"] == f"/data/{name}.csv" and links["XLSX"] == f"/data/{name}.xlsx"
        assert links["数据字典"] == f"/data/{name}"
        assert client.get(links["JSON"]).status_code == 200
        count = int(row.select("td.num")[0].get_text(strip=True))
        assert count == len(rows_of(client.get(links["CSV"])))
    assert page.find("a", rel="license")
    assert page.find("a", href="/data/datapackage.json")


def test_each_dictionary_describes_every_column(client, content):
    for name, dataset in DATASETS.items():
        page = parse(client.get(f"/data/{name}"))
        cells = [
            [td.get_text(strip=True) for td in tr.find_all(["th", "td"])]
            for tr in page.select("tbody tr")
        ]
        assert [c[0] for c in cells] == dataset.keys, name
        assert [c[1].removesuffix("（必填）") for c in cells] == dataset.titles, name
    status = {
        c[0]: c
        for c in [
            [td.get_text(strip=True) for td in tr.find_all(["th", "td"])]
            for tr in parse(client.get("/data/commitments")).select("tbody tr")
        ]
    }
    assert "已完成" in status["status"][5] and "completed" in status["status_code"][5]
    assert parse(client.get("/data/exposures")).find(string="元")


def test_unknown_datasets_and_parameters_are_refused_clearly(client, content):
    assert client.get("/data/nothing").status_code == 404
    assert client.get("/data/nothing.csv").status_code == 404
    refused = client.get("/data/indicator-values.csv?code=x")
    assert refused.status_code == 400
    assert "indicator_code" in refused.get_data(as_text=True)
    assert client.get("/data/indicators.csv?header=中文").status_code == 400


def test_the_api_and_its_docs_point_to_the_catalogue(client, content):
    index = client.get("/api/v1/").get_json()["data"]
    assert index["datasets"].endswith("/data") and index["datapackage"].endswith(
        "/datapackage.json"
    )
    assert parse(client.get("/api")).find("a", href="/data")
    assert parse(client.get("/")).find("footer").find("a", href="/data")


def test_record_pages_link_to_their_rows(client, runner, content):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    target = parse(client.get("/targets/gdp-energy-intensity"))
    link = target.find("a", href="/data/indicator-values.csv?indicator_code=gdp-energy-intensity")
    rows = rows_of(client.get(link["href"]))
    assert rows and {r["指标代码"] for r in rows} == {"gdp-energy-intensity"}
    enterprise = parse(
        client.get(
            f"/enterprises/{rows_of(client.get('/data/exposures.csv?header=key'))[0]['enterprise_id']}"
        )
    )
    exposures = enterprise.find(
        "a", href=lambda h: h and h.startswith("/data/exposures.csv?enterprise_id=")
    )
    assert rows_of(client.get(exposures["href"]))
    bulletin_url = rows[0]["来源通报链接"].removeprefix("http://localhost")
    bulletin = parse(client.get(bulletin_url))
    values = bulletin.find("a", href=lambda h: h and h.startswith("/data/bulletin-values.xlsx?"))
    assert client.get(values["href"]).status_code == 200
