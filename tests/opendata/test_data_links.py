"""A filtered list page links to the CSV and JSON of exactly what it shows."""

import pytest

from tests.support.api import rows_of
from tests.support.bulletins import make_bulletin
from tests.support.pages import parse
from tests.support.registers import make_enterprise, make_exposure, make_item


@pytest.fixture
def registers(db, content):
    nanshan = make_enterprise(name="鹤岗南山焦化有限公司", district="nanshan")
    xingshan = make_enterprise(name="鹤岗兴山水泥有限公司", district="xingshan", industry="cement")
    make_exposure(nanshan, decision_number="鹤环罚字〔2008〕1号")
    make_exposure(xingshan, decision_number="鹤环罚字〔2008〕2号", rectification="completed")
    make_item(nanshan)
    make_item(xingshan, equipment="机立窑 2 座", category="upgrade")
    make_bulletin(published=True, kind="work_news", written_on="2008-10-15")
    make_bulletin(published=True, kind="notice", title="关于开展节能检查的通知")


def data_links(client, url):
    page = parse(client.get(url))
    hrefs = [a["href"] for a in page.select(".data-links a")]
    csv_link = next(h for h in hrefs if ".csv" in h)
    json_link = next(h for h in hrefs if h.startswith("/api/v1/") and "." not in h.split("?")[0])
    return csv_link, json_link


@pytest.mark.parametrize(
    "page, expected_query, rows",
    [
        ("/exposures?district=xingshan&page=1", "district=xingshan", 1),
        ("/exposures?rectification=completed&district=", "rectification=completed", 1),
        ("/exposures", None, 2),
        ("/exposures?withdrawn=1&year=2008", "withdrawn=true&year=2008", 2),
        ("/phase-out?category=upgrade", "category=upgrade", 1),
        ("/bulletins?kind=notice", "kind=notice", 1),
    ],
)
def test_the_download_links_carry_the_page_filters(client, registers, page, expected_query, rows):
    csv_link, json_link = data_links(client, page)
    for link in (csv_link, json_link):
        assert "page=" not in link
        assert (link.split("?", 1)[1] if "?" in link else None) == expected_query
    assert len(rows_of(client.get(csv_link))) == rows
    assert len(client.get(json_link).get_json()["data"]) == rows


def test_unknown_page_arguments_stay_off_the_links(client, registers):
    csv_link, _ = data_links(client, "/exposures?utm_source=weibo&district=nanshan")
    assert csv_link == "/api/v1/exposures.csv?district=nanshan"
