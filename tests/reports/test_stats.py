"""Public report statistics: the figures match a hand-made scenario, months are Hegang's
months, and the page, the CSV and the JSON carry the same aggregates and nothing private."""

import csv
import io
import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from portal import settings as portal_settings
from portal.models import Channel, ReportStatus
from portal.services.reports.deadlines import TimeLimits
from portal.services.reports.periods import Month, stats_period
from portal.services.reports.stats import report_stats
from tests.support.pages import parse, text_of
from tests.support.reports import PRIVATE_TEXT, days, local

NOW = datetime(2026, 12, 15, 4, 0, tzinfo=UTC)
LIMITS = TimeLimits(accept_days=15, resolve_days=60)
S = ReportStatus


@pytest.fixture
def scenario(db, content, make_report):
    """Seven reports in 2026 (and one in 2025, outside the period). Expected figures are
    worked out by hand in the tests below."""
    make_report(  # A: 23:30 on 31 October in Hegang is still October
        local(2026, 10, 31, 23, 30),
        status=S.RESOLVED,
        decided_after=days(2),
        resolved_after=days(20),
    )
    make_report(  # B: 00:30 on 1 November in Hegang is 16:30 UTC on 31 October
        local(2026, 11, 1, 0, 30),
        status=S.REJECTED,
        category="excess-emission",
        district="luobei",
        channel=Channel.PHONE,
        decided_after=days(1),
    )
    make_report(  # C: accepted 9 October, past the 60-day limit on 15 December
        local(2026, 10, 5, 10),
        status=S.ACCEPTED,
        category="excess-emission",
        decided_after=days(4),
    )
    make_report(  # D: waiting 25 days for a decision: overdue
        local(2026, 11, 20),
        district="gongnong",
        channel=Channel.LETTER,
    )
    make_report(local(2026, 12, 10))  # E: waiting 5 days: not yet overdue
    make_report(  # F: decided late (20 days), resolved late (70 days after acceptance)
        local(2026, 9, 1),
        status=S.RESOLVED,
        district="luobei",
        channel=Channel.VISIT,
        decided_after=days(20),
        resolved_after=days(90),
    )
    make_report(  # G
        local(2026, 9, 10),
        status=S.DUPLICATE,
        category="idle-treatment-facility",
        decided_after=days(3),
    )
    make_report(  # H: last year
        local(2025, 10, 15),
        status=S.RESOLVED,
        decided_after=days(1),
        resolved_after=days(5),
    )


def stats_2026():
    return report_stats(stats_period(2026, NOW), NOW, LIMITS)


def counts(items) -> dict[str, int]:
    return {c.key: c.count for c in items if c.count}


def test_totals_and_counts_by_status_category_district_and_channel(scenario):
    stats = stats_2026()
    assert (stats.received, stats.accepted, stats.not_accepted) == (7, 3, 2)
    assert (stats.pending, stats.resolved, stats.overdue) == (2, 2, 2)
    assert counts(stats.by_status) == {
        "submitted": 2, "accepted": 1, "rejected": 1, "duplicate": 1, "resolved": 2,
    }  # fmt: skip
    assert counts(stats.by_category) == {
        "secret-discharge": 4, "excess-emission": 2, "idle-treatment-facility": 1,
    }  # fmt: skip
    assert counts(stats.by_district) == {"xingshan": 4, "luobei": 2, "gongnong": 1}
    assert counts(stats.by_channel) == {"web": 4, "phone": 1, "letter": 1, "visit": 1}
    assert [c.label for c in stats.by_district][:2] == ["兴山区", "向阳区"]  # zeros listed too
    web = next(c for c in stats.by_channel if c.key == "web")
    assert web.percent == Decimal("57.1")  # 4 / 7


def test_counts_by_month_follow_hegang_months(scenario):
    rows = {row.month.key: row for row in stats_2026().by_month}
    assert list(rows) == [f"2026-{m:02d}" for m in range(1, 13)]
    figures = {key: (r.received, r.accepted, r.not_accepted, r.resolved) for key, r in rows.items()}
    assert figures["2026-09"] == (2, 1, 1, 1)
    assert figures["2026-10"] == (2, 2, 0, 1)
    assert figures["2026-11"] == (2, 0, 1, 0)
    assert figures["2026-12"] == (1, 0, 0, 0)
    assert figures["2026-01"] == (0, 0, 0, 0)


