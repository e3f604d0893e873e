"""The public pages show the real plan: what a citizen or journalist reads."""

import pytest

from tests.support.pages import parse, text_of

PUBLIC_PAGES = ["/", "/plan", "/targets", "/commitments", "/projects"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_shows_the_hotline_and_navigation(client, content, path):
    response = client.get(path)
    assert response.status_code == 200
    page = parse(response)
    assert "0468-12369" in page.find("header").get_text()
    nav = page.find("nav", attrs={"aria-label": "主导航"})
    assert [a.get_text(strip=True) for a in nav.find_all("a")][:5] == [
        "首页",
        "工作方案",
        "目标进展",
        "时间表",
        "重点工程",
    ]
    assert page.find("a", class_="skip-link")["href"] == "#main"
    assert "鹤岗市节能减排工作领导小组办公室" in page.find("footer").get_text()


def test_hotline_number_comes_from_configuration(app, content):
    app.config["HOTLINE_NUMBER"] = "0468-3456789"
    response = app.test_client().get("/plan")
    assert "0468-3456789" in parse(response).find("header").get_text()


def test_current_page_is_marked_in_navigation(client, content):
    page = parse(client.get("/targets"))
    current = page.find("a", attrs={"aria-current": "page"})
    assert current.get_text(strip=True) == "目标进展"


def test_home_explains_the_plan_and_shows_targets_at_a_glance(client, content):
    response = client.get("/")
    text = text_of(response)
    assert "鹤岗市节能减排综合性工作方案" in text
    assert "国发（2007）16号" in text
    items = parse(response).select(".target-bar")
    rows = {item.a.get_text(strip=True): item.get_text(" ", strip=True) for item in items}
    assert "2.66" in rows["万元GDP能耗"] and "2" in rows["万元GDP能耗"]
    assert "36,319" in rows["二氧化硫排放量"] and "35,590" in rows["二氧化硫排放量"]


def test_home_lists_overdue_commitments_when_all_deadlines_have_passed(client, content):
    text = text_of(client.get("/"))
    assert "截止日期均已过去" in text
    assert "已过截止日期、尚无完成记录" in text


def test_plan_page_has_a_table_of_contents_linking_every_section(client, content):
    page = parse(client.get("/plan"))
    toc_links = [a["href"] for a in page.find("nav", class_="toc").find_all("a")]
    assert len(toc_links) == 26
    for href in toc_links:
        assert page.find(id=href.removeprefix("#")), f"no anchor for {href}"
    headings = [h.get_text(" ", strip=True) for h in page.find_all(["h2", "h3"])]
    assert any(h.startswith("一、指导思想") for h in headings)
    assert any(h.startswith("（八）加强组织领导，建立考核体系") for h in headings)


def test_plan_page_shows_lead_and_cooperating_departments(client, content):
    page = parse(client.get("/plan"))
    section = page.find(id="phase-out-backward-capacity")
    assignments = section.find("dl", class_="assignments").get_text(" ", strip=True)
    assert "牵头部门 市经委" in assignments
    assert "市煤炭工业局" in assignments and "市工商局" in assignments


def test_plan_section_has_its_own_permalink_page(client, content):
    response = client.get("/plan/phase-out-backward-capacity")
    assert response.status_code == 200
    page = parse(response)
    assert page.h1.get_text(strip=True) == "（二）加快改造和淘汰落后生产能力"
    assert "2010年要关闭年产3万吨以下小煤矿" in page.find("article").get_text()
    crumbs = page.find("nav", class_="breadcrumbs").get_text(" ", strip=True)
    assert "三、重点工作任务" in crumbs
    assert page.find("a", rel="next") and page.find("a", rel="prev")


def test_unknown_plan_section_is_a_chinese_404(client, content):
    response = client.get("/plan/no-such-section")
    assert response.status_code == 404
    assert "页面不存在" in text_of(response)


def test_targets_page_lists_every_indicator_with_required_change(client, content):
    page = parse(client.get("/targets"))
    rows = {tr["id"]: tr.get_text(" ", strip=True) for tr in page.find("tbody")("tr")}
    assert len(rows) >= 12
    so2 = next(text for code, text in rows.items() if "二氧化硫" in text)
    assert "36,319" in so2 and "35,590" in so2
    assert "−729" in so2 and "−2.0%" in so2
    assert "下降2%" in so2
    reuse = next(text for text in rows.values() if "污水再生利用率" in text)
    assert "20" in reuse and "方案未给出" in reuse


def test_commitments_are_grouped_by_year_with_overdue_flags(client, content):
    page = parse(client.get("/commitments"))
    years = [h.get_text(strip=True) for h in page.find_all("h2")]
    assert years[0].startswith("2007年")
    assert any(y.startswith("2008年") for y in years)
    assert any(y.startswith("2015年") for y in years)
    permits = page.find(string=lambda s: s and "所有排污单位排污许可证" in s)
    item = permits.find_parent("li")
    assert "2008年12月31日" in item.get_text()
    assert "已过截止日期" in item.get_text()
    assert "市环保局" in item.get_text()


def test_projects_page_lists_the_eleven_songhua_river_projects(client, content):
    page = parse(client.get("/projects"))
    songhua = page.find(id="songhua-water")
    assert len(songhua.find("tbody")("tr")) == 11
    assert "峻兴水厂" in songhua.get_text()


def test_pages_answer_503_in_chinese_before_content_is_imported(client):
    response = client.get("/")
    assert response.status_code == 503
    assert "网站正在准备中" in text_of(response)


@pytest.mark.parametrize("path", ["/", "/plan", "/plan/main-targets"])
def test_plan_text_is_shown_as_formatted_paragraphs_not_escaped_markup(client, content, path):
    response = client.get(path)
    body = response.get_data(as_text=True)
    assert "&lt;p&gt;" not in body
    assert parse(response).select(".prose p")


def test_figures_keep_the_precision_the_plan_wrote(client, content):
    rows = parse(client.get("/targets")).find("tbody")("tr")
    gdp = next(tr for tr in rows if tr.th.get_text(strip=True).startswith("万元GDP能耗"))
    assert "2.00" in gdp.get_text() and "2.66" in gdp.get_text()
    leak = next(tr for tr in rows if "管网漏失率" in tr.th.get_text())
    assert "−10 百分点" in " ".join(leak.get_text(" ").split())
