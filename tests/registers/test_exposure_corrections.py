"""Corrections that show on the exposure list: the citation names the version, a corrected
record says so at the top with links to the correction record and to a side-by-side diff,
and each version keeps its own permalink."""

from portal.clock import local_date, today_local
from portal.services.registers import exposures
from tests.opendata.test_citations import citation_of, json_ld_of
from tests.support.pages import parse, text_of
from tests.support.registers import EDITOR, exposure_values, make_exposure

OLD_FACTS = "焦炉烟气二氧化硫排放浓度超过排放标准 2.1 倍。"
NEW_FACTS = "焦炉烟气二氧化硫排放浓度超过排放标准 1.2 倍。"


def corrected(**changes):
    record = make_exposure()
    values = exposure_values(record.enterprise, **changes)
    exposures.correct_exposure(record.id, values, "按处罚决定书更正倍数。", EDITOR, today_local())
    return record


def correction_day(record) -> str:
    return local_date(record.revisions[-1].corrected_at).isoformat()


def test_an_exposure_never_corrected_is_version_1_without_a_notice(client, db, content):
    record = make_exposure()
    response = client.get(f"/exposures/{record.id}")
    assert citation_of(response)["版本"] == "第1版"
    assert json_ld_of(response)["version"] == 1
    assert json_ld_of(response)["dateModified"] == "2008-06-01"
    assert parse(response).find("aside", class_="correction-notice") is None


def test_a_corrected_exposure_names_its_version_in_citation_and_json_ld(client, db, content):
    record = corrected(facts=NEW_FACTS)
    response = client.get(f"/exposures/{record.id}")
    day = correction_day(record)
    cited = citation_of(response)
    assert cited["版本"] == f"第2版，{day}更正"
    assert cited["本版链接"] == f"http://localhost/exposures/{record.id}/v/2"
    data = json_ld_of(response)
    assert data["version"] == 2 and data["dateModified"] == day


def test_a_corrected_exposure_shows_the_notice_and_links(client, db, content):
    record = corrected(facts=NEW_FACTS)
    page = parse(client.get(f"/exposures/{record.id}"))
    notice = page.find("aside", class_="correction-notice")
    assert notice.h2.get_text(" ", strip=True) == f"本文已于 {correction_day(record)} 更正"
    assert "按处罚决定书更正倍数。" in notice.get_text()
    links = {a.get_text(strip=True): a["href"] for a in notice.find_all("a")}
    assert links["查看更正记录"] == "#corrections"
    assert page.find(id="corrections").get_text(strip=True) == "更正记录"
    assert links["对照第 1 版与第 2 版的差别"] == f"/exposures/{record.id}/diff?from=1&to=2"


def test_the_exposure_diff_marks_only_the_changed_number(client, db, content):
    record = corrected(facts=NEW_FACTS)
    response = client.get(f"/exposures/{record.id}/diff?from=1&to=2")
    assert response.status_code == 200
    sections = parse(response).find_all("section", class_="diff")
    assert [s.h2.get_text(strip=True) for s in sections] == ["违法事实"]
    assert [d.get_text() for d in sections[0].find_all("del")] == ["删除：2.1"]
    assert [i.get_text() for i in sections[0].find_all("ins")] == ["新增：1.2"]


def test_hostile_facts_are_escaped_in_the_diff(client, db, content):
    record = corrected(facts='<script>alert("x")</script>偷排')
    response = client.get(f"/exposures/{record.id}/diff")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<script>alert("x")' not in html and "&lt;script&gt;" in html


def test_exposure_version_permalinks(client, db, content):
    record = corrected(facts=NEW_FACTS)
    first = client.get(f"/exposures/{record.id}/v/1")
    assert first.status_code == 200
    assert OLD_FACTS in text_of(first) and NEW_FACTS not in text_of(first)
    current = client.get(f"/exposures/{record.id}/v/2")
    assert current.status_code == 200 and NEW_FACTS in text_of(current)
    assert client.get(f"/exposures/{record.id}/v/3").status_code == 404


def test_bad_exposure_diff_requests(client, db, content):
    record = corrected(facts=NEW_FACTS)
    response = client.get(f"/exposures/{record.id}/diff?from=x")
    assert response.status_code == 400 and "版本号" in text_of(response)
    assert client.get(f"/exposures/{record.id}/diff?from=2&to=1").status_code == 400
    assert client.get("/exposures/999999/diff").status_code == 404
    untouched = make_exposure(record.enterprise, decision_number="鹤环罚字〔2008〕13号")
    assert client.get(f"/exposures/{untouched.id}/diff").status_code == 400
