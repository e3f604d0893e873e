"""Bulletins in the open data: only published ones, with their revision after a correction,
as JSON, CSV and an Atom feed, and in the sitemap."""

import csv
import io
from xml.etree import ElementTree

import feedparser
import pytest

from portal.services.bulletins import editing as bulletins
from portal.services.bulletins import publishing as bulletin_publishing
from tests.support.bulletins import EDITOR, fields, make_bulletin, make_statistics

pytestmark = pytest.mark.usefixtures("db")


def api(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["data"]


def test_only_published_bulletins_are_listed(client, content):
    public = make_bulletin(published=True, title="2008年第三季度节能减排工作动态")
    draft = make_bulletin(title="尚未发布的草稿")
    withdrawn = make_bulletin(published=True, title="已撤下的通报")
    bulletin_publishing.unpublish(withdrawn.id, "内容有误，已撤下。", EDITOR)
    listed = api(client, "/api/v1/bulletins")
    assert [b["index_number"] for b in listed] == [public.index_number]
    for hidden in (draft, withdrawn):
        response = client.get(f"/api/v1/bulletins/{hidden.index_number}")
        assert response.status_code == 404 and response.mimetype == "application/json"


def test_a_bulletin_record_carries_its_metadata_values_and_permalink(client, content):
    bulletin = make_statistics((("gdp-energy-intensity", "2008Q3", "2.40"),), published=True)
    record = api(client, f"/api/v1/bulletins/{bulletin.index_number}")
    assert record["url"] == f"http://localhost/bulletins/{bulletin.id}-{bulletin.slug}"
    assert client.get(record["url"].removeprefix("http://localhost")).status_code == 200
    assert (record["kind"], record["kind_label"]) == ("quarterly_statistics", "季度统计通报")
    assert record["written_on"] == "2008-10-20"
    assert record["published_at"].endswith("+08:00")
    assert record["revision"] == 1 and record["corrections"] == []
    assert record["values"] == [
        {"indicator": "gdp-energy-intensity", "indicator_name": "万元GDP能耗",
         "unit": "吨标准煤/万元", "period": "2008Q3", "period_end": "2008-09-30",
         "value": "2.40", "note": None},
    ]  # fmt: skip
    assert record["sample"] is False
    assert "corrected_by" not in str(record) and EDITOR.name not in str(record)


def test_a_corrected_bulletin_carries_its_revision_number(client, content):
    bulletin = make_bulletin(published=True)
    bulletins.update_bulletin(bulletin.id, fields(title="更正后的标题"), EDITOR, "标题有误。")
    record = api(client, f"/api/v1/bulletins/{bulletin.index_number}")
    assert record["title"] == "更正后的标题" and record["revision"] == 2
    [correction] = record["corrections"]
    assert (correction["revision"], correction["reason"]) == (1, "标题有误。")
    assert client.get(correction["url"].removeprefix("http://localhost")).status_code == 200


def test_bulletin_filters_and_csv(client, content):
    make_bulletin(published=True)
    make_statistics(published=True)
    stats = api(client, "/api/v1/bulletins?kind=quarterly_statistics")
    assert [b["kind"] for b in stats] == ["quarterly_statistics"]
    response = client.get("/api/v1/bulletins.csv?kind=work_news")
    assert response.get_data().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert [(r["类别"], r["类别代码"]) for r in rows] == [("工作动态", "work_news")]
    assert rows[0]["标题"] == "2008年第三季度节能减排工作动态"
    bad = client.get("/api/v1/bulletins?kind=gossip")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_filter"


def test_the_bulletins_feed_is_valid_atom(client, content):
    first = make_bulletin(published=True, title="第一份工作动态")
    second = make_bulletin(published=True, title="第二份工作动态")
    response = client.get("/bulletins.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert [e.title for e in feed.entries] == ["第二份工作动态", "第一份工作动态"]
    assert feed.entries[1].link == f"http://localhost/bulletins/{first.id}-{first.slug}"
    assert "全市节能减排工作稳步推进" in feed.entries[0].content[0].value
    assert second.index_number in feed.entries[0].summary


def test_the_sitemap_lists_published_bulletins(client, content):
    public = make_bulletin(published=True)
    draft = make_bulletin(title="草稿")
    root = ElementTree.fromstring(client.get("/sitemap.xml").get_data())
    urls = {u.text for u in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert f"http://localhost/bulletins/{public.id}-{public.slug}" in urls
    assert "http://localhost/bulletins" in urls
    assert not [u for u in urls if f"/bulletins/{draft.id}" in u]
