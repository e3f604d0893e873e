"""Issue 12 item 5: the public statistics must not point at a reporter. Only closed months
are published, counts of 1–4 are suppressed ("<5"), totals do not let a suppressed count be
worked out (complementary suppression, "×"), the monthly bulletin follows the same rule, and
a duplicate mark does not tell one reporter another report's number."""

import csv
import io
import itertools
import json
from datetime import UTC, datetime

import pytest

from portal.services.reports import workflow
from portal.services.reports.disclosure import HIDDEN, SMALL, protect
from portal.services.reports.monthly import monthly_markdown, monthly_summary
from portal.services.reports.periods import InvalidPeriod, last_closed_month
from tests.support.pages import parse, text_of
from tests.support.reports import MODERATOR, local, make_report, new_report
from tests.support.staff import create_staff, log_in

STATS_URLS = ("/reports/stats.json", "/api/v1/report-stats")


def now() -> datetime:
    return datetime.now(UTC)


def last_month_day(day: int = 10) -> datetime:
    month = last_closed_month(now())
    return local(month.year, month.month, day)


def stats_json(client, url: str = "/reports/stats.json") -> dict:
    data = json.loads(client.get(url).get_data(as_text=True))
    return data.get("data", data)


def district(data: dict, code: str) -> dict:
    return next(d for d in data["by_district"] if d["code"] == code)


@pytest.fixture
def last_month(db, content):
    """Fifteen reports last month: 8 in 兴山区, 6 in 向阳区, one in 萝北县."""
    for district_code, count in (("xingshan", 8), ("xiangyang", 6), ("luobei", 1)):
        for _ in range(count):
            make_report(last_month_day(), district=district_code)


def test_a_report_sent_this_month_is_not_in_the_statistics_yet(client, db, content):
    make_report(now(), district="luobei", category="excess-emission")
    for url in STATS_URLS:
        data = stats_json(client, url)
        assert data["totals"]["received"] == 0, url
        assert district(data, "luobei")["count"] == 0, url
        category = next(c for c in data["by_category"] if c["code"] == "excess-emission")
        assert category["count"] == 0, url
        assert data["period"]["last_month"] == last_closed_month(now()).key
        assert data["disclosure"]["in_progress_month"] != data["period"]["last_month"]
    page = parse(client.get("/reports/stats"))
    assert "尚在统计中" in page.find(class_="notice").get_text()


def test_a_lone_report_in_a_district_is_shown_as_fewer_than_five(client, last_month):
    data = stats_json(client)
    assert data["totals"]["received"] == 15
    assert district(data, "luobei") | {"name": ""} == {
        "code": "luobei", "name": "", "count": None, "percent": None, "suppressed": "small",
    }  # fmt: skip
    # 15 − 8 would give 向阳区 + 萝北县 = 7, and so 萝北县 = 1: 向阳区 is hidden as well.
    assert district(data, "xiangyang")["count"] is None
    assert district(data, "xiangyang")["suppressed"] == "complementary"
    assert district(data, "xingshan")["count"] == 8
    assert district(data, "dongshan")["count"] == 0


def test_no_suppressed_count_can_be_worked_out_from_the_total(client, last_month):
    data = stats_json(client)
    for table in ("by_category", "by_district", "by_channel", "by_status"):
        hidden = [c for c in data[table] if c["count"] is None]
        assert len(hidden) != 1, table  # one hidden count = the total minus the others
    for row in data["by_month"]:
        assert len(row["suppressed"]) != 1 or set(row["suppressed"]) != {"received"}


def test_the_page_and_the_csv_say_fewer_than_five_and_explain_the_rule(client, last_month):
    page = client.get("/reports/stats")
    districts = parse(page).find("section", attrs={"aria-labelledby": "district-title"})
    luobei = districts.find("th", string="萝北县").find_parent("tr")
    assert [td.get_text(strip=True) for td in luobei.find_all("td")] == ["<5", "—"]
    xiangyang = districts.find("th", string="向阳区").find_parent("tr")
    assert xiangyang.find("td").get_text(strip=True) == "×"
    assert "1–4 件的数字不公布确数" in text_of(page)

    raw = client.get("/reports/stats.csv").get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    luobei_row = next(r for r in rows if r["代码"] == "luobei" and r["指标"] == "收到举报")
    assert (luobei_row["数值"], luobei_row["标记"]) == ("", "<5")


