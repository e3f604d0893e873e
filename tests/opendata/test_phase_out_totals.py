"""Phase-out capacity is added up per product (industry) and unit, never across them: cement,
coal and paper tonnage in the same 万吨/年 are three sums, on /phase-out and in its data."""

import pytest

from tests.support.api import rows_of
from tests.support.pages import parse
from tests.support.registers import make_enterprise, make_item

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def three_products(content):
    works = make_enterprise(name="鹤岗示例建材有限公司", industry="cement")
    make_item(works, industry="cement", equipment="机立窑 2 座", capacity_value="5")
    make_item(works, industry="coal_mining", equipment="小煤矿 1 处", capacity_value="3")
    make_item(works, industry="paper", equipment="造纸机 1 台", capacity_value="4")
    make_item(works, industry="paper", equipment="造纸机 2 台", capacity_value="1.5")
    make_item(
        works, industry="coking", equipment="土焦炉", capacity_value="2", capacity_unit="万千瓦"
    )


def test_the_page_never_adds_different_products(client, three_products):
    page = parse(client.get("/phase-out"))
    by_category = page.find("caption", string="按类别汇总").find_parent("table")
    close = by_category.find("th", string="淘汰关停").find_parent("tr")
    text = close.find_all("td")[-1].get_text(" ", strip=True)
    assert "水泥 5 万吨/年" in text and "煤矿 3 万吨/年" in text and "造纸 5.5 万吨/年" in text
    assert "焦化 2 万千瓦" in text and "13.5" not in text and "15.5" not in text
    footer = by_category.find("tfoot").get_text(" ", strip=True)
    assert "造纸 5.5 万吨/年" in footer and "13.5" not in footer
    by_industry = page.find("caption", string="按行业汇总").find_parent("table")
    paper = by_industry.find("th", string="造纸").find_parent("tr")
    assert paper.find_all("td")[-1].get_text(" ", strip=True) == "5.5 万吨/年"


def test_the_totals_table_has_one_row_per_product_and_unit(client, three_products):
    rows = rows_of(client.get("/data/phase-out-totals.csv?header=key"))
    sums = {(r["industry_code"], r["capacity_unit"]): r for r in rows}
    assert {k: (v["item_count"], v["capacity_total"]) for k, v in sums.items()} == {
        ("cement", "万吨/年"): ("1", "5"),
        ("coal_mining", "万吨/年"): ("1", "3"),
        ("paper", "万吨/年"): ("2", "5.5"),
        ("coking", "万千瓦"): ("1", "2"),
    }
    assert {r["status"] for r in rows} == {"逾期"} and {r["category"] for r in rows} == {"淘汰关停"}
    titled = rows_of(client.get("/data/phase-out-totals.csv"))
    assert list(titled[0])[:2] == ["行业", "行业代码"] and titled[0]["行业"] == "造纸"
