"""The government-site conventions (GB/T 37668-2019, 国办发〔2017〕47号): footer identity from
configuration, 联系我们, an HTML 网站地图 and 信息公开指南; and the home page's order."""

import pytest

from tests.support.bulletins import make_statistics
from tests.support.pages import parse, text_of

IDENTITY = {
    "SITE_CODE": ("网站标识码", "2304000001"),
    "ICP_NUMBER": ("ICP 备案号", "黑ICP备00000000号"),
    "PUBLIC_SECURITY_NUMBER": ("公安机关备案号", "黑公网安备 23040002000000号"),
}


def footer_text(response) -> str:
    return " ".join(parse(response).select_one("footer").get_text(" ").split())


def test_the_footer_names_the_host_and_the_hotline_and_no_unconfigured_number(client, content):
    footer = footer_text(client.get("/"))
    assert "主办单位：鹤岗市节能减排工作领导小组办公室" in footer
    assert "0468-12369" in footer
    for label, _ in IDENTITY.values():
        assert label not in footer


@pytest.mark.parametrize("key", list(IDENTITY))
def test_each_identity_number_is_shown_once_configured(app, client, content, key):
    label, value = IDENTITY[key]
    app.config[key] = value
    footer = footer_text(client.get("/plan"))
    assert f"{label}：{value}" in footer
    assert all(other not in footer for k, (other, _) in IDENTITY.items() if k != key)


def test_the_identity_can_come_from_the_environment(monkeypatch, database_url, tmp_path):
    from tests.support.app import make_app

    monkeypatch.setenv("ICP_NUMBER", "黑ICP备12345678号")
    app = make_app(database_url, tmp_path / "instance")
    assert app.config["ICP_NUMBER"] == "黑ICP备12345678号"


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/contact", "联系我们"), ("/sitemap", "网站地图"), ("/disclosure-guide", "信息公开指南")],
)
def test_the_convention_pages_are_linked_from_every_footer(client, content, path, heading):
    links = [a["href"] for a in parse(client.get("/targets")).select("footer a")]
    assert path in links
    page = client.get(path)
    assert page.status_code == 200
    assert parse(page).h1.get_text(strip=True) == heading
    assert path in client.get("/sitemap.xml").get_data(as_text=True)


def test_contact_shows_the_configured_hotline_and_address_only_when_configured(
    app, client, content
):
    app.config["HOTLINE_NUMBER"] = "0468-7654321"
    text = text_of(client.get("/contact"))
    assert "0468-7654321" in text and "通信地址" not in text and "电子邮箱" not in text
    app.config["CONTACT_ADDRESS"] = "鹤岗市示例路 1 号（示例）"
    app.config["CONTACT_EMAIL"] = "office@example.org"
    text = text_of(client.get("/contact"))
    assert "鹤岗市示例路 1 号（示例）" in text and "office@example.org" in text


def test_the_html_site_map_links_every_menu_and_footer_page(client, content):
    page = parse(client.get("/sitemap"))
    mapped = {a["href"] for a in page.select("main a")}
    menu = {a["href"] for a in page.select("header nav a, header .quick-links a, footer nav a")}
    assert menu - {"/sitemap"} <= mapped  # every page but the map itself
    assert "/plan/main-targets" in mapped
    assert "/sitemap.xml" in mapped


def test_the_disclosure_guide_says_how_to_ask_for_more(client, content):
    text = text_of(client.get("/disclosure-guide"))
    assert "政府信息公开条例" in text and "0468-12369" in text


def test_robots_keep_out_the_mode_switch(client):
    assert "Disallow: /mode/" in client.get("/robots.txt").get_data(as_text=True)


def test_the_home_page_starts_with_reporting_then_the_latest_then_targets(client, content):
    page = parse(client.get("/"))
    main = page.select_one("main")
    headings = [h.get_text(strip=True) for h in main.find_all("h2")]
    assert headings[:3] == ["举报节能环保违法行为", "最新", "目标进展"]
    actions = [a.get_text(" ", strip=True) for a in main.select(".home-actions a")]
    assert actions == ["我要举报", "举报查询", "举报电话 0468-12369"]
    latest = [h.get_text(strip=True) for h in main.select(".latest h3")]
    assert latest[:3] == ["通报公告", "曝光台", "办理结果"]
    assert latest[3].startswith("逾期承诺")
    # The site's name is shown once (in the header); the page's h1 names it for screen readers.
    assert "visually-hidden" in main.h1["class"]


def test_each_target_has_a_bar_with_its_figure_beside_it(client, content, db):
    # 2.66 → 2.00 by 2010: 2.45 is 31.8% of the way; a value past the target fills the bar.
    make_statistics(
        (("gdp-energy-intensity", "2008Q3", "2.45"), ("so2-emissions", "2008Q3", "30000")),
        published=True,
    )
    page = parse(client.get("/"))
    targets = {t.select_one("a").get_text(strip=True): t for t in page.select(".target-bar")}
    assert len(targets) == 14  # every indicator of content/indicators.yaml
    energy = targets["万元GDP能耗"]
    bar = energy.find("progress")
    assert page.find(id=bar["aria-labelledby"]).get_text(strip=True) == "万元GDP能耗"
    assert energy.select_one(".target-bar__figure span").get_text(strip=True) == "进展 31.8%"
    assert float(bar["value"]) == pytest.approx(31.8)
    so2 = targets["二氧化硫排放量"].find("progress")
    assert float(so2["value"]) == 100  # past the target: a full bar, the text says how far
    without = [t for t in targets.values() if t.find("progress") is None]
    assert without and all("尚无可计算的进展" in t.get_text() for t in without)
