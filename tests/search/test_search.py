"""Site search: /search?q= across the public records, kept current when records change."""

import pytest
from sqlalchemy import func, select

from portal.models.search import SearchDocument
from portal.services.bulletins import editing as bulletins
from portal.services.registers import enterprises
from portal.services.search import index as search_index
from portal.services.search import query as search
from tests.support.bulletins import EDITOR as BULLETIN_EDITOR
from tests.support.bulletins import fields, make_bulletin
from tests.support.pages import parse, text_of
from tests.support.registers import EDITOR, enterprise_values, make_enterprise, make_exposure


def kinds_found(query: str) -> dict[str, int]:
    results = search.search(query)
    return {group.kind: group.total for group in results.groups}


@pytest.mark.parametrize("query", ["煤矿", "脱硫", "污水"])
def test_two_character_chinese_queries_find_plan_sections(db, content, query):
    assert kinds_found(query).get("plan", 0) >= 1


def test_three_and_four_character_queries(db, content):
    assert kinds_found("污水处")["plan"] >= 1
    assert kinds_found("污水处理")["plan"] >= 1
    assert kinds_found("污水处理") != {} and kinds_found("污水处理厂甲乙丙") == {}


def test_english_query_is_case_insensitive(db, content):
    assert kinds_found("COD").get("plan", 0) >= 1
    assert kinds_found("cod") == kinds_found("COD")


def test_results_page_groups_and_highlights(client, content):
    response = client.get("/search?q=脱硫")
    assert response.status_code == 200
    page = parse(response)
    assert page.select_one("#search-plan-title").get_text().startswith("方案章节")
    marks = page.select("mark")
    assert marks and all(mark.get_text().lower() == "脱硫" for mark in marks)
    link = page.select_one("#search-plan a")["href"]
    assert link.startswith("/plan/")
    assert client.get(link).status_code == 200


def test_no_result_and_empty_query(client, content):
    response = client.get("/search?q=没有这个词语")
    assert response.status_code == 200
    assert "没有找到" in text_of(response)
    empty = client.get("/search")
    assert empty.status_code == 200
    assert parse(empty).select_one("form input[name=q]") is not None
    assert "没有找到" not in text_of(empty)


def test_overlong_query_is_refused_with_a_message(client, content):
    response = client.get("/search?q=" + "煤" * 101)
    assert response.status_code == 400
    assert "不能超过" in text_of(response)


@pytest.mark.parametrize(
    "query",
    ["%", "_", '"', "'", "<script>alert(1)</script>", ")(", "NEAR(", "*", "\\", "a%b_",
     '"煤矿', '煤矿" OR "污水', "NEAR(节能 减排)", "haystack:节能减排", "^节能减", "节能 AND 减排",
     "-- ;DROP TABLE search_documents"],
)  # fmt: skip
def test_hostile_input_is_harmless(client, db, content, query):
    make_exposure(make_enterprise(), facts="事实 <script>alert(1)</script> 100% 达标 a_b")
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.get_data(as_text=True)


def test_percent_and_underscore_are_literal(db, content):
    make_exposure(make_enterprise(), facts="脱硫效率达到 95% 以上。")
    assert kinds_found('"5% 以上"') == {"exposure": 1}  # quoted: one phrase, not two words
    assert "exposure" not in kinds_found("_")


def test_drafts_are_not_found_and_publishing_makes_them_findable(db):
    draft = make_bulletin(title="焦炉煤气综合利用通报")
    assert kinds_found("焦炉煤气") == {}
    from portal.services.bulletins import publishing as bulletin_publishing

    bulletin_publishing.publish(draft.id, BULLETIN_EDITOR)
    assert kinds_found("焦炉煤气") == {"bulletin": 1}


def test_an_edited_record_is_found_by_its_new_text(db, content):
    enterprise = make_enterprise(name="鹤岗旧名称化工厂")
    exposure = make_exposure(enterprise)
    assert kinds_found("旧名称") == {"enterprise": 1, "exposure": 1}
    enterprises.update_enterprise(enterprise.id, enterprise_values(name="鹤岗新名称化工厂"), EDITOR)
    assert kinds_found("旧名称") == {}
    assert kinds_found("新名称") == {"enterprise": 1, "exposure": 1}
    assert exposure.id


