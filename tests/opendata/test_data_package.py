"""/data and /data/datapackage.json: with the sample data loaded, every published CSV passes
`frictionless` validation against the Table Schema the package gives for it (types, enums,
required fields, primary and foreign keys), with English keys and with the Chinese header."""

import json

import pytest
from frictionless import Package, Resource, Schema

from portal.opendata.datasets import DATASETS
from tests.support.api import rows_of

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def sample_data(runner, content, published_outcome):
    published_outcome()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0


def saved(client, tmp_path, name: str, query: str = "?header=key"):
    response = client.get(f"/data/{name}.csv{query}")
    assert response.status_code == 200
    path = tmp_path / f"{name}.csv"
    path.write_bytes(response.get_data())
    return path


def test_every_published_csv_is_valid_against_the_package(client, sample_data, tmp_path):
    descriptor = client.get("/data/datapackage.json").get_json()
    assert [r["name"] for r in descriptor["resources"]] == list(DATASETS)
    for resource in descriptor["resources"]:
        assert resource["path"].endswith(f"/data/{resource['name']}.csv?header=key")
        resource["path"] = saved(client, tmp_path, resource["name"]).name
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False))
    package = Package(str(tmp_path / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    rows = {
        r["name"]: len(rows_of(client.get(f"/data/{r['name']}.csv")))
        for r in descriptor["resources"]
    }
    assert all(rows[name] > 0 for name in ("indicator-values", "phase-out-totals", "exposures"))


def test_the_chinese_header_is_the_titles_and_validates_too(client, sample_data, tmp_path):
    descriptor = client.get("/data/datapackage.json").get_json()
    for resource in descriptor["resources"]:
        fields = resource["schema"]["fields"]
        path = saved(client, tmp_path, resource["name"], query="")
        header = path.read_bytes().decode("utf-8-sig").splitlines()[0]
        assert header.split(",") == [f["title"] for f in fields]
        schema = {"fields": [{**f, "name": f["title"]} for f in fields], "missingValues": [""]}
        resource = Resource(
            path=path.name, basepath=str(tmp_path), schema=Schema.from_descriptor(schema)
        )
        report = resource.validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
