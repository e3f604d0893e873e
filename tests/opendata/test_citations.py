"""Every record page says how to cite it: a 引用本页 block and schema.org JSON-LD in the head."""

import json
from datetime import date

from portal.clock import CITY_TZ, today_local
from portal.models import RecordState
from portal.web.citations import Citation, gbt7714_line, json_ld_script
from tests.support.bulletins import make_bulletin, make_statistics, public_url
from tests.support.pages import parse
from tests.support.registers import make_enterprise, make_exposure, make_item

BREAKOUT = "</script><script>alert(1)</script>"
OFFICE = "鹤岗市节能减排工作领导小组办公室"


def citation_of(response) -> dict[str, str]:
    """The fields of the 引用本页 block, as a reader sees them."""
    section = parse(response).find("section", attrs={"aria-labelledby": "citation-heading"})
    assert section is not None and section.find("h2").get_text(strip=True) == "引用本页"
    terms = [dt.get_text(strip=True) for dt in section.find_all("dt")]
    values = [dd.get_text(strip=True) for dd in section.find_all("dd")]
    fields = dict(zip(terms, values, strict=True))
    fields["line"] = section.find("code").get_text()
    return fields


def json_ld_of(response) -> dict:
    # Script files (the phone menu's) aside, the one script element is the JSON-LD.
    scripts = [s for s in parse(response).find_all("script") if not s.get("src")]
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert scripts[0].parent.name == "head"
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return data


def accessed() -> str:
    today = today_local()
    return f"{today.year}年{today.month}月{today.day}日"


def test_plan_section_page_is_citable(client, content):
    response = client.get("/plan/phase-out-backward-capacity")
    fields = citation_of(response)
    assert fields["标题"].startswith("鹤岗市节能减排综合性工作方案：")
    assert fields["发布机构"] == OFFICE
    assert fields["永久链接"] == "http://localhost/plan/phase-out-backward-capacity"
    assert fields["访问日期"] == accessed()
    data = json_ld_of(response)
    assert data["@type"] == "CreativeWork"
    assert data["url"] == "http://localhost/plan/phase-out-backward-capacity"
    assert data["isPartOf"]["name"] == "鹤岗市节能减排综合性工作方案"


def test_target_page_is_a_dataset(client, content):
    response = client.get("/targets/gdp-energy-intensity")
    fields = citation_of(response)
    assert "万元" in fields["标题"] and "示例数据" not in fields["标题"]
    assert fields["永久链接"] == "http://localhost/targets/gdp-energy-intensity"
    data = json_ld_of(response)
    assert data["@type"] == "Dataset"
    assert data["url"] == "http://localhost/targets/gdp-energy-intensity"
    assert data["variableMeasured"]["unitText"]


def test_target_page_dates_its_latest_value_and_marks_sample_values(client, content, db):
    bulletin = make_statistics(published=True)
    bulletin.is_sample = True
    db.session.commit()
    published = bulletin.published_at.astimezone(CITY_TZ).date()
    response = client.get("/targets/gdp-energy-intensity")
    fields = citation_of(response)
    assert fields["发布日期"] == f"{published.year}年{published.month}月{published.day}日"
    assert fields["标题"].endswith("（示例数据）")
    assert json_ld_of(response)["datePublished"] == published.isoformat()


def test_bulletin_page_cites_document_number_and_date(client, db):
    bulletin = make_bulletin(published=True, document_number="鹤节能办发〔2008〕3号")
    response = client.get(public_url(bulletin))
    fields = citation_of(response)
    assert fields["标题"] == "2008年第三季度节能减排工作动态"
    assert fields["发布机构"] == OFFICE
    assert fields["发文字号"] == "鹤节能办发〔2008〕3号"
    assert fields["永久链接"] == f"http://localhost{public_url(bulletin)}"
    assert fields["line"].startswith(f"{OFFICE}. 2008年第三季度节能减排工作动态[EB/OL]. 鹤节能办发")
    data = json_ld_of(response)
    assert data["@type"] == "Report"
    assert data["publisher"] == {"@type": "GovernmentOrganization", "name": OFFICE}
    assert data["url"] == f"http://localhost{public_url(bulletin)}"
    assert data["identifier"] == "鹤节能办发〔2008〕3号"


def test_bulletin_without_document_number_is_cited_by_index_number(client, db):
    bulletin = make_bulletin(published=True)
    fields = citation_of(client.get(public_url(bulletin)))
    assert fields["索引号"] == bulletin.index_number


def test_a_title_cannot_break_out_of_the_json_ld_block(client, db):
    bulletin = make_bulletin(published=True, title=f"通报{BREAKOUT}")
    response = client.get(public_url(bulletin))
    assert json_ld_of(response)["name"] == f"通报{BREAKOUT}"
    assert "alert(1)</script>" not in response.get_data(as_text=True).split("</head>")[0]


