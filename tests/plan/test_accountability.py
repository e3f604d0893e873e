"""The 考核 table: every number reproduced from the underlying records, the method beside it."""

import csv
import io
from datetime import date
from pathlib import Path

import yaml
from sqlalchemy import select

from portal.extensions import db
from portal.models import Commitment, Department, ProgressStatus, ProgressUpdate
from tests.support.pages import parse

METHOD = yaml.safe_load(
    (Path(__file__).parents[2] / "content" / "accountability-method.yaml").read_text("utf-8")
)


def _complete(code: str, noted_on: date, *, sample: bool = False) -> None:
    commitment = db.session.scalars(select(Commitment).where(Commitment.code == code)).one()
    db.session.add(
        ProgressUpdate(
            commitment_id=commitment.id, status=ProgressStatus.COMPLETED, note="测试记录",
            noted_on=noted_on, recorded_by="editor", is_sample=sample,
        )
    )  # fmt: skip
    commitment.status = ProgressStatus.COMPLETED


def _expected_on_time(department_code: str, year: int) -> tuple[int, int]:
    """Recount from the records: the department's commitments due that year, and those whose
    earliest 已完成 note is on or before the deadline."""
    department = db.session.scalars(
        select(Department).where(Department.code == department_code)
    ).one()
    due = met = 0
    for c in db.session.scalars(select(Commitment)):
        if c.deadline.year != year or department.id not in {m.department_id for m in c.departments}:
            continue
        due += 1
        notes = db.session.scalars(
            select(ProgressUpdate.noted_on).where(
                ProgressUpdate.commitment_id == c.id,
                ProgressUpdate.status == ProgressStatus.COMPLETED,
            )
        ).all()
        met += bool(notes) and min(notes) <= c.deadline
    return met, due


def test_method_quotes_the_plan_and_its_weights_add_up(content):
    plan = (Path(__file__).parents[2] / "content" / "plan.md").read_text("utf-8")
    assert sum(c["weight"] for c in METHOD["criteria"]) == 100
    for criterion in METHOD["criteria"]:
        assert criterion["quote"] in plan
        assert "{#" + criterion["section"] + "}" in plan


def test_page_shows_the_method_beside_the_scores(client, content):
    page = parse(client.get("/accountability"))
    method = page.find("section", attrs={"aria-labelledby": "method-title"})
    for criterion in METHOD["criteria"]:
        row = method.find("tr", id=f"criterion-{criterion['code']}")
        assert criterion["quote"] in row.q.get_text()
        assert row.find("td").get_text(strip=True) == str(criterion["weight"])
        assert row.a["href"] == f"/plan/{criterion['section']}"


def test_every_commitment_score_is_reproduced_from_the_records(app, client, content):
    with app.app_context():
        _complete("pollutant-permits-all-units", date(2008, 12, 1))  # on time
        _complete("key-polluters-auto-monitoring", date(2009, 2, 1))  # late
        db.session.commit()
    response = client.get("/data/accountability.csv")
    assert response.status_code == 200
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    scored = [
        r for r in table if r["标准代码"] == "commitments-on-time" and r["单位类型"] == "部门"
    ]
    assert scored
    with app.app_context():
        for row in scored:
            met, due = _expected_on_time(row["单位代码"], int(row["年度"]))
            if due == 0:
                assert row["得分"] == "" and row["标记"] == "无数据"
            else:
                assert (row["达标项数"], row["应考项数"]) == (str(met), str(due))
                assert float(row["得分"]) == round(100 * met / due, 1)
    env_2008 = next(
        r for r in scored if r["单位代码"] == "environmental-protection" and r["年度"] == "2008"
    )
    assert env_2008["达标项数"] == "1"


def test_criteria_without_records_say_no_data_and_so_does_the_total(client, content):
    page = parse(client.get("/accountability"))
    row = page.find("tr", attrs={"data-unit": "environmental-protection"})
    feedback = row.find("td", attrs={"data-criterion": "progress-feedback"})
    assert feedback.get_text(strip=True) == "无数据"
    assert row.find_all("td")[-1].get_text(strip=True) == "无数据"
    # Districts have no records assigned: nothing but 无数据, never a number.
    district = page.find("tr", attrs={"data-unit": "xingshan"})
    assert {td.get_text(strip=True) for td in district.find_all("td")} == {"无数据"}


def test_scores_from_sample_records_are_labelled(app, client, content):
    with app.app_context():
        _complete("pollutant-permits-all-units", date(2008, 12, 1), sample=True)
        db.session.commit()
    page = parse(client.get("/accountability"))
    year = page.find("section", attrs={"aria-labelledby": "y2008-title"})
    cell = year.find("tr", attrs={"data-unit": "environmental-protection"}).find(
        "td", attrs={"data-criterion": "commitments-on-time"}
    )
    assert "示例数据" in cell.get_text()


def test_json_download_has_the_same_rows(client, content):
    data = client.get("/data/accountability.json").get_json()["data"]
    assert data and {"year", "unit_code", "criterion_code", "value", "mark"} <= set(data[0])
    assert all(r["value"] is None for r in data if r["mark"] == "无数据")
