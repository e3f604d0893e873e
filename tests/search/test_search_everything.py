"""Site search over every public record: each kind found, several words (AND), quoted
phrases, report numbers and 统一社会信用代码 that lead to their record, filters by type and
year, and hostile input."""

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from portal.models import Commitment, Department, Indicator, PlanSection, Project
from portal.services.reports import moderation
from portal.services.search import query as search
from portal.services.search.query import Filters
from tests.support.bulletins import make_bulletin
from tests.support.pages import parse, text_of
from tests.support.registers import (
    OTHER_USCC,
    VALID_USCC,
    make_enterprise,
    make_exposure,
    make_item,
)
from tests.support.reports import MODERATOR, report_in


def kinds_found(query: str, **filters) -> dict[str, int]:
    results = search.search(query, Filters(**filters))
    return {group.kind: group.total for group in results.groups}


def published_outcome(summary: str = "鹍鹏焦化厂夜间偷排一事经查属实，已责令停产整改。"):
    report = report_in("resolved").report
    moderation.publish_outcome(report.number, summary, "已罚款并复查合格。", MODERATOR,
                               datetime.now(UTC))  # fmt: skip
    return report.number


@pytest.mark.parametrize(
    ("kind", "model", "name"),
    [("plan", PlanSection, "title"), ("target", Indicator, "name"),
     ("commitment", Commitment, "title"), ("project", Project, "name"),
     ("department", Department, "name")],
)  # fmt: skip
def test_each_kind_from_the_plan_is_found_by_its_name(db, content, kind, model, name):
    for record in db.session.scalars(select(model).limit(3)):
        assert kind in kinds_found(getattr(record, name)), getattr(record, name)


def test_registers_bulletins_and_outcomes_are_found(client, db, content):
    enterprise = make_enterprise(name="鹤岗鹍鹏焦化有限公司")
    make_exposure(enterprise)
    make_item(enterprise)
    make_bulletin(published=True, title="鹍鹏焦化厂整治进展通报")
    number = published_outcome()
    assert kinds_found("鹍鹏") == {
        "bulletin": 1, "exposure": 1, "phase_out": 1, "enterprise": 1, "outcome": 1,
    }  # fmt: skip
    page = parse(client.get("/search", query_string={"q": "鹍鹏"}))
    links = [a["href"] for a in page.select("#search-outcome a")]
    assert links == [f"/reports/outcomes/{number}"]
    assert client.get(links[0]).status_code == 200


def test_an_outcome_is_found_by_its_public_text_only(db, content):
    number = published_outcome()
    assert kinds_found("停产整改") == {"outcome": 1}
    # The report's own description (never published) is not in the index.
    assert kinds_found("烟囱连续三天冒黑烟") == {}
    assert kinds_found(number) == {"outcome": 1}


def test_drafts_and_unpublished_reports_are_not_found(db, content):
    make_bulletin(title="鹍鹏草稿通报")
    report_in("resolved", description="鹍鹏化工厂排放黑烟，附近居民受影响很大。")
    assert kinds_found("鹍鹏") == {}


def test_several_words_must_all_be_present(db, content):
    for name in ("鹤岗鹍鹏焦化厂", "鹤岗鹍鹏水泥厂", "双鸭山鹍鹏焦化厂"):
        make_enterprise(name=name, industry="paper", address="工业园区")
    assert kinds_found("鹍鹏 焦化", kind="enterprise") == {"enterprise": 2}
    assert kinds_found("鹤岗 焦化", kind="enterprise") == {"enterprise": 1}
    assert kinds_found("焦化 鹤岗 鹍鹏", kind="enterprise") == {"enterprise": 1}
    assert kinds_found("鹍鹏 钢铁厂") == {}
    # A one-character word is a condition too (no index serves it).
    assert kinds_found("鹍鹏 泥") == {"enterprise": 1}


