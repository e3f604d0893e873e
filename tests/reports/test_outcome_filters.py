"""/reports/outcomes shows each outcome's 受理日期, 答复日期, 承办部门, 办理结论 and 答复内容,
and filters by category, district, department, conclusion and reply month with a GET form
that works without JavaScript; a value that names nothing gets a Chinese message and a 400."""

import pytest
from sqlalchemy import select

from portal.models import Conclusion, Department, ReportStatus
from tests.support.pages import parse, text_of
from tests.support.reports import PRIVATE_TEXT, days, local, publish


@pytest.fixture
def outcomes(db, content, make_report):
    def resolved(submitted, conclusion, department, **fields):
        report = make_report(
            submitted, status=ReportStatus.RESOLVED, decided_after=days(2),
            resolved_after=days(30), **fields,
        )  # fmt: skip
        report.conclusion = conclusion
        report.department = db.session.scalars(
            select(Department).where(Department.code == department)
        ).one()
        db.session.commit()
        return report

    march = resolved(local(2026, 3, 2), Conclusion.SUBSTANTIATED, "environmental-protection",
                     district="luobei")  # fmt: skip
    may = resolved(local(2026, 5, 10), Conclusion.UNFOUNDED, "construction",
                   category="excess-emission")  # fmt: skip
    publish(
        march, local(2026, 4, 20), "某洗煤厂夜间向河道排放洗煤废水。", "已责令整改，罚款5万元。"
    )
    publish(may, local(2026, 7, 1), "某热电厂烟囱冒黄烟。", "经监测未超标。")
    return march, may


def numbers(response) -> list[str]:
    return [
        a["aria-labelledby"].removeprefix("outcome-")
        for a in parse(response).select("ol.outcomes article")
    ]


def test_each_outcome_carries_its_dates_department_conclusion_and_reply(client, outcomes):
    march, _ = outcomes
    response = client.get(f"/reports/outcomes/{march.number}")
    text = " ".join(text_of(response).split())
    assert "受理日期 2026年3月4日" in text and "答复日期 2026年4月1日" in text
    assert "承办部门 市环保局" in text and "办理结论 属实" in text
    assert "答复内容 已责令整改，罚款5万元。" in text
    assert not [secret for secret in PRIVATE_TEXT if secret in response.get_data(as_text=True)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [1, 0]),
        ("?conclusion=substantiated", [0]),
        ("?conclusion=unfounded", [1]),
        ("?district=luobei", [0]),
        ("?category=excess-emission", [1]),
        ("?department=construction", [1]),
        ("?month=2026-04", [0]),
        ("?month=2026-06", [1]),
        ("?month=2026-05", []),
        ("?district=luobei&conclusion=unfounded", []),
    ],
)
def test_the_filters_narrow_the_list(client, outcomes, query, expected):
    response = client.get(f"/reports/outcomes{query}")
    assert response.status_code == 200
    assert numbers(response) == [outcomes[i].number for i in expected]
    if not expected:
        assert "没有符合筛选条件的办理结果" in text_of(response)


def test_the_filter_form_is_a_labelled_get_form_that_keeps_its_choices(client, outcomes):
    page = parse(client.get("/reports/outcomes?conclusion=unfounded&month=2026-06"))
    form = page.find("form", class_="filters")
    assert form["method"] == "get" and form["action"] == "/reports/outcomes"
    for field in form.select("select, input"):
        assert form.find("label", attrs={"for": field["id"]}), field["id"]
    chosen = form.find("select", attrs={"name": "conclusion"}).find("option", selected=True)
    assert chosen.get_text() == "不属实"
    assert form.find("input", attrs={"name": "month"})["value"] == "2026-06"
    labels = [
        o.get_text() for o in form.find("select", attrs={"name": "conclusion"}).find_all("option")
    ]
    assert labels == ["全部", "属实", "部分属实", "不属实", "无法核实", "未记录"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?conclusion=<script>", "没有这个办理结论"),
        ("?district=atlantis", "没有这个区县"),
        ("?category=nope", "没有这个举报类别"),
        ("?department=' OR 1=1 --", "没有这个承办部门"),
        ("?month=2026-13", "无法识别"),
        ("?month=yesterday", "无法识别"),
    ],
)
def test_a_filter_value_that_names_nothing_is_a_400_in_chinese(client, outcomes, query, message):
    response = client.get(f"/reports/outcomes{query}")
    assert response.status_code == 400
    assert message in text_of(response) and "<script>" not in response.get_data(as_text=True)


def test_paging_keeps_the_filters(client, outcomes, monkeypatch):
    from portal.services.reports import outcomes as published_outcomes

    monkeypatch.setattr(published_outcomes, "PAGE_SIZE", 1)
    outcomes[0].conclusion = Conclusion.UNFOUNDED
    from portal.extensions import db

    db.session.commit()
    page = parse(client.get("/reports/outcomes?conclusion=unfounded"))
    link = page.find("a", rel="next")
    assert "conclusion=unfounded" in link["href"] and "page=2" in link["href"]
