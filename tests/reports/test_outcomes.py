"""/reports/outcomes: published summaries of handled reports, newest first, nothing private."""

import json

import pytest

from portal.models import Channel, ReportStatus
from portal.services.reports import outcomes as published_outcomes
from tests.support.pages import parse, text_of
from tests.support.reports import PRIVATE_TEXT, days, local, publish

S = ReportStatus


@pytest.fixture
def outcomes(db, content, make_report):
    def resolved(submitted, **fields):
        return make_report(
            submitted, status=S.RESOLVED, decided_after=days(2), resolved_after=days(30), **fields
        )

    older = resolved(local(2026, 3, 2), district="luobei", channel=Channel.PHONE)
    newer = resolved(local(2026, 5, 10), category="excess-emission")
    unpublished = resolved(local(2026, 6, 1))
    publish(
        older, local(2026, 4, 20), "某洗煤厂夜间向河道排放洗煤废水。", "已责令整改，罚款5万元。"
    )
    publish(newer, local(2026, 7, 1), "某热电厂烟囱冒黄烟。", "经监测超标，已立案处罚。")
    return older, newer, unpublished


def test_outcomes_are_listed_newest_first_with_their_public_details(client, outcomes):
    older, newer, _ = outcomes
    response = client.get("/reports/outcomes")
    assert response.status_code == 200
    articles = parse(response).select("ol.outcomes article")
    assert [a.h2.get_text(strip=True) for a in articles] == [
        f"举报 {newer.number}：超标排放",
        f"举报 {older.number}：偷排偷放",
    ]
    text = " ".join(articles[1].get_text(" ").split())
    assert "萝北县" in text
    assert "提交日期 2026年3月2日" in text and "答复日期 2026年4月1日" in text
    assert "某洗煤厂夜间向河道排放洗煤废水。" in text and "已责令整改，罚款5万元。" in text
    assert articles[1].find("time", datetime="2026-03-02")


def test_only_published_outcomes_are_shown(client, outcomes):
    _, _, unpublished = outcomes
    text = text_of(client.get("/reports/outcomes"))
    assert unpublished.number not in text
    assert "共 2 条" in text


def test_outcomes_never_show_report_text_or_contact_details(client, outcomes):
    body = client.get("/reports/outcomes").get_data(as_text=True)
    assert not [secret for secret in PRIVATE_TEXT if secret in body]


def test_outcomes_are_paged(client, outcomes, monkeypatch):
    older, newer, _ = outcomes
    monkeypatch.setattr(published_outcomes, "PAGE_SIZE", 1)
    first = parse(client.get("/reports/outcomes"))
    assert newer.number in first.h2.get_text()
    assert first.find("a", rel="next")["href"] == "/reports/outcomes?page=2"
    second = client.get("/reports/outcomes?page=2")
    assert older.number in parse(second).h2.get_text()
    assert "第 2 页，共 2 页" in text_of(second)
    assert client.get("/reports/outcomes?page=3").status_code == 404
    assert client.get("/reports/outcomes?page=0").status_code == 404


def test_an_empty_list_says_so(client, content):
    response = client.get("/reports/outcomes")
    assert response.status_code == 200
    assert "目前还没有公开的办理结果" in text_of(response)
    assert parse(response).find("a", href="/reports/stats")


def test_a_sample_outcome_is_labelled_as_such(client, db, outcomes):
    older, newer, _ = outcomes
    newer.is_sample = True
    db.session.commit()
    articles = parse(client.get("/reports/outcomes")).select("ol.outcomes article")
    assert "示例数据" in articles[0].h2.get_text()
    assert "示例（虚构）记录" in articles[0].get_text()
    assert "示例" not in articles[1].get_text()


def test_each_outcome_has_a_page_of_its_own_linked_from_the_list(client, outcomes):
    older, _newer, _ = outcomes
    listed = parse(client.get("/reports/outcomes"))
    link = listed.find("a", href=f"/reports/outcomes/{older.number}")
    assert link is not None and older.number in link.get_text()
    response = client.get(f"/reports/outcomes/{older.number}")
    assert response.status_code == 200
    page = parse(response)
    assert page.h1.get_text(" ", strip=True) == f"举报 {older.number}：偷排偷放"
    text = text_of(response)
    assert "萝北县" in text and "已责令整改，罚款5万元。" in text
    assert "某洗煤厂夜间向河道排放洗煤废水。" in text
    assert f"http://localhost/reports/outcomes/{older.number}" in page.select_one(".citation").text
    ld = json.loads(page.find("script", type="application/ld+json").string)
    assert ld["@type"] == "Report" and ld["reportNumber"] == older.number


def test_an_outcome_page_shows_nothing_private(client, outcomes):
    older, _, _ = outcomes
    body = client.get(f"/reports/outcomes/{older.number}").get_data(as_text=True)
    assert not [secret for secret in PRIVATE_TEXT if secret in body]


@pytest.mark.parametrize("which", ["unpublished", "unknown", "hostile"])
def test_no_page_for_an_unpublished_or_unknown_outcome(client, outcomes, which):
    number = {
        "unpublished": outcomes[2].number,
        "unknown": "HG20990101-999999",
        "hostile": "%27%20OR%201=1--",
    }[which]
    response = client.get(f"/reports/outcomes/{number}")
    assert response.status_code == 404 and "页面不存在" in text_of(response)


def test_the_sitemap_lists_each_outcome_page(client, outcomes):
    older, newer, unpublished = outcomes
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    assert f"/reports/outcomes/{older.number}</loc>" in sitemap
    assert f"/reports/outcomes/{newer.number}</loc>" in sitemap
    assert unpublished.number not in sitemap