def test_and_gives_the_same_answer_when_terms_are_too_common_for_the_index(
    db, content, monkeypatch
):
    make_enterprise(name="鹤岗鹍鹏焦化厂")
    expected = kinds_found("鹤岗 焦化 污水处理")
    expected_two = kinds_found("鹤岗 焦化")
    monkeypatch.setattr(search, "FTS_CAP", 1)
    assert kinds_found("鹤岗 焦化 污水处理") == expected
    assert kinds_found("鹤岗 焦化") == expected_two and expected_two["enterprise"] == 1


def test_a_quoted_phrase_matches_exactly(db, content):
    make_exposure(make_enterprise(name="鹤岗甲厂"), facts="鹍鹏甲 鹍鹏乙 同时超标。")
    make_exposure(make_enterprise(name="鹤岗乙厂"), facts="鹍鹏乙 鹍鹏甲 同时超标。",
                  decision_number="鹤环罚字〔2008〕13号")  # fmt: skip
    assert kinds_found("鹍鹏乙 鹍鹏甲") == {"exposure": 2}
    assert kinds_found('"鹍鹏乙 鹍鹏甲"') == {"exposure": 1}
    assert kinds_found('"鹍鹏甲 鹍鹏乙"') == {"exposure": 1}
    assert kinds_found('"鹍鹏乙  鹍鹏甲" 超标') == {"exposure": 1}
    assert kinds_found('"鹍鹏甲鹍鹏乙"') == {}


def test_words_are_highlighted_and_results_show_type_and_date(client, db, content):
    make_exposure(make_enterprise(name="鹤岗鹍鹏焦化厂"), published_on="2008-06-01")
    page = parse(client.get("/search", query_string={"q": "鹍鹏 焦化"}))
    assert {mark.get_text() for mark in page.select("#search-exposure mark")} == {"鹍鹏", "焦化"}
    meta = page.select_one("#search-exposure .search-result__meta")
    assert "曝光台" in meta.get_text()
    assert meta.select_one("time")["datetime"] == "2008-06-01"
    assert "2008年6月1日" in meta.get_text()


def test_a_published_report_number_goes_to_its_outcome(client, db, content):
    number = published_outcome()
    for typed in (number, number.lower(), f"  {number} "):
        response = client.get("/search", query_string={"q": typed})
        assert response.status_code == 302
        assert response.headers["Location"] == f"/reports/outcomes/{number}"


def test_unpublished_and_unknown_numbers_get_the_same_answer(client, db, content):
    unpublished = report_in("investigating").report.number
    unknown = "HG20080101-999999"
    answers = [client.get("/search", query_string={"q": n}) for n in (unpublished, unknown)]
    for response, number in zip(answers, (unpublished, unknown), strict=True):
        assert response.status_code == 302
        location = urlsplit(response.headers["Location"])
        assert location.path == "/report/status"
        assert parse_qs(location.query) == {"number": [number]}
    assert len({len(response.get_data()) for response in answers}) == 1
    # The status page has the number filled in and asks for the receipt code.
    page = parse(client.get(answers[0].headers["Location"]))
    assert page.select_one("input[name=number]")["value"] == unpublished
    assert not page.select_one("input[name=code]").get("value")


def test_the_status_page_ignores_a_malformed_number(client, db, content):
    page = parse(client.get("/report/status", query_string={"number": "<script>x</script>"}))
    assert not page.select_one("input[name=number]").get("value")


def test_a_uscc_goes_to_its_enterprise(client, db, content):
    enterprise = make_enterprise(name="鹤岗鹍鹏焦化厂", uscc=VALID_USCC)
    for typed in (VALID_USCC, VALID_USCC.lower()):
        response = client.get("/search", query_string={"q": typed})
        assert response.status_code == 302
        assert response.headers["Location"] == f"/enterprises/{enterprise.id}"