def test_exposure_page_is_citable(client, db, content):
    record = make_exposure()
    response = client.get(f"/exposures/{record.id}")
    fields = citation_of(response)
    assert fields["标题"] == "曝光：鹤岗示例焦化有限公司"
    assert fields["处罚决定书文号"] == "鹤环罚字〔2008〕12号"
    assert fields["发布日期"] == "2008年6月1日"
    assert fields["永久链接"] == f"http://localhost/exposures/{record.id}"
    data = json_ld_of(response)
    assert data["@type"] == "CreativeWork"
    assert data["about"] == {"@type": "Organization", "name": "鹤岗示例焦化有限公司"}
    assert data["url"] == f"http://localhost/exposures/{record.id}"


def test_withdrawn_exposure_is_cited_as_withdrawn(client, db, content):
    record = make_exposure()
    record.state = RecordState.WITHDRAWN
    record.withdrawn_reason = "决定书已被撤销。"
    db.session.commit()
    response = client.get(f"/exposures/{record.id}")
    assert citation_of(response)["标题"] == "曝光：鹤岗示例焦化有限公司（已撤回）"


def test_phase_out_item_page_is_citable(client, db):
    item = make_item()
    response = client.get(f"/phase-out/{item.id}")
    fields = citation_of(response)
    assert fields["标题"] == "淘汰落后产能：鹤岗示例焦化有限公司 1092 型造纸机 2 台"
    assert fields["永久链接"] == f"http://localhost/phase-out/{item.id}"
    data = json_ld_of(response)
    assert data["@type"] == "CreativeWork"
    assert data["url"] == f"http://localhost/phase-out/{item.id}"


def test_enterprise_page_is_an_organization_with_its_credit_code(client, db):
    enterprise = make_enterprise(uscc="91230400MA00000018")
    response = client.get(f"/enterprises/{enterprise.id}")
    fields = citation_of(response)
    assert fields["统一社会信用代码"] == "91230400MA00000018"
    data = json_ld_of(response)
    assert data["@type"] == "Organization"
    assert data["taxID"] == "91230400MA00000018"
    assert data["url"] == f"http://localhost/enterprises/{enterprise.id}"


def test_sample_records_are_cited_as_sample_data(client, db, content):
    record = make_exposure()
    record.is_sample = True
    record.enterprise.is_sample = True
    db.session.commit()
    for url in (f"/exposures/{record.id}", f"/enterprises/{record.enterprise.id}"):
        response = client.get(url)
        assert citation_of(response)["标题"].endswith("（示例数据）")
        assert "（示例数据）" in citation_of(response)["line"]
        assert json_ld_of(response)["name"].endswith("（示例数据）")


def test_sample_bulletin_is_cited_as_sample_data(client, db):
    bulletin = make_bulletin(published=True)
    bulletin.is_sample = True
    db.session.commit()
    assert citation_of(client.get(public_url(bulletin)))["标题"].endswith("（示例数据）")


def test_gbt7714_line():
    cited = Citation("标题", OFFICE, "鹤发〔2008〕1号", date(2008, 10, 15), "http://x/b/1")
    line = gbt7714_line(cited, date(2026, 1, 2))
    assert (
        line == f"{OFFICE}. 标题[EB/OL]. 鹤发〔2008〕1号. (2008-10-15)[2026-01-02]. http://x/b/1."
    )
    undated = Citation("标题", OFFICE, None, None, "http://x/p")
    assert (
        gbt7714_line(undated, date(2026, 1, 2))
        == f"{OFFICE}. 标题[EB/OL]. [2026-01-02]. http://x/p."
    )


def test_json_ld_script_escapes_markup_characters():
    html = str(json_ld_script({"name": "a</script><b>&c"}))
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == {"name": "a</script><b>&c"}


def test_records_without_revisions_are_cited_as_version_1(client, db, content):
    response = client.get("/plan/phase-out-backward-capacity")
    assert citation_of(response)["版本"] == "第1版"
    assert json_ld_of(response)["version"] == 1
    item = make_item()
    response = client.get(f"/phase-out/{item.id}")
    data = json_ld_of(response)
    assert data["version"] == 1 and data["dateModified"] == data["datePublished"]
    enterprise = client.get(f"/enterprises/{item.enterprise.id}")
    assert json_ld_of(enterprise)["version"] == 1


def test_the_gbt7714_line_names_a_corrected_version_and_its_permalink():
    citation = Citation(
        "通报", OFFICE, "鹤节能办发〔2008〕3号", date(2008, 10, 20), "https://x/bulletins/1",
        version=2, modified=date(2026, 11, 30), version_permalink="https://x/bulletins/1/v/2",
    )  # fmt: skip
    assert citation.version_label == "第2版，2026-11-30更正"
    assert gbt7714_line(citation, date(2026, 12, 1)) == (
        f"{OFFICE}. 通报[EB/OL]. 第2版. 鹤节能办发〔2008〕3号. (2008-10-20/2026-11-30)"
        "[2026-12-01]. https://x/bulletins/1/v/2."
    )