def test_fewer_than_five_reports_publish_no_breakdown(client, db, content):
    make_report(last_month_day(), district="suibin", category="excess-emission")
    data = stats_json(client, "/api/v1/report-stats")
    assert data["totals"]["received"] is None
    assert data["totals_suppressed"]["received"] == "small"
    for table in ("by_category", "by_district", "by_channel", "by_status"):
        assert {c["count"] for c in data[table]} == {None}, table
        assert {c["suppressed"] for c in data[table]} == {"complementary"}, table


def test_the_monthly_bulletin_suppresses_small_numbers(db, content):
    for _ in range(6):
        make_report(local(2026, 10, 5), district="xingshan")
    make_report(local(2026, 10, 6), district="luobei", category="excess-emission")
    _, text = monthly_markdown(monthly_summary(2026, 10, datetime(2026, 11, 2, tzinfo=UTC)))
    assert "共接到举报7件" in text
    assert "萝北县举报1件" not in text and "举报1件" not in text
    assert "萝北县举报不足5件" in text
    assert "兴山区举报件数不公布" in text  # else 7 − 6 would give 萝北县's one


def test_a_month_with_few_reports_has_no_breakdown_in_the_bulletin(db, content):
    make_report(local(2026, 10, 6), district="luobei", category="excess-emission")
    _, text = monthly_markdown(monthly_summary(2026, 10, datetime(2026, 11, 2, tzinfo=UTC)))
    assert "萝北县" not in text and "超标排放" not in text
    assert "共接到举报不足5件" in text and "不公布分项数字" in text


def test_the_monthly_bulletin_waits_for_the_month_to_end(db, content):
    with pytest.raises(InvalidPeriod, match="尚未结束"):
        monthly_summary(2026, 11, datetime(2026, 11, 20, tzinfo=UTC))


def test_a_duplicate_mark_does_not_tell_the_reporter_the_other_number(app, client, db, content):
    original = new_report().report.number
    duplicate = new_report()
    workflow.transition(
        duplicate.report.number, "duplicate", actor=MODERATOR, now=now(), duplicate_of=original
    )
    page = client.get("/report/status")
    token = parse(page).find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post(
        "/report/status",
        data={
            "csrf_token": token,
            "number": duplicate.report.number,
            "code": duplicate.receipt_code,
        },
    )
    assert response.status_code == 200 and "重复举报" in text_of(response)
    assert original not in response.get_data(as_text=True)

    staff = app.test_client()
    create_staff("mod", "moderator")
    log_in(staff, "mod")
    assert original in text_of(staff.get(f"/admin/reports/{duplicate.report.number}"))


def test_a_number_typed_into_a_public_note_is_not_shown_to_the_other_reporter(client, db, content):
    original = new_report().report.number
    duplicate = new_report()
    workflow.transition(
        duplicate.report.number, "duplicate", actor=MODERATOR, now=now(),
        duplicate_of=original, public_note=f"与{original}重复，已合并。",
    )  # fmt: skip
    token = parse(client.get("/report/status")).find("input", attrs={"name": "csrf_token"})
    response = client.post(
        "/report/status",
        data={"csrf_token": token["value"], "number": duplicate.report.number,
              "code": duplicate.receipt_code},
    )  # fmt: skip
    assert original not in response.get_data(as_text=True)
    assert "与另一件举报重复，已合并。" in text_of(response)


def possible_values(counts, figures, threshold=5):
    """Every value each suppressed count could have, to a reader who knows the total, the
    published counts and the rule ("<5" is 1–4, "×" at least 5 unless the table is withheld)."""
    hidden = [i for i, f in enumerate(figures) if not f.published]
    rest = sum(counts[i] for i in hidden)
    withheld = all(f.mark == HIDDEN for f in figures) and sum(counts) > 0
    ranges = [
        range(0, rest + 1) if withheld
        else range(1, threshold) if figures[i].mark == SMALL
        else range(threshold, rest + 1)
        for i in hidden
    ]  # fmt: skip
    seen = {i: set() for i in hidden}
    for combination in itertools.product(*ranges):
        if sum(combination) == rest:
            for i, value in zip(hidden, combination, strict=True):
                seen[i].add(value)
    return seen


@pytest.mark.parametrize("size", [2, 3, 4])
def test_no_table_of_small_counts_gives_one_away(size):
    for counts in itertools.product(range(0, 9), repeat=size):
        figures = protect(list(counts), 5)
        for i, values in possible_values(counts, figures).items():
            assert counts[i] in values and len(values) > 1, (counts, [f.text for f in figures])
        for count, figure in zip(counts, figures, strict=True):
            assert figure.published or count > 0 or all(not f.published for f in figures)
            assert not figure.published or not 0 < count < 5, counts
