"""Versions that show on a bulletin: the citation names its version and links to that
version's permalink, a corrected bulletin says so at the top, and two versions can be compared
side by side with the changed words marked (hostile text stays text)."""

from datetime import UTC, datetime

from portal.services.bulletins import editing as bulletins
from portal.services.common.textdiff import compare, tokens
from tests.opendata.test_citations import citation_of, json_ld_of
from tests.support.bulletins import EDITOR, fields, make_bulletin, public_url
from tests.support.pages import parse, text_of

CORRECTED_AT = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)  # 10:00 in Hegang


def corrected(**changes):
    bulletin = make_bulletin(published=True, body_markdown="全市单位GDP能耗下降2.66%。")
    bulletins.update_bulletin(
        bulletin.id, fields(**changes), EDITOR, reason="第二段数据有误", now=CORRECTED_AT
    )
    return bulletin


def test_an_uncorrected_bulletin_is_cited_as_version_1(client, db):
    bulletin = make_bulletin(published=True)
    response = client.get(public_url(bulletin))
    cited = citation_of(response)
    assert cited["版本"] == "第1版"
    assert cited["本版链接"] == f"http://localhost/bulletins/{bulletin.id}/v/1"
    data = json_ld_of(response)
    assert data["version"] == 1
    assert data["dateModified"] == data["datePublished"]
    assert parse(response).find("aside", class_="correction-notice") is None


def test_a_corrected_bulletin_names_its_version_and_the_day_of_the_correction(client, db):
    bulletin = corrected(body_markdown="全市单位GDP能耗下降2.70%。")
    response = client.get(public_url(bulletin))
    cited = citation_of(response)
    assert cited["版本"] == "第2版，2026-11-30更正"
    version_url = f"http://localhost/bulletins/{bulletin.id}/v/2"
    assert cited["本版链接"] == version_url
    assert "第2版." in cited["line"] and cited["line"].endswith(f"{version_url}.")
    data = json_ld_of(response)
    assert data["version"] == 2 and data["dateModified"] == "2026-11-30"


def test_a_corrected_bulletin_says_so_at_the_top_with_links(client, db):
    bulletin = corrected(body_markdown="全市单位GDP能耗下降2.70%。")
    page = parse(client.get(public_url(bulletin)))
    notice = page.find("aside", class_="correction-notice")
    heading = notice.find("h2")
    assert heading.get_text(" ", strip=True) == "本文已于 2026-11-30 更正"
    assert notice["aria-labelledby"] == heading["id"]
    assert "第二段数据有误" in notice.get_text()
    links = {a.get_text(strip=True): a["href"] for a in notice.find_all("a")}
    assert links["查看更正记录"] == "#doc-corrections-title"
    assert page.find(id="doc-corrections-title").get_text(strip=True) == "更正记录"
    assert links["对照第 1 版与第 2 版的差别"] == f"/bulletins/{bulletin.id}/diff?from=1&to=2"
    # the notice comes before the text it qualifies
    assert page.find("article").find_all(["aside", "section"])[0] is notice


def test_version_permalinks_keep_showing_the_version_they_name(client, db):
    bulletin = corrected(body_markdown="全市单位GDP能耗下降2.70%。")
    first = client.get(f"/bulletins/{bulletin.id}/v/1")
    assert first.status_code == 200
    assert "2.66%" in text_of(first) and "2.70%" not in text_of(first)
    second = client.get(f"/bulletins/{bulletin.id}/v/2")
    assert second.status_code == 200 and "2.70%" in text_of(second)
    assert client.get(f"/bulletins/{bulletin.id}/v/3").status_code == 404
    draft = make_bulletin()
    assert client.get(f"/bulletins/{draft.id}/v/1").status_code == 404


def test_the_diff_marks_the_changed_words_side_by_side(client, db):
    new_title = "2008年第三季度节能减排工作通报"
    bulletin = corrected(title=new_title, body_markdown="全市单位GDP能耗下降2.70%。")
    response = client.get(f"/bulletins/{bulletin.id}/diff?from=1&to=2")
    assert response.status_code == 200
    page = parse(response)
    sections = {s.h2.get_text(strip=True): s for s in page.find_all("section", class_="diff")}
    assert set(sections) == {"标题", "正文"}  # unchanged fields are not repeated
    body = sections["正文"]
    deleted = [d.get_text() for d in body.find_all("del")]
    inserted = [i.get_text() for i in body.find_all("ins")]
    assert deleted == ["删除：2.66%"] and inserted == ["新增：2.70%"]
    assert body.find("del").span["class"] == ["visually-hidden"]
    title = sections["标题"]
    assert [d.get_text() for d in title.find_all("del")] == ["删除：动态"]
    assert [i.get_text() for i in title.find_all("ins")] == ["新增：通报"]
    assert "第二段数据有误" in text_of(response)


def test_the_diff_defaults_to_the_last_correction(client, db):
    bulletin = corrected(body_markdown="全市单位GDP能耗下降2.70%。")
    page = parse(client.get(f"/bulletins/{bulletin.id}/diff"))
    assert page.h1.get_text(strip=True) == "版本对照：第 1 版与第 2 版"


def test_hostile_text_in_a_version_is_shown_as_text(client, db):
    hostile = 'x<img src=x onerror="alert(1)"> &lt;script&gt;alert(2)&lt;/script&gt;'
    bulletin = corrected(title=f"通报{hostile}"[:200], body_markdown=hostile)
    response = client.get(f"/bulletins/{bulletin.id}/diff?from=1&to=2")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<img" not in html and "<script>alert" not in html
    assert "onerror" not in str(parse(response).find("main").find_all(True, onerror=True))
    assert "&lt;img" in html


def test_bad_version_numbers_get_a_chinese_400(client, db):
    bulletin = corrected(body_markdown="全市单位GDP能耗下降2.70%。")
    for query in ("from=2&to=1", "from=1&to=9", "from=a&to=2", "from=0&to=2", "from=2&to=2"):
        response = client.get(f"/bulletins/{bulletin.id}/diff?{query}")
        assert response.status_code == 400, query
        assert "版本" in text_of(response)
    never_corrected = make_bulletin(published=True)
    response = client.get(f"/bulletins/{never_corrected.id}/diff")
    assert response.status_code == 400 and "没有更正过" in text_of(response)
    assert client.get("/bulletins/999999/diff").status_code == 404


def test_numbers_are_compared_whole_and_chinese_punctuation_stays_apart():
    assert tokens("下降2.66%，共1,200吨") == ["下", "降", "2.66%", "，", "共", "1,200", "吨"]
    diff = compare("能耗下降2.66%，二氧化硫减少", "能耗下降2.70%，二氧化硫明显减少")
    assert [s.text for s in diff.before if s.kind == "delete"] == ["2.66%"]
    assert [s.text for s in diff.after if s.kind == "insert"] == ["2.70%", "明显"]