def test_an_edited_bulletin_is_found_by_its_new_text(db):
    bulletin = make_bulletin(published=True, body_markdown="燃煤锅炉改造进展。")
    assert kinds_found("燃煤锅炉") == {"bulletin": 1}
    bulletins.update_bulletin(
        bulletin.id, fields(body_markdown="集中供热替代进展。"), BULLETIN_EDITOR, reason="更正"
    )
    assert kinds_found("燃煤锅炉") == {}
    assert kinds_found("集中供热") == {"bulletin": 1}


def test_at_most_twenty_per_kind_with_a_note(client, db):
    for number in range(23):
        make_enterprise(name=f"鹤岗批量测试企业{number:02d}")
    results = search.search("批量测试")
    assert results.groups[0].total == 23 and len(results.groups[0].hits) == 20
    assert "仅列出前 20 条" in text_of(client.get("/search?q=批量测试"))


def test_index_is_rebuilt_when_empty_and_by_command(db, content, runner):
    db.session.execute(SearchDocument.__table__.delete())
    db.session.commit()
    assert kinds_found("煤矿").get("plan", 0) >= 1  # rebuilt on demand
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    count = db.session.scalar(select(func.count()).select_from(SearchDocument))
    assert count == search_index.rebuild_search_index() > 0


def test_demo_data_is_indexed_marked_and_gone_after_unload(client, runner, db, content):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    db.session.rollback()
    samples = db.session.scalars(select(SearchDocument).where(SearchDocument.is_sample)).all()
    assert samples
    sample = samples[0]
    response = client.get("/search", query_string={"q": sample.title[:4]})
    assert "示例数据" in text_of(response)
    assert runner.invoke(args=["demo", "unload"]).exit_code == 0
    db.session.rollback()
    left = db.session.scalar(
        select(func.count()).select_from(SearchDocument).where(SearchDocument.is_sample)
    )
    assert left == 0


def test_quotes_and_operators_are_searched_as_literal_text(db, content):
    make_exposure(make_enterprise(), facts='厂区"达标"排放的说法不实，OR 操作记录缺失。')
    assert kinds_found('厂区"达标"排放') == {"exposure": 1}  # a stray quote parts words
    assert kinds_found('"说法不实，or 操作"') == {"exposure": 1}
    assert kinds_found('"不实，or 缺失"') == {}  # a phrase, not "不实 or 缺失"
    assert kinds_found('达标" OR "缺失') == {"exposure": 1}  # OR is one more word to match


@pytest.mark.parametrize(
    "query", ["节能", "煤矿", "co", "20", "排放量", "二氧化硫", "污水处理厂", "cod", "限期整改",
              "，并", "一", "%"]
)  # fmt: skip
def test_indexed_search_counts_what_a_plain_scan_counts(db, content, query):
    """The trigram index must find exactly the documents that contain the text."""
    haystacks = db.session.execute(select(SearchDocument.kind, SearchDocument.haystack)).all()
    expected: dict[str, int] = {}
    for kind, haystack in haystacks:
        if query in haystack:
            expected[kind] = expected.get(kind, 0) + 1
    assert expected and kinds_found(query) == expected


def test_very_common_terms_take_the_listing_walk_and_find_the_same(db, content, monkeypatch):
    expected = kinds_found("节能减排")
    monkeypatch.setattr(search, "FTS_CAP", 1)
    assert expected.get("plan", 0) > 1 and kinds_found("节能减排") == expected


@pytest.mark.parametrize("query", ["鹍鹏", "k9", "鹏化"])
def test_two_character_queries_find_rare_words_from_the_bigram_index(db, content, query):
    make_exposure(make_enterprise(), facts="鹍鹏化工有限公司 K9 号炉超标。")
    assert kinds_found(query) == {"exposure": 1}
    assert search_index.bigrams_of("焦炭 k9") == " k9 焦炭 "


def test_a_record_edited_away_from_a_two_character_word_is_no_longer_found(db):
    enterprise = make_enterprise(name="鹤岗鸡西焦化厂")
    assert kinds_found("鸡西") == {"enterprise": 1}
    enterprises.update_enterprise(enterprise.id, enterprise_values(name="鹤岗兴山焦化厂"), EDITOR)
    assert kinds_found("鸡西") == {}
