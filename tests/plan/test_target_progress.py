"""Indicator progress: the arithmetic against hand-computed values, and what /targets,
/targets/<code> and the home page show from published bulletins."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import event, select

from portal.extensions import db as _db
from portal.models import (
    Bulletin,
    BulletinKind,
    Direction,
    Indicator,
    IndicatorValue,
    Measure,
    PublicationState,
)
from portal.services.plan.target_progress import (
    Terms,
    TrackStatus,
    assess,
    expected_percent,
    period_label,
    progress_percent,
)
from portal.services.plan.targets import IndicatorProgress, Reading
from portal.web.target_charts import indicator_chart, nice_ticks
from tests.support.pages import parse, text_of

D = Decimal
SO2 = Terms(Measure.LEVEL, Direction.LOWER, 2005, D(36319), 2010, D(35590))
GDP = Terms(Measure.LEVEL, Direction.LOWER, 2005, D("2.66"), 2010, D("2.00"))
HIGHER = Terms(Measure.LEVEL, Direction.HIGHER, 2005, D(50), 2010, D(70))
SEWAGE = Terms(Measure.LEVEL, Direction.HIGHER, None, None, 2010, D(70))  # plan gives no baseline
LEAKAGE = Terms(Measure.CHANGE, Direction.LOWER, None, None, 2010, D(-10))
GROWTH = Terms(Measure.GROWTH_RATE, Direction.HIGHER, None, None, 2015, D(20))
Q3_2008 = date(2008, 9, 30)  # 1004 of the 1826 days from 2005-12-31 to 2010-12-31: 55.0%


# ---- the arithmetic -------------------------------------------------------------------------


def test_so2_at_36000_has_achieved_43_8_percent_of_the_required_reduction():
    # (36319 − 36000) / (36319 − 35590) = 319 / 729 = 0.43758…
    assert progress_percent(SO2, D(36000)) == D("43.8")


def test_so2_at_36000_in_2008q3_is_behind_the_straight_path():
    assessment = assess(SO2, D(36000), Q3_2008)
    assert assessment.expected == D("55.0")
    assert assessment.progress == D("43.8")
    assert assessment.status == TrackStatus.BEHIND
    assert "43.8%" in assessment.reason and "55.0%" in assessment.reason


def test_so2_ahead_of_the_path_is_on_track():
    # (36319 − 35900) / 729 = 419 / 729 = 57.5% ≥ 55.0%
    assessment = assess(SO2, D(35900), Q3_2008)
    assert (assessment.progress, assessment.status) == (D("57.5"), TrackStatus.ON_TRACK)


def test_lower_is_better_with_decimals():
    # (2.66 − 2.40) / (2.66 − 2.00) = 0.26 / 0.66 = 0.3939…
    assert progress_percent(GDP, D("2.40")) == D("39.4")


def test_higher_is_better_progress_and_status():
    # (58 − 50) / (70 − 50) = 40.0%; by 2007-12-31 the path expects 730 / 1826 = 40.0%
    end_2007 = date(2007, 12, 31)
    assert expected_percent(2005, 2010, end_2007) == D("40.0")
    assert assess(HIGHER, D(58), end_2007).status == TrackStatus.ON_TRACK
    # (57 − 50) / 20 = 35.0% < 40.0%
    behind = assess(HIGHER, D(57), end_2007)
    assert (behind.progress, behind.status) == (D("35.0"), TrackStatus.BEHIND)


def test_target_already_met_goes_beyond_100_percent():
    # (36319 − 35500) / 729 = 819 / 729 = 112.3%
    assessment = assess(SO2, D(35500), Q3_2008)
    assert (assessment.progress, assessment.status) == (D("112.3"), TrackStatus.MET)
    assert assess(HIGHER, D(70), Q3_2008).status == TrackStatus.MET


def test_a_value_moving_the_wrong_way_gives_negative_progress():
    # (36319 − 37000) / 729 = −681 / 729 = −93.4%
    assessment = assess(SO2, D(37000), Q3_2008)
    assert (assessment.progress, assessment.status) == (D("-93.4"), TrackStatus.BEHIND)
    assert progress_percent(HIGHER, D(45)) == D("-25.0")


def test_percentages_round_half_up():
    # 1 / 2000 = 0.05%: half-up gives 0.1 where banker's rounding would give 0.0
    terms = Terms(Measure.LEVEL, Direction.HIGHER, 2005, D(0), 2010, D(2000))
    assert progress_percent(terms, D(1)) == D("0.1")


def test_without_a_published_value_there_is_no_data():
    assessment = assess(SO2, None, None)
    assert (assessment.status, assessment.progress) == (TrackStatus.NO_DATA, None)


def test_without_a_baseline_only_reaching_the_target_can_be_judged():
    assert assess(SEWAGE, D(72), Q3_2008).status == TrackStatus.MET
    assessment = assess(SEWAGE, D(60), Q3_2008)
    assert (assessment.status, assessment.progress) == (TrackStatus.UNKNOWN, None)


def test_without_a_target_year_the_path_is_unknown():
    terms = Terms(Measure.LEVEL, Direction.HIGHER, 2005, D(30), None, D(50))
    assessment = assess(terms, D(40), Q3_2008)
    assert (assessment.status, assessment.progress) == (TrackStatus.UNKNOWN, D("50.0"))


def test_a_change_is_compared_with_the_target_change():
    # 管网漏失率下降10个百分点: −4 achieved = 40.0%, −10.5 = 105.0% (met)
    assert progress_percent(LEAKAGE, D(-4)) == D("40.0")
    assert assess(LEAKAGE, D(-4), Q3_2008).status == TrackStatus.UNKNOWN  # no baseline year
    met = assess(LEAKAGE, D("-10.5"), Q3_2008)
    assert (met.status, met.progress) == (TrackStatus.MET, D("105.0"))
    # with a baseline year 2007: 366 of 1096 days by 2008-12-31 = 33.4%; 40.0% is on track
    dated = Terms(Measure.CHANGE, Direction.LOWER, 2007, None, 2010, D(-10))
    assessment = assess(dated, D(-4), date(2008, 12, 31))
    assert (assessment.expected, assessment.status) == (D("33.4"), TrackStatus.ON_TRACK)


def test_a_growth_rate_is_on_track_when_at_least_the_target_rate():
    on_track = assess(GROWTH, D(21), date(2008, 12, 31))
    assert (on_track.status, on_track.progress) == (TrackStatus.ON_TRACK, None)
    assert assess(GROWTH, D(20), date(2008, 12, 31)).status == TrackStatus.ON_TRACK
    assert assess(GROWTH, D("18.5"), date(2008, 12, 31)).status == TrackStatus.BEHIND


def test_the_path_runs_from_baseline_year_end_to_target_year_end():
    assert expected_percent(2005, 2010, date(2005, 6, 30)) == D("0.0")
    assert expected_percent(2005, 2010, date(2005, 12, 31)) == D("0.0")
    assert expected_percent(2005, 2010, date(2010, 12, 31)) == D("100.0")
    assert expected_percent(2005, 2010, date(2011, 3, 31)) == D("100.0")
    assert expected_percent(None, 2010, Q3_2008) is None


def test_a_baseline_equal_to_the_target_gives_no_share():
    terms = Terms(Measure.LEVEL, Direction.LOWER, 2005, D(5), 2010, D(5))
    assert progress_percent(terms, D(4)) is None


def test_period_labels():
    assert period_label("2008Q3") == "2008年第3季度"
    assert period_label("2008") == "2008年"


# ---- the chart geometry ---------------------------------------------------------------------


def so2_indicator() -> Indicator:
    return Indicator(
        code="so2-emissions", name="二氧化硫排放量", unit="吨", measure=Measure.LEVEL,
        direction=Direction.LOWER, baseline_year=2005, baseline_value=D(36319),
        target_year=2010, target_value=D(35590), source_text="", comparator="=",
    )  # fmt: skip


def test_nice_ticks_cover_the_values_with_round_steps():
    assert nice_ticks(D(35590), D(36319)) == [D(35400 + 200 * i) for i in range(6)]
    assert nice_ticks(D(-10), D(0)) == [D(-10), D("-7.5"), D(-5), D("-2.5"), D(0)]


def test_chart_places_baseline_path_target_and_values():
    bulletin = Bulletin(title="2008年第三季度统计通报", slug="q3", index_number="X-1")
    reading = Reading("2008Q3", Q3_2008, D(36000), None, bulletin)
    progress = IndicatorProgress(so2_indicator(), [reading], assess(SO2, D(36000), Q3_2008))
    chart = indicator_chart(progress)
    # x: 76 + days / 1826 × 464 from 2005-12-31; y: 252 − (v − 35400) / 1000 × 224
    assert (chart.baseline.x, chart.baseline.y) == (76.0, 46.1)
    assert (chart.path.x2, chart.path.y2) == (540.0, 209.4)
    assert (chart.points[0].x, chart.points[0].y) == (331.1, 117.6)
    assert chart.target.y1 == 209.4
    assert [t.value for t in chart.x_ticks] == [2005, 2006, 2007, 2008, 2009, 2010]
    assert "43.8%" in chart.description and "进度滞后" in chart.description


def test_no_chart_without_values_or_a_path():
    indicator = so2_indicator()
    indicator.baseline_year = indicator.baseline_value = None
    progress = IndicatorProgress(indicator, [], assess(SEWAGE, None, None))
    assert indicator_chart(progress) is None


# ---- the pages ------------------------------------------------------------------------------

_count = iter(range(1, 10_000))


def publish(code, values, state=PublicationState.PUBLISHED, is_sample=False, title=None):
    """A statistics bulletin carrying `values` [(period, period_end, value)] of `code`."""
    number = next(_count)
    indicator = _db.session.scalar(select(Indicator).filter_by(code=code))
    bulletin = Bulletin(
        index_number=f"TEST-{number:04d}", kind=BulletinKind.QUARTERLY_STATISTICS,
        title=title or f"统计通报第{number}号", slug=f"statistics-{number}",
        subject_category="statistics", issuing_body="鹤岗市统计局", written_on=date(2008, 10, 20),
        state=state, is_sample=is_sample,
        published_at=datetime(2008, 10, number % 28 + 1, tzinfo=UTC)
        if state == PublicationState.PUBLISHED else None,
    )  # fmt: skip
    for period, period_end, value in values:
        bulletin.values.append(
            IndicatorValue(indicator=indicator, period=period, period_end=period_end, value=value)
        )
    _db.session.add(bulletin)
    _db.session.commit()
    return bulletin


@pytest.fixture
def bulletin_pages(app):
    """A stand-in for the bulletin page while the bulletins blueprint does not serve one."""
    if "bulletins.detail" not in app.view_functions:
        app.add_url_rule(
            "/bulletins/<int:bulletin_id>-<slug>", "bulletins.detail", lambda **_: "bulletin"
        )


def targets_row(client, code):
    return parse(client.get("/targets")).find("tr", id=code)


def test_targets_page_shows_latest_value_progress_and_status(client, db, content):
    publish("so2-emissions", [("2008Q2", date(2008, 6, 30), D(36100))])
    publish("so2-emissions", [("2008Q3", Q3_2008, D(36000))])
    row = targets_row(client, "so2-emissions")
    text = row.get_text(" ", strip=True)
    assert "2008年第3季度" in text and "36,000" in text
    assert "43.8%" in text
    assert row.find(class_="badge--track-behind").get_text() == "进度滞后"
    assert row.th.a["href"] == "/targets/so2-emissions"


def test_only_values_of_published_bulletins_count(client, db, content):
    publish("so2-emissions", [("2008Q3", Q3_2008, D(36000))], state=PublicationState.DRAFT)
    publish("cod-emissions", [("2008Q3", Q3_2008, D(29000))], PublicationState.UNPUBLISHED)
    for code in ("so2-emissions", "cod-emissions"):
        row = targets_row(client, code)
        assert row.find(class_="badge--track-no_data").get_text() == "无数据"
        assert "36,000" not in row.get_text() and "29,000" not in row.get_text()


def test_a_later_bulletin_restating_a_period_replaces_its_value(client, db, content):
    publish("so2-emissions", [("2008Q3", Q3_2008, D(36000))])
    publish("so2-emissions", [("2008Q3", Q3_2008, D(35500))], title="更正后的通报")
    row = targets_row(client, "so2-emissions")
    assert "35,500" in row.get_text() and "112.3%" in row.get_text()
    assert row.find(class_="badge--track-met")


def test_targets_page_states_how_progress_is_computed(client, content):
    text = text_of(client.get("/targets"))
    assert "（最新值 − 基准值）÷（目标值 − 基准值）" in text
    assert "从基准年年末到目标年年末的直线路径" in text
    assert "只计入已发布通报中的数值" in text


def test_detail_page_shows_terms_chart_table_and_source(client, db, content, bulletin_pages):
    bulletin = publish(
        "so2-emissions", [("2008Q3", Q3_2008, D(36000))], title="2008年第三季度节能减排统计通报"
    )
    response = client.get("/targets/so2-emissions")
    assert response.status_code == 200
    page = parse(response)
    assert page.h1.get_text(strip=True) == "二氧化硫排放量"
    terms = page.find("dl", class_="target-terms").get_text(" ", strip=True)
    assert "36,319" in terms and "35,590" in terms and "43.8%" in terms and "55.0%" in terms
    assert "进度滞后" in terms
    svg = page.find("svg", attrs={"role": "img"})
    assert svg.title.get_text().startswith("二氧化硫排放量")
    assert "36,000" in svg.desc.get_text() and "43.8%" in svg.desc.get_text()
    assert svg.find("line", class_="chart__path") and svg.find("circle", class_="chart__point")
    link = page.find("a", string="2008年第三季度节能减排统计通报")
    assert link["href"] == f"/bulletins/{bulletin.id}-{bulletin.slug}"
    rows = [tr.get_text(" ", strip=True) for tr in page.find("table").tbody("tr")]
    assert rows[0].startswith("2005年 36,319") and rows[-1].startswith("2010年 35,590")
    assert "二氧化硫排放量由36319吨减少到35590吨" in page.find("blockquote").get_text()
    assert page.find("a", href="/plan/main-targets")


def test_detail_page_without_values_explains_there_are_none(client, content):
    page = parse(client.get("/targets/urban-sewage-treatment-rate"))
    assert "尚无已发布的数值" in page.get_text()
    assert page.find(class_="badge--track-no_data")
    assert page.find("svg") is None  # no baseline, no values: nothing to draw over time


def test_values_from_sample_bulletins_are_marked(client, db, content):
    publish("so2-emissions", [("2008Q3", Q3_2008, D(36000))], is_sample=True)
    assert targets_row(client, "so2-emissions").find(class_="badge--sample")
    assert parse(client.get("/targets/so2-emissions")).find(class_="badge--sample")


def test_unknown_indicator_is_a_404(client, content):
    assert client.get("/targets/no-such-indicator").status_code == 404


def test_home_shows_latest_value_and_status_at_a_glance(client, db, content):
    publish("so2-emissions", [("2008Q3", Q3_2008, D(36000))])
    items = parse(client.get("/")).select(".target-bar")
    rows = {item.a.get_text(strip=True): item for item in items}
    so2 = rows["二氧化硫排放量"]
    assert "36,000" in so2.get_text() and so2.find(class_="badge--track-behind")
    assert rows["万元GDP能耗"].find(class_="badge--track-no_data")


def count_queries(client, path) -> int:
    statements = []

    def record(*_args):
        statements.append(1)

    event.listen(_db.engine, "before_cursor_execute", record)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(_db.engine, "before_cursor_execute", record)
    return len(statements)


@pytest.mark.parametrize("path", ["/targets", "/", "/targets/so2-emissions"])
def test_query_count_does_not_grow_with_the_number_of_values(client, db, content, path):
    publish("so2-emissions", [("2008Q1", date(2008, 3, 31), D(36200))])
    few = count_queries(client, path)
    quarters = [(f"2008Q{q}", date(2008, 3 * q, 28), D(36200 - q)) for q in (2, 3, 4)]
    for code in ("so2-emissions", "cod-emissions", "gdp-energy-intensity"):
        publish(code, quarters)
    assert count_queries(client, path) == few