def test_a_report_at_the_local_month_boundary_counts_in_its_local_month(db, content, make_report):
    make_report(local(2026, 10, 31, 23, 30))
    make_report(datetime(2026, 10, 31, 16, 30, tzinfo=UTC))  # 00:30 on 1 November locally
    period = stats_period(None, NOW)
    rows = {row.month.key: row.received for row in report_stats(period, NOW, LIMITS).by_month}
    assert rows["2026-10"] == 1 and rows["2026-11"] == 1
    assert Month.of(datetime(2026, 10, 31, 16, 30, tzinfo=UTC)) == Month(2026, 11)


def test_medians_of_time_to_acceptance_and_to_resolution(scenario):
    stats = stats_2026()
    assert stats.median_accept_days == Decimal("4.0")  # accepted A 2, C 4, F 20
    assert stats.median_resolve_days == Decimal("55.0")  # resolved A 20, F 90


def test_medians_are_empty_without_handled_reports(db, content, make_report):
    make_report(local(2026, 12, 1))
    stats = stats_2026()
    assert stats.median_accept_days is None and stats.median_resolve_days is None
    assert stats.accepted_in_time.percent is None


def test_share_handled_within_the_time_limits(scenario):
    stats = stats_2026()
    # Decided within 15 days: A B C G; decided late: F; still waiting past the limit: D.
    assert (stats.accepted_in_time.on_time, stats.accepted_in_time.due) == (4, 6)
    assert stats.accepted_in_time.percent == Decimal("66.7")
    # Resolved within 60 days of acceptance: A; late: F; accepted and past the limit: C.
    assert (stats.resolved_in_time.on_time, stats.resolved_in_time.due) == (1, 3)
    assert stats.resolved_in_time.percent == Decimal("33.3")


def test_exactly_the_time_limit_is_in_time(db, content, make_report):
    make_report(local(2026, 11, 1), status=S.REJECTED, decided_after=days(15))
    assert stats_2026().accepted_in_time.on_time == 1


def test_default_period_is_the_last_twelve_months():
    period = stats_period(None, NOW)
    assert (period.first, period.last) == (Month(2026, 1), Month(2026, 12))
    assert period.label == "2026年1月至2026年12月"
    january = stats_period(None, datetime(2026, 1, 10, tzinfo=UTC))
    assert (january.first, january.last) == (Month(2025, 2), Month(2026, 1))


@pytest.fixture
def last_year(app, db, content, make_report):
    """Reports in a year that is over, so that the pages can be asked for ?year=2025. So few
    would all be suppressed: these tests check that the page, the CSV and the JSON carry the
    same figures, with suppression off (test_stats_disclosure checks suppression)."""
    app.config["REPORT_STATS_MIN_COUNT"] = 1
    portal_settings.init_app(app)
    make_report(local(2025, 3, 1), status=S.RESOLVED, decided_after=days(1), resolved_after=days(9))
    make_report(local(2025, 3, 31, 23, 59), status=S.REJECTED, decided_after=days(2))
    make_report(local(2025, 7, 1), district="suibin", channel=Channel.PHONE)


def test_stats_page_shows_charts_with_the_same_figures_in_tables(client, last_year):
    response = client.get("/reports/stats?year=2025")
    assert response.status_code == 200
    page = parse(response)
    charts = page.find_all("svg")
    assert len(charts) == 5
    for chart in charts:
        assert chart["role"] == "img"
        title_id, desc_id = chart["aria-labelledby"].split()
        assert chart.find("title", id=title_id).get_text(strip=True)
        assert "数据见下表" in chart.find("desc", id=desc_id).get_text()
    months = page.find("section", attrs={"aria-labelledby": "month-title"})
    march = months.find("time", datetime="2025-03").find_parent("tr")
    assert [td.get_text(strip=True) for td in march.find_all("td")] == ["2", "1", "1", "1"]
    assert "3月" in months.svg.get_text() and "2" in months.svg.get_text()
    districts = page.find("section", attrs={"aria-labelledby": "district-title"})
    suibin = districts.find("th", string="绥滨县").find_parent("tr")
    assert [td.get_text(strip=True) for td in suibin.find_all("td")] == ["1", "33.3%"]
    text = text_of(response)
    assert "受理用时（中位数） 1.0 天" in text and "办结用时（中位数） 9.0 天" in text


