"""The plan linked to its records; the plan's document metadata as far as the source states it."""

from tests.support.pages import parse


def _dd(page, label):
    dt = next(dt for dt in page.select("dl.doc-meta dt") if dt.get_text(strip=True) == label)
    return dt.find_next_sibling("dd").get_text(strip=True)


def test_plan_shows_a_metadata_block_without_inventing_what_the_source_omits(client, content):
    page = parse(client.get("/plan"))
    assert _dd(page, "标题") == "鹤岗市节能减排综合性工作方案"
    # The source text carries no issuing body, date or number.
    assert _dd(page, "发文机关") == "原文未载明"
    assert _dd(page, "成文日期") == "原文未载明"
    assert _dd(page, "发文字号") == "原文未载明"
    assert _dd(page, "有效性") == "规划期 2006–2010，已到期"
    note = page.find("p", class_="note").get_text()
    assert "附件1" in note and "附件2" in note and "未随正文公开" in note


def test_section_lists_its_targets_with_links_back(client, content):
    page = parse(client.get("/plan/main-targets"))
    records = page.find("section", attrs={"aria-labelledby": "records-title"})
    hrefs = [a["href"] for a in records.find_all("a")]
    assert "/targets/gdp-energy-intensity" in hrefs
    assert "/commitments#gdp-energy-intensity-2010" in hrefs
    # Every link resolves to a page.
    for href in {h.split("#")[0] for h in hrefs}:
        assert client.get(href).status_code == 200


def test_section_lists_its_projects_with_anchors_that_exist(client, content):
    page = parse(client.get("/plan/ten-key-energy-projects"))
    records = page.find("section", attrs={"aria-labelledby": "records-title"})
    project_links = [a["href"] for a in records.find_all("a") if a["href"].startswith("/projects#")]
    assert project_links
    projects_page = parse(client.get("/projects"))
    for href in project_links:
        assert projects_page.find(id=href.split("#")[1]) is not None


def test_a_section_without_records_shows_no_empty_list(client, content):
    page = parse(client.get("/plan/guiding-ideology"))
    assert page.find("section", attrs={"aria-labelledby": "records-title"}) is None