def test_a_valid_uscc_not_in_the_register_and_an_invalid_one_are_searched_as_text(
    client, db, content
):
    response = client.get("/search", query_string={"q": OTHER_USCC})
    assert response.status_code == 200 and "没有找到" in text_of(response)
    wrong_checksum = VALID_USCC[:-1] + "9"
    make_exposure(make_enterprise(), facts=f"当事人提供的代码为 {wrong_checksum}，与登记不符。")
    response = client.get("/search", query_string={"q": wrong_checksum})
    assert response.status_code == 200
    assert parse(response).select("#search-exposure .search-result")


def test_filter_by_type_and_by_year(client, db, content):
    enterprise = make_enterprise(name="鹤岗鹍鹏焦化厂")
    make_exposure(enterprise, published_on="2008-06-01")
    make_exposure(enterprise, published_on="2009-03-01", decision_number="鹤环罚字〔2009〕3号")
    assert kinds_found("鹍鹏") == {"enterprise": 1, "exposure": 2}
    assert kinds_found("鹍鹏", kind="exposure") == {"exposure": 2}
    assert kinds_found("鹍鹏", year=2009) == {"exposure": 1}
    assert kinds_found("鹍鹏", kind="enterprise", year=2009) == {}
    response = client.get("/search", query_string={"q": "鹍鹏", "type": "exposure", "year": "2008"})
    page = parse(response)
    assert [g["id"] for g in page.select("section.search-group")] == ["search-exposure"]
    assert len(page.select(".search-result")) == 1
    assert page.select_one("#search-type option[selected]")["value"] == "exposure"
    assert page.select_one("#search-year option[selected]")["value"] == "2008"
    years = [o["value"] for o in page.select("#search-year option")][1:]
    assert {"2009", "2008"} <= set(years) and years == sorted(years, reverse=True)


def test_the_filter_form_is_labelled_and_needs_no_script(client, db, content):
    page = parse(client.get("/search"))
    form = page.select_one("main form[role=search]")
    assert form["method"] == "get"
    for name in ("q", "type", "year"):
        field = form.select_one(f"[name={name}]")
        assert form.select_one(f"label[for={field['id']}]") is not None
    assert form.select_one("fieldset legend").get_text() == "筛选结果"


@pytest.mark.parametrize(
    ("args", "message"),
    [({"type": "' OR 1=1 --"}, "没有这个类别"), ({"year": "2008; DROP TABLE x"}, "年份应为"),
     ({"year": "99999"}, "没有这个年份"), ({"year": "２００８"}, "年份应为"),
     ({"q": " ".join(f"词{n}" for n in range(9))}, "最多同时搜索"),
     ({"q": "煤" * 101}, "不能超过")],
)  # fmt: skip
def test_bad_filters_and_queries_get_a_message_not_a_500(client, db, args, message):
    response = client.get("/search", query_string={"q": "节能"} | args)
    assert response.status_code == 400
    page = parse(response)
    assert message in page.select_one("#search-q-error").get_text()
    assert page.select_one("input[name=q]") is not None


@pytest.mark.parametrize(
    "query",
    ['"', '""', '" "', "*", "( )", "OR", "NEAR", "NEAR(a b, 2)", "a:b", "^鹤岗", "鹤岗 OR 焦化",
     '"鹤岗" NOT "焦化"', "search_fts MATCH 'x'", "'; DROP TABLE search_documents; --",
     "\\", "%_%", "HG2008", "HG20080101-99999", "91230400MA0000001", "鹤岗 " * 8],
)  # fmt: skip
def test_hostile_queries_are_answered(client, db, content, query):
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    assert "<script" not in text_of(response)


def test_a_nul_character_is_refused_with_400(client, db):
    assert client.get("/search", query_string={"q": "鹤岗\x00"}).status_code == 400


def test_operators_are_plain_words(db, content):
    make_exposure(make_enterprise(), facts="鹍鹏厂 OR 门 NEAR 河道，排口编号 A:1^2*。")
    assert kinds_found("鹍鹏厂 OR") == {"exposure": 1}
    assert kinds_found("near a:1^2*") == {"exposure": 1}
    assert kinds_found("鹍鹏厂 AND") == {}
