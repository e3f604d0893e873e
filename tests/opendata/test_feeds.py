"""The Atom feed of published outcomes, /sitemap.xml and /robots.txt."""

from datetime import UTC, datetime
from xml.etree import ElementTree

import feedparser
import pytest

from tests.support.pages import parse
from tests.support.reports import PRIVATE_TEXT

pytestmark = pytest.mark.usefixtures("db")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed_of(client):
    response = client.get("/reports/outcomes.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    return response, feedparser.parse(response.get_data())


def test_the_outcomes_feed_is_valid_atom_with_newest_first(client, content, published_outcome):
    older = published_outcome(published_at=datetime(2026, 4, 1, tzinfo=UTC))
    newer = published_outcome(
        summary="群众反映锅炉冒黑烟。", published_at=datetime(2026, 4, 2, tzinfo=UTC)
    )
    response, feed = feed_of(client)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == "zh-CN"
    assert [e.link for e in feed.entries] == [
        f"http://localhost/reports/outcomes/{newer.report.number}",
        f"http://localhost/reports/outcomes/{older.report.number}",
    ]
    first = feed.entries[0]
    assert first.id == first.link
    assert first.title.startswith(f"举报 {newer.report.number}")
    assert "群众反映锅炉冒黑烟。" in first.content[0].value
    assert feed.feed.updated.startswith("2026-04-02")
    body = response.get_data(as_text=True)
    assert not [secret for secret in PRIVATE_TEXT if secret in body]


def test_an_empty_feed_is_still_valid_and_stable(client, content):
    response, feed = feed_of(client)
    assert feed.bozo == 0 and feed.entries == []
    assert client.get("/reports/outcomes.atom").headers["ETag"] == response.headers["ETag"]


def test_sample_outcomes_are_marked_in_the_feed(client, content, published_outcome):
    published_outcome(sample=True)
    _, feed = feed_of(client)
    assert feed.entries[0].title.endswith("（示例数据）")


def test_the_feed_revalidates(client, content, published_outcome):
    published_outcome()
    response, _ = feed_of(client)
    assert response.headers["Cache-Control"] == "public, max-age=300"
    again = client.get(
        "/reports/outcomes.atom", headers={"If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304


def test_the_outcomes_page_links_its_feed(client, content):
    page = parse(client.get("/reports/outcomes"))
    link = page.find("link", rel="alternate", type="application/atom+xml")
    assert link["href"] == "/reports/outcomes.atom"


def test_the_sitemap_lists_every_public_page(client, db, content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ElementTree.fromstring(response.get_data())
    assert root.tag == f"{SITEMAP}urlset"
    urls = [u.findtext(f"{SITEMAP}loc") for u in root.iter(f"{SITEMAP}url")]
    assert len(urls) == len(set(urls))
    plan_sections = client.get("/api/v1/sections?level=2").get_json()["data"]
    for section in plan_sections:
        assert section["url"] in urls
    for path in (
        "/",
        "/plan",
        "/targets",
        "/commitments",
        "/projects",
        "/report",
        "/privacy",
        "/reports/outcomes",
        "/reports/stats",
        "/api",
        "/targets/gdp-energy-intensity",
    ):
        assert f"http://localhost{path}" in urls
    assert not [u for u in urls if "/admin" in u or "/report/status" in u]
    for url in urls:
        assert client.get(url.removeprefix("http://localhost")).status_code == 200, url


def test_the_sitemap_says_when_lists_last_changed(
    client, content, published_outcome, progress_note
):
    progress_note("commitment", "livestock-pollution-control", "completed", "治理全部完成。")
    published_outcome(published_at=datetime(2026, 4, 1, 2, 0, tzinfo=UTC))
    root = ElementTree.fromstring(client.get("/sitemap.xml").get_data())
    lastmod = {
        u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
        for u in root.iter(f"{SITEMAP}url")
    }
    assert lastmod["http://localhost/reports/outcomes"] == "2026-04-01T10:00:00+08:00"
    assert lastmod["http://localhost/commitments"]
    assert lastmod["http://localhost/plan"] is None


def test_robots_keeps_crawlers_out_of_staff_and_reporter_pages(client, content):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin" in lines and "Disallow: /report/status" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
