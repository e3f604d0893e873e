"""查实率 = (属实 + 部分属实) / reports with a 办理结论, on /reports/stats, its CSV and JSON, the
API and the monthly bulletin: closed months only, 未记录 left out and counted apart, small
numbers suppressed like every other published figure."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.models import Conclusion, Department, ReportStatus
from portal.services.reports.monthly import monthly_markdown, monthly_summary
from portal.services.reports.periods import last_closed_month
from tests.support.pages import parse
from tests.support.reports import days, local, make_report

C = Conclusion


def last_month_day(day: int = 10) -> datetime:
    month = last_closed_month(datetime.now(UTC))
    return local(month.year, month.month, day)


def concluded(
    db, conclusion, *, when=None, district="xingshan", department="environmental-protection"
):
    report = make_report(
        when or last_month_day(3), status=ReportStatus.RESOLVED, district=district,
        decided_after=days(1), resolved_after=days(5),
    )  # fmt: skip
    report.conclusion = conclusion
    report.department = db.session.scalars(
        select(Department).where(Department.code == department)
    ).one()
    db.session.commit()
    return report


def verified(client, url="/reports/stats.json") -> dict:
    data = json.loads(client.get(url).get_data(as_text=True))
    return data.get("data", data)["verified_rate"]


@pytest.fixture
def six_concluded(db, content):
    """Last month: 3 属实, 1 部分属实, 2 不属实 in 兴山区; 2 reports resolved before conclusions."""
    for conclusion in [C.SUBSTANTIATED] * 3 + [C.PARTLY] + [C.UNFOUNDED] * 2:
        concluded(db, conclusion)
    for _ in range(2):
        concluded(db, C.UNRECORDED)


@pytest.mark.parametrize("url", ["/reports/stats.json", "/api/v1/report-stats"])
def test_the_rate_counts_verified_among_concluded_and_unrecorded_apart(client, six_concluded, url):
    rate = verified(client, url)
    assert rate["overall"]["percent"] == 66.7  # 4 / 6, the 2 未记录 left out
    assert rate["overall"]["concluded"] == 6
    assert rate["overall"]["unrecorded"] is None
    assert rate["overall"]["suppressed"] == {"unrecorded": "small"}
    xingshan = next(d for d in rate["by_district"] if d["code"] == "xingshan")
    assert xingshan["percent"] == 66.7 and xingshan["concluded"] == 6
    department = next(d for d in rate["by_department"] if d["code"] == "environmental-protection")
    assert department["percent"] == 66.7


def test_the_stats_page_shows_the_rate_and_the_unrecorded_apart(client, six_concluded):
    page = parse(client.get("/reports/stats"))
    assert page.find(id="verified-rate").get_text(strip=True) == "66.7%"
    section = page.find("section", attrs={"aria-labelledby": "verified-title"})
    text = " ".join(section.get_text(" ").split())
    assert "未记录 <5 件" in text and "不属实 <5 件" in text
    caption = section.find("caption", string=lambda s: s and "按承办部门的查实率" in s)
    assert caption is not None


def test_few_conclusions_give_no_rate_and_small_groups_are_suppressed(client, db, content):
    for conclusion in (C.SUBSTANTIATED, C.UNFOUNDED, C.UNVERIFIABLE):
        concluded(db, conclusion)
    concluded(db, C.SUBSTANTIATED, district="luobei")
    rate = verified(client)
    assert rate["overall"]["percent"] is None and rate["overall"]["concluded"] is None
    luobei = next(d for d in rate["by_district"] if d["code"] == "luobei")
    assert luobei["concluded"] is None and luobei["percent"] is None
    page = parse(client.get("/reports/stats"))
    assert "暂无数据" in page.find(id="verified-rate").get_text()


def test_this_months_conclusions_wait_for_the_month_to_end(client, db, content):
    for _ in range(6):
        concluded(db, C.SUBSTANTIATED, when=datetime.now(UTC) - days(0.01))
    rate = verified(client)
    assert rate["overall"]["concluded"] == 0 and rate["overall"]["percent"] is None


def test_the_csv_carries_the_rate(client, six_concluded):
    body = client.get("/reports/stats.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body)))
    assert [r[1:7] for r in rows if r[4] == "查实率（属实和部分属实）"] == [
        ["查实率", "全部", "", "查实率（属实和部分属实）", "66.7", "%"]
    ]
    mark = [r[7] for r in rows if r[1] == "办理结论" and r[2] == "未记录"]
    assert mark == ["<5"]


def test_the_monthly_bulletin_gives_the_rate_of_the_months_resolutions(db, six_concluded):
    month = last_closed_month(datetime.now(UTC))
    _, markdown = monthly_markdown(monthly_summary(month.year, month.month, datetime.now(UTC)))
    assert "## 七、办理结论和查实率" in markdown
    assert "作出办理结论6件" in markdown
    assert "查实率（属实和部分属实）为66.7%" in markdown
    assert "市环保局66.7%（6件）" in markdown
    assert "办理结论为“未记录”，不计入查实率" in markdown
    assert "不属实不足5件" in markdown
