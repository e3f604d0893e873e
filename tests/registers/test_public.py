"""The public registers as a citizen or journalist sees them: the exposure list and its
filters, one record and its correction history, the phase-out list, an enterprise's page."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from portal.clock import today_local
from portal.extensions import db as _db
from portal.models import Project
from portal.services.registers import exposure_listing as exposure_pages
from portal.services.registers import exposures
from portal.services.reports import moderation
from tests.support.pages import parse, text_of
from tests.support.registers import (
    EDITOR,
    exposure_values,
    make_enterprise,
    make_exposure,
    make_item,
)
from tests.support.reports import MODERATOR, report_in


@pytest.fixture
def coking(db, content):
    return make_enterprise(name="鹤岗示例焦化有限公司", district="nanshan", industry="coking")


@pytest.fixture
def paper(db, content):
    return make_enterprise(name="鹤岗示例造纸厂", district="xingshan", industry="paper")


def test_the_list_shows_published_records_newest_first(client, coking, paper):
    make_exposure(coking, decision_number="A-1", published_on="2008-06-01")
    make_exposure(paper, decision_number="A-2", published_on="2009-03-01")
    page = parse(client.get("/exposures"))
    rows = [row.th.a.get_text(strip=True) for row in page.select("table.data tbody tr")]
    assert rows == ["鹤岗示例造纸厂", "鹤岗示例焦化有限公司"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2009", {"A-2"}),
        ("district=nanshan", {"A-1"}),
        ("district=南山区", {"A-1"}),  # a Chinese label is as good as the code
        ("industry=paper", {"A-2"}),
        ("violation=secret-discharge", {"A-2"}),
        ("violation=偷排偷放", {"A-2"}),
        ("rectification=completed", {"A-2"}),
        ("district=nanshan&year=2009", set()),
    ],
)
def test_filters_narrow_the_list(client, coking, paper, query, expected):
    make_exposure(coking, decision_number="A-1", published_on="2008-06-01")
    make_exposure(
        paper, decision_number="A-2", published_on="2009-03-01", decision_date="2009-02-01",
        violation_type="secret-discharge", rectification="completed",
    )  # fmt: skip
    response = client.get(f"/exposures?{query}")
    assert response.status_code == 200
    shown = {cells[3].get_text(strip=True) for cells in _rows(response)}
    assert shown == expected


def _rows(response):
    return [row.find_all(["th", "td"]) for row in parse(response).select("table.data tbody tr")]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("district=atlantis", "未知的区县"),
        ("industry=<script>", "未知的行业"),
        ("violation=bribery", "未知的违法类型"),
        ("rectification=done", "未知的整改情况"),
        ("year=twenty", "年份应为四位数字"),
        ("year=1800", "年份应为四位数字"),
        ("withdrawn=yes", "包括已撤回的记录"),
        ("page=0", "页码应为正整数"),
        ("page=abc", "页码应为正整数"),
    ],
)
def test_unknown_filter_values_are_refused_in_chinese(client, coking, query, message):
    make_exposure(coking)
    response = client.get(f"/exposures?{query}")
    assert response.status_code == 400
    assert message in text_of(response)
    assert "<script>" not in response.get_data(as_text=True)


def test_a_page_past_the_end_is_not_found(client, coking):
    make_exposure(coking)
    assert client.get("/exposures?page=2").status_code == 404


def test_the_list_is_paged_with_filters_kept_and_a_constant_number_of_queries(
    app, client, db, content, monkeypatch
):
    monkeypatch.setattr(exposure_pages, "PAGE_SIZE", 3)
    for n in range(7):
        enterprise = make_enterprise(name=f"示例企业{n}", industry="steel")
        make_exposure(enterprise, decision_number=f"P-{n}")
    first = client.get("/exposures?industry=steel")
    next_link = parse(first).find("a", rel="next")["href"]
    assert "industry=steel" in next_link and "page=2" in next_link
    assert "第 1 页，共 3 页" in text_of(first)

    counts = [_queries(app, client, f"/exposures?page={n}") for n in (1, 2, 3)]
    assert counts[0] == counts[1] == counts[2], counts


def _queries(app, client, url: str) -> int:
    statements = []
    with app.app_context():
        engine = _db.engine

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_html_in_a_record_is_shown_as_text(client, coking):
    record = make_exposure(coking, facts="<script>alert(1)</script><b>加粗</b> 事实")
    response = client.get(f"/exposures/{record.id}")
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<b>加粗</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script><b>加粗</b> 事实" in text_of(response)


def test_a_record_shows_every_field_and_links_its_enterprise(client, coking):
    record = make_exposure(coking)
    response = client.get(f"/exposures/{record.id}")
    text = text_of(response)
    for expected in (
        "超标排放", "鹤环罚字〔2008〕12号", "2008年5月20日", "2008年6月1日", "罚款、限期治理",
        "50,000 元", "整改中", "已开工建设脱硫设施", "大气污染防治法", "本记录发布后未作更正",
    ):  # fmt: skip
        assert expected in text, expected
    link = parse(response).find("a", string="鹤岗示例焦化有限公司")
    assert link["href"] == f"/enterprises/{coking.id}"


def test_an_unknown_record_is_not_found(client, db, content):
    assert client.get("/exposures/999").status_code == 404
    assert client.get("/phase-out/999").status_code == 404
    assert client.get("/enterprises/999").status_code == 404


def test_a_corrected_record_keeps_its_earlier_version_public(client, coking):
    record = make_exposure(coking, fine_yuan="5000")
    exposures.correct_exposure(
        record.id, exposure_values(coking, fine_yuan="50000"), "罚款金额录入有误。", EDITOR,
        today_local(),
    )  # fmt: skip
    page = client.get(f"/exposures/{record.id}")
    text = text_of(page)
    assert "50,000 元" in text and "罚款金额录入有误。" in text and "第 2 版" in text
    history = parse(page).select_one("ol.revision-list a")
    assert history["href"] == f"/exposures/{record.id}/revisions/1"

    earlier = client.get(history["href"])
    assert earlier.status_code == 200
    earlier_text = text_of(earlier)
    assert "5,000 元" in earlier_text and "这是较早的版本" in earlier_text
    assert "罚款金额录入有误。" in earlier_text


def test_revision_urls_that_do_not_exist(client, coking):
    record = make_exposure(coking)
    current = client.get(f"/exposures/{record.id}/revisions/1")
    assert current.status_code == 303
    assert current.headers["Location"].endswith(f"/exposures/{record.id}")
    assert client.get(f"/exposures/{record.id}/revisions/7").status_code == 404
    assert client.get("/exposures/999/revisions/1").status_code == 404


def test_a_withdrawn_record_leaves_the_default_list_but_is_never_hidden(client, coking):
    record = make_exposure(coking, decision_number="W-1")
    make_exposure(coking, decision_number="W-2")
    exposures.withdraw_exposure(record.id, "处罚决定已被行政复议撤销。", EDITOR)

    default = {cells[3].get_text(strip=True) for cells in _rows(client.get("/exposures"))}
    assert default == {"W-2"}
    everything = client.get("/exposures?withdrawn=1")
    assert {cells[3].get_text(strip=True) for cells in _rows(everything)} == {"W-1", "W-2"}
    assert "已撤回" in text_of(everything)

    page = client.get(f"/exposures/{record.id}")
    assert page.status_code == 200
    text = text_of(page)
    assert "此记录已撤回" in text and "处罚决定已被行政复议撤销。" in text
    assert "W-1" in text  # the content stays, for the record


def test_a_linked_report_shows_only_a_link_to_its_published_outcome(client, coking):
    report = report_in("resolved", description="厂区北墙外暗管夜里排放黑水，举报人住在对面楼。")
    number = report.report.number
    record = make_exposure(coking, report_number=number)
    assert number not in text_of(client.get(f"/exposures/{record.id}"))  # not published yet

    moderation.publish_outcome(
        number, "反映企业超标排放。", "已处罚。", MODERATOR, datetime.now(UTC)
    )
    response = client.get(f"/exposures/{record.id}")
    link = parse(response).find("a", href=f"/reports/outcomes/{number}")
    assert link is not None
    assert "举报人住在对面楼" not in response.get_data(as_text=True)


def test_sample_records_carry_the_sample_mark_everywhere(client, db, coking):
    record = make_exposure(coking)
    item = make_item(coking)
    for model in (record, item, coking):
        model.is_sample = True
    db.session.commit()
    for url in (
        "/exposures", f"/exposures/{record.id}", "/phase-out", f"/phase-out/{item.id}",
        "/enterprises", f"/enterprises/{coking.id}",
    ):  # fmt: skip
        assert "示例数据" in text_of(client.get(url)), url


def test_real_records_carry_no_sample_mark(client, coking):
    record = make_exposure(coking)
    assert "示例数据" not in text_of(client.get(f"/exposures/{record.id}"))


def test_the_enterprise_page_gathers_what_is_published_about_it(client, db, coking):
    record = make_exposure(coking)
    make_item(coking, equipment="4.3 米焦炉 1 座", industry="coking")
    project = _db.session.scalars(_db.select(Project)).first()
    project.owner = coking.name
    report = report_in("resolved")
    exposures.correct_exposure(
        record.id, exposure_values(coking, report_number=report.report.number), "补充关联举报。",
        EDITOR, today_local(),
    )  # fmt: skip
    moderation.publish_outcome(
        report.report.number, "反映企业超标排放。", "已责令整改并处罚款。", MODERATOR,
        datetime.now(UTC),
    )  # fmt: skip
    response = client.get(f"/enterprises/{coking.id}")
    text = text_of(response)
    assert "南山区" in text and "焦化" in text
    assert "鹤环罚字〔2008〕12号" in text
    assert "4.3 米焦炉 1 座" in text and "逾期" in text
    assert project.name in text
    assert report.report.number in text and "已责令整改并处罚款。" in text


def test_the_phase_out_list_totals_and_highlights_overdue_items(client, coking, paper):
    today = today_local()
    make_item(paper, deadline="2009-06-30")  # overdue
    make_item(paper, deadline="2009-06-30", completed_on="2009-05-01", verification="现场核查。")
    make_item(coking, industry="coking", category="upgrade", deadline=today.isoformat(),
              capacity_value="20", capacity_unit="万吨/年")  # fmt: skip
    response = client.get("/phase-out")
    page = parse(response)
    first_row = page.select_one("table.data--items").tbody.tr
    assert "row--overdue" in first_row["class"]
    assert "逾期未淘汰 1 项" in text_of(response)

    by_industry = page.select("table.data--totals")[0]
    paper_row = next(r for r in by_industry.tbody.find_all("tr") if r.th.get_text() == "造纸")
    assert [td.get_text(strip=True) for td in paper_row.find_all("td")] == [
        "2", "0", "1", "1", "3.0 万吨/年",
    ]  # fmt: skip
    totals = [td.get_text(strip=True) for td in by_industry.tfoot.find_all("td")]
    assert totals[:4] == ["3", "1", "1", "1"]
    # paper and coking capacity are never added into one "23.0 万吨/年" (issue 17)
    assert totals[4] == "造纸 3.0 万吨/年；焦化 20 万吨/年"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("status=overdue", 1), ("status=planned", 1), ("status=completed", 0),
     ("industry=coking", 1), ("category=close", 1), ("status=逾期", 1)],
)  # fmt: skip
def test_phase_out_filters(client, coking, query, expected):
    make_item(coking, deadline="2009-06-30")
    make_item(coking, industry="coking", category="upgrade", deadline="2099-12-31")
    response = client.get(f"/phase-out?{query}")
    assert response.status_code == 200
    assert len(parse(response).select("table.data--items tbody tr")) == expected


@pytest.mark.parametrize(
    "query", ["status=late", "industry=power", "category=demolish", "industry=%3Cb%3E"]
)
def test_phase_out_refuses_unknown_filters(client, db, content, query):
    response = client.get(f"/phase-out?{query}")
    assert response.status_code == 400
    assert "筛选条件有误" in text_of(response)


def test_public_register_urls_exist(app):
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert {
        "/exposures", "/exposures/<int:exposure_id>",
        "/exposures/<int:exposure_id>/revisions/<int:revision>", "/phase-out",
        "/phase-out/<int:item_id>", "/enterprises", "/enterprises/<int:enterprise_id>",
    } <= rules  # fmt: skip


def test_the_enterprise_index_links_every_enterprise(client, coking, paper):
    page = parse(client.get("/enterprises"))
    links = {a.get_text(strip=True): a["href"] for a in page.select("table.data tbody th a")}
    assert links == {
        "鹤岗示例焦化有限公司": f"/enterprises/{coking.id}",
        "鹤岗示例造纸厂": f"/enterprises/{paper.id}",
    }