def test_stats_page_links_to_its_data_and_to_the_outcomes(client, last_year):
    page = parse(client.get("/reports/stats?year=2025"))
    links = {a["href"] for a in page.find_all("a")}
    assert {"/reports/stats.csv?year=2025", "/reports/stats.json?year=2025"} <= links
    assert "/reports/outcomes" in links
    assert page.find("a", attrs={"aria-current": "page"}, string="2025年")


def test_default_stats_page_and_unknown_years(client, content):
    assert client.get("/reports/stats").status_code == 200
    assert client.get("/reports/stats?year=1999").status_code == 404
    assert client.get("/reports/stats.json?year=abc").status_code == 404
    assert client.get("/reports/stats.csv?year=2999").status_code == 404


def test_csv_has_a_bom_chinese_headers_and_the_same_figures(client, last_year):
    response = client.get("/reports/stats.csv?year=2025")
    assert response.mimetype == "text/csv"
    assert "report-stats-2025.csv" in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ["统计期间", "分组", "项目", "代码", "指标", "数值", "单位", "标记"]
    figure = {(r["分组"], r["代码"] or r["项目"], r["指标"]): r["数值"] for r in rows}
    assert figure[("总体", "全部", "收到举报")] == "3"
    assert figure[("按月份", "2025-03", "收到举报")] == "2"
    assert figure[("按区县", "suibin", "收到举报")] == "1"
    assert figure[("按区县", "suibin", "占比")] == "33.3"
    assert figure[("时效", "受理", "用时中位数")] == "1.0"
    assert {r["统计期间"] for r in rows} == {"2025年"}


def test_json_has_the_same_figures(client, last_year):
    response = client.get("/reports/stats.json?year=2025")
    assert response.mimetype == "application/json"
    assert "绥滨县" in response.get_data(as_text=True)  # readable, not \u-escaped
    data = json.loads(response.get_data(as_text=True))
    assert data["period"] == {
        "label": "2025年", "first_month": "2025-01", "last_month": "2025-12", "year": 2025,
    }  # fmt: skip
    assert data["totals"] == {
        "received": 3, "accepted": 1, "not_accepted": 1, "pending": 1, "resolved": 1,
        "overdue": 1,
    }  # fmt: skip
    assert data["median_days"] == {"acceptance": 1.0, "resolution": 9.0}
    assert data["within_time_limits"]["acceptance"] == {
        "on_time": 2, "due": 3, "percent": 66.7, "suppressed": {},
    }  # fmt: skip
    assert len(data["by_month"]) == 12
    assert data["by_month"][2] == {
        "month": "2025-03", "received": 2, "accepted": 1, "not_accepted": 1, "resolved": 1,
        "suppressed": {},
    }  # fmt: skip
    suibin = next(d for d in data["by_district"] if d["code"] == "suibin")
    assert suibin == {
        "code": "suibin", "name": "绥滨县", "count": 1, "percent": 33.3, "suppressed": None,
    }  # fmt: skip
    assert {s["code"] for s in data["by_status"]} == {s.value for s in ReportStatus}


def test_statistics_never_show_report_text_or_contact_details(client, last_year):
    for path in ("/reports/stats?year=2025", "/reports/stats.csv?year=2025"):
        body = client.get(path).get_data(as_text=True)
        assert not [secret for secret in PRIVATE_TEXT if secret in body], path
    body = json.dumps(client.get("/reports/stats.json?year=2025").get_json(), ensure_ascii=False)
    assert not [secret for secret in PRIVATE_TEXT if secret in body]


def test_statistics_urls_are_public(app):
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert {"/reports/stats", "/reports/stats.csv", "/reports/stats.json"} <= rules
    assert "/reports/outcomes" in rules


def test_sample_reports_are_labelled_as_such(client, db, last_year, make_report):
    report = make_report(local(2025, 5, 1))
    report.is_sample = True
    db.session.commit()
    page = parse(client.get("/reports/stats?year=2025"))
    notice = page.find("p", class_="warning")
    assert "示例数据" in notice.get_text() and "示例（虚构）举报 1 件" in notice.get_text()
    body = client.get("/reports/stats.csv?year=2025").get_data(as_text=True)
    assert "其中示例（虚构）举报,1,件" in body


def test_no_sample_notice_without_sample_reports(client, last_year):
    assert not parse(client.get("/reports/stats?year=2025")).find("p", class_="warning")
