"""What the open-data API publishes: the same records as the public pages, each with its
permalink, ISO dates, exact figures and sample mark — and nothing private."""

import json
from datetime import UTC, datetime

import pytest

from portal.models import PlanSection
from portal.services.reports.periods import last_closed_month
from tests.support.reports import PRIVATE_TEXT

pytestmark = pytest.mark.usefixtures("db")  # the helpers call services


def data(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()["data"]


@pytest.mark.parametrize(
    "collection, key, permalink",
    [
        ("sections", "main-targets", "http://localhost/plan/main-targets"),
        ("indicators", "gdp-energy-intensity", "http://localhost/targets/gdp-energy-intensity"),
        ("commitments", "livestock-pollution-control",
         "http://localhost/commitments#livestock-pollution-control"),
        ("projects", "hkjt-industrial-boiler-retrofit",
         "http://localhost/projects#hkjt-industrial-boiler-retrofit"),
    ],
)  # fmt: skip
def test_every_record_carries_its_public_permalink(client, content, collection, key, permalink):
    listed = {record["url"] for record in data(client, f"/api/v1/{collection}?limit=200")}
    assert permalink in listed
    assert data(client, f"/api/v1/{collection}/{key}")["url"] == permalink
    assert client.get(permalink.removeprefix("http://localhost").split("#")[0]).status_code == 200


def test_lists_hold_everything_in_a_deterministic_order(client, db, content):
    sections = data(client, "/api/v1/sections?limit=200")
    assert len(sections) == db.session.query(PlanSection).count()
    assert [s["position"] for s in sections] == sorted(s["position"] for s in sections)
    commitments = data(client, "/api/v1/commitments?limit=200")
    deadlines = [c["deadline"] for c in commitments]
    assert deadlines == sorted(deadlines)
    first = commitments[0]
    assert first["departments"] and {"code", "name"} <= set(first["departments"][0])
    assert first["section"]["url"].startswith("http://localhost/plan/")


def test_indicator_figures_are_exact_strings_and_only_published_values_count(
    client, content, published_values
):
    published_values(("gdp-energy-intensity", "2008Q3", "2.40"))
    published_values(("gdp-energy-intensity", "2008Q4", "2.30"), published=False)
    indicator = data(client, "/api/v1/indicators/gdp-energy-intensity")
    assert (indicator["baseline_value"], indicator["target_value"]) == ("2.66", "2.00")
    assert [(v["period"], v["value"]) for v in indicator["values"]] == [("2008Q3", "2.40")]
    value = indicator["values"][0]
    assert value["period_end"] == "2008-09-30"
    assert value["bulletin"]["revision"] == 1
    assert value["bulletin"]["published_at"].endswith("+08:00")
    assert indicator["progress"]["status"] in {"on_track", "behind", "met"}


def test_progress_notes_appear_with_dates_and_their_sample_mark(client, content, progress_note):
    progress_note("commitment", "livestock-pollution-control", "completed", "治理全部完成。")
    commitment = data(client, "/api/v1/commitments/livestock-pollution-control")
    assert (commitment["status"], commitment["status_label"]) == ("completed", "已完成")
    assert commitment["status_noted_on"] == "2008-06-30"
    assert commitment["progress"] == [
        {"noted_on": "2008-06-30", "status": "completed", "status_label": "已完成",
         "note": "治理全部完成。", "sample": False},
    ]  # fmt: skip
    assert commitment["overdue"] is False and commitment["sample"] is False


def test_filters_narrow_the_lists(client, content, progress_note):
    progress_note("commitment", "livestock-pollution-control", "completed", "治理全部完成。")
    done = data(client, "/api/v1/commitments?status=completed")
    assert [c["code"] for c in done] == ["livestock-pollution-control"]
    for c in data(client, "/api/v1/commitments?year=2008&overdue=true&limit=200"):
        assert c["deadline"].startswith("2008") and c["overdue"] is True
    env = data(client, "/api/v1/commitments?department=environmental-protection&limit=200")
    assert env and all(
        "environmental-protection" in {d["code"] for d in c["departments"]} for c in env
    )
    group = data(client, "/api/v1/projects?group=ten-key-energy&limit=200")
    assert group and {p["group"]["code"] for p in group} == {"ten-key-energy"}
    lower = data(client, "/api/v1/indicators?direction=lower&limit=200")
    assert lower and {i["direction"] for i in lower} == {"lower"}
    assert {s["level"] for s in data(client, "/api/v1/sections?level=2&limit=200")} == {2}


def test_outcomes_publish_the_summary_and_never_the_report(client, content, published_outcome):
    outcome = published_outcome(published_at=datetime(2026, 4, 1, 2, 30, tzinfo=UTC))
    number = outcome.report.number
    listed = data(client, "/api/v1/outcomes")
    assert [o["number"] for o in listed] == [number]
    record = data(client, f"/api/v1/outcomes/{number}")
    assert record["published_at"] == "2026-04-01T10:30:00+08:00"
    assert record["submitted_on"] == "2026-03-02" and record["resolved_on"] == "2026-03-20"
    assert record["district"] == {"code": "xingshan", "name": "兴山区"}
    assert record["url"] == f"http://localhost/reports/outcomes/{number}"
    assert record["sample"] is False
    for path in ("/api/v1/outcomes", f"/api/v1/outcomes/{number}", "/api/v1/outcomes.csv"):
        body = client.get(path).get_data(as_text=True)
        assert not [secret for secret in PRIVATE_TEXT if secret in body]
    assert set(record) == {
        "number", "category", "district", "submitted_on", "accepted_on", "resolved_on",
        "department", "conclusion", "published_at", "summary", "result", "sample", "url",
    }  # fmt: skip


def test_sample_records_say_so(client, content, published_outcome):
    sample = published_outcome(sample=True)
    record = data(client, f"/api/v1/outcomes/{sample.report.number}")
    assert record["sample"] is True
    assert data(client, "/api/v1/outcomes?district=xingshan")[0]["sample"] is True


def test_outcome_filters(client, content, published_outcome):
    published_outcome(district="nanshan")
    published_outcome(district="xingshan")
    nanshan = data(client, "/api/v1/outcomes?district=nanshan")
    assert [o["district"]["code"] for o in nanshan] == ["nanshan"]
    assert data(client, "/api/v1/outcomes?category=secret-discharge&district=luobei") == []


def test_report_statistics_are_those_of_the_stats_page(client, content, published_outcome):
    published_outcome()
    stats = data(client, "/api/v1/report-stats")
    # One report: fewer than five, so published as "<5" (test_stats_disclosure).
    assert stats["totals"]["received"] is None
    assert stats["totals_suppressed"]["received"] == "small"
    assert stats["url"] == "http://localhost/reports/stats"
    page_json = json.loads(client.get("/reports/stats.json").get_data(as_text=True))
    assert stats["totals"] == page_json["totals"]
    year = last_closed_month(datetime.now(UTC)).year
    assert data(client, f"/api/v1/report-stats?year={year}")["period"]["year"] == year


def test_the_index_lists_every_collection(client, content):
    index = data(client, "/api/v1/")
    names = {c["name"] for c in index["collections"]}
    assert {"sections", "indicators", "commitments", "projects", "outcomes"} <= names
    assert index["openapi"] == "http://localhost/api/v1/openapi.json"
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    assert "/commitments" in document["paths"]
