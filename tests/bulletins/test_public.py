"""Public bulletin pages: the list with filters and pages, one bulletin with its metadata,
slug redirects, drafts indistinguishable from missing ids, withdrawn bulletins gone (410),
validity notices, correction history, and Markdown never rendered on a page view."""

from datetime import UTC, datetime

import markdown
import pytest
from flask import url_for

from portal.services.bulletins import editing as bulletins
from portal.services.bulletins import publishing as bulletin_publishing
from portal.services.bulletins import queries as bulletin_queries
from tests.support.bulletins import EDITOR, fields, make_bulletin, public_url
from tests.support.pages import parse, text_of


def metadata(response) -> dict[str, str]:
    block = parse(response).find("dl", class_="doc-meta")
    return {
        dt.get_text(strip=True): " ".join(dt.find_next_sibling("dd").get_text(" ").split())
        for dt in block.find_all("dt")
    }


def test_a_published_bulletin_shows_the_government_metadata_block(client, db):
    bulletin = bulletins.create_bulletin(
        fields(document_number="鹤节减办发〔2008〕3号"), EDITOR,
        now=datetime(2026, 1, 2, tzinfo=UTC),
    )  # fmt: skip
    bulletin_publishing.publish(bulletin.id, EDITOR, now=datetime(2026, 3, 31, 17, tzinfo=UTC))
    response = client.get(public_url(bulletin))
    assert response.status_code == 200
    assert metadata(response) == {
        "索引号": "HG-JNJP-2026-000001",
        "主题分类": "城乡建设、环境保护 > 节能与资源综合利用",
        "发文机关": "鹤岗市节能减排工作领导小组办公室",
        "成文日期": "2008年10月15日",
        "标题": "2008年第三季度节能减排工作动态",
        "发文字号": "鹤节减办发〔2008〕3号",
        "发布日期": "2026年4月1日",  # the date in Hegang, not in UTC
        "主题词": "节能减排 工作动态",
        "类别": "工作动态",
        "有效性": "有效",
    }
    page = parse(response)
    assert page.h1.get_text(strip=True) == "2008年第三季度节能减排工作动态"
    assert page.find("h2", string="工作进展")  # the stored body
    assert page.find("link", rel="canonical")["href"].endswith(public_url(bulletin))


def test_the_slug_is_ascii_and_a_wrong_or_missing_one_redirects_permanently(client, db):
    bulletin = make_bulletin(published=True, kind="water_quality", written_on="2008-09-30")
    assert public_url(bulletin) == f"/bulletins/{bulletin.id}-water-quality-2008-09-30"
    for wrong in [f"/bulletins/{bulletin.id}-old-slug", f"/bulletins/{bulletin.id}"]:
        response = client.get(wrong)
        assert response.status_code == 301, wrong
        assert response.headers["Location"] == public_url(bulletin)


def test_the_endpoint_other_pages_link_with(app, db):
    with app.test_request_context():
        assert url_for("bulletins.detail", bulletin_id=7, slug="notice-2008-01-01") == (
            "/bulletins/7-notice-2008-01-01"
        )


def test_a_draft_is_indistinguishable_from_a_missing_id(client, db):
    draft = make_bulletin(title="内部草稿标题")
    missing = client.get("/bulletins/9999-notice-2008-01-01")
    for url in [public_url(draft), f"/bulletins/{draft.id}-wrong", f"/bulletins/{draft.id}",
                f"{public_url(draft)}/revisions/1"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.get_data() == missing.get_data(), url
    assert "内部草稿标题" not in text_of(client.get("/bulletins"))


def test_a_withdrawn_bulletin_is_gone_with_its_public_reason(client, db):
    bulletin = make_bulletin(published=True, body_markdown="撤下前的正文")
    bulletin_publishing.unpublish(bulletin.id, "统计口径调整，数据重新核定后另行发布。", EDITOR)
    for url in [public_url(bulletin), f"/bulletins/{bulletin.id}-wrong"]:
        response = client.get(url)
        assert response.status_code == 410, url
        text = text_of(response)
        assert "通报已撤下" in text and "统计口径调整，数据重新核定后另行发布。" in text
        assert "撤下前的正文" not in text
    assert bulletin.title not in text_of(client.get("/bulletins"))


def test_the_list_shows_published_bulletins_newest_first(client, db):
    older = make_bulletin(title="较早的通报")
    newer = make_bulletin(title="较新的通报")
    make_bulletin(title="还是草稿")
    bulletin_publishing.publish(older.id, EDITOR, now=datetime(2026, 1, 1, tzinfo=UTC))
    bulletin_publishing.publish(newer.id, EDITOR, now=datetime(2026, 2, 1, tzinfo=UTC))
    page = parse(client.get("/bulletins"))
    titles = [h.get_text(strip=True) for h in page.select(".bulletin-list h2")]
    assert titles == ["较新的通报", "较早的通报"]
    assert page.select_one(".bulletin-list a")["href"] == public_url(newer)


def test_the_list_filters_by_kind_and_publication_year(client, db):
    notice = make_bulletin(kind="notice", title="一份公告")
    news = make_bulletin(kind="work_news", title="一份工作动态")
    bulletin_publishing.publish(notice.id, EDITOR, now=datetime(2025, 12, 31, 16, 30, tzinfo=UTC))
    bulletin_publishing.publish(news.id, EDITOR, now=datetime(2025, 6, 1, tzinfo=UTC))
    assert "一份工作动态" not in text_of(client.get("/bulletins?kind=notice"))
    assert "一份公告" in text_of(client.get("/bulletins?kind=notice"))
    # Published 2025-12-31 16:30 UTC, which is already 2026 in Hegang.
    assert "一份公告" in text_of(client.get("/bulletins?year=2026"))
    assert "一份公告" not in text_of(client.get("/bulletins?year=2025"))
    assert "一份工作动态" in text_of(client.get("/bulletins?year=2025&kind="))
    years = [o["value"] for o in parse(client.get("/bulletins")).select("#f-year option")]
    assert years == ["", "2026", "2025"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("kind=gossip", "没有这种通报类别"),
        ("year=abc", "年份应为"),
        ("year=20255", "年份应为"),
        ("page=0", "页码应为正整数"),
        ("page=x", "页码应为正整数"),
    ],
)
def test_unknown_filter_values_get_a_chinese_400(client, db, query, message):
    response = client.get(f"/bulletins?{query}")
    assert response.status_code == 400
    assert message in text_of(response)


def test_the_list_is_paged_and_pages_keep_the_filters(client, db, monkeypatch):
    monkeypatch.setattr(bulletin_queries, "PAGE_SIZE", 2)
    for n in range(3):
        make_bulletin(published=True, kind="notice", title=f"公告{n}")
    make_bulletin(published=True, kind="work_news", title="动态")
    first = parse(client.get("/bulletins?kind=notice"))
    assert [h.get_text(strip=True) for h in first.select(".bulletin-list h2")] == ["公告2", "公告1"]
    next_link = first.find("a", rel="next")["href"]
    assert "kind=notice" in next_link and "page=2" in next_link
    second = parse(client.get(next_link))
    assert [h.get_text(strip=True) for h in second.select(".bulletin-list h2")] == ["公告0"]
    assert client.get("/bulletins?kind=notice&page=3").status_code == 404


def test_corrections_are_listed_and_the_earlier_text_stays_readable(client, db):
    bulletin = make_bulletin(published=True, title="原标题", body_markdown="原来的正文")
    bulletins.update_bulletin(
        bulletin.id, fields(title="新标题", body_markdown="更正后的正文"), EDITOR,
        reason="第二段数据有误",
    )  # fmt: skip
    page = parse(client.get(public_url(bulletin)))
    section = page.find("h2", string="更正记录").find_parent("section")
    row = section.tbody.tr
    assert "第二段数据有误" in row.get_text()
    assert row.find("time")
    link = row.a["href"]
    assert link == f"{public_url(bulletin)}/revisions/1"
    assert "测试编辑" not in section.get_text()  # staff names stay internal

    earlier = client.get(link)
    assert earlier.status_code == 200
    text = text_of(earlier)
    assert "原来的正文" in text and "更正后的正文" not in text
    assert parse(earlier).h1.get_text(strip=True) == "原标题"
    assert "这是本文件更正前的文本（第 1 版）" in text
    assert client.get(f"{public_url(bulletin)}/revisions/2").status_code == 404
    moved = client.get(f"/bulletins/{bulletin.id}-old/revisions/1")
    assert moved.status_code == 301 and moved.headers["Location"] == link


def test_amended_and_repealed_documents_are_marked_with_a_link_to_the_replacement(client, db):
    original = make_bulletin(published=True, title="原通知")
    newer = make_bulletin(published=True, title="修订后的通知")
    bulletin_publishing.set_validity(original.id, "amended", newer.id, EDITOR)
    page = parse(client.get(public_url(original)))
    notice = page.find(class_="doc-validity")
    assert "本文件已修订" in notice.get_text()
    assert notice.a["href"] == public_url(newer)
    assert metadata(client.get(public_url(original)))["有效性"] == "已修订"
    assert not parse(client.get(public_url(newer))).find(class_="doc-validity")
    listed = text_of(client.get("/bulletins"))
    assert "已修订" in listed

    bulletin_publishing.set_validity(original.id, "repealed", None, EDITOR)
    assert "本文件已废止" in text_of(client.get(public_url(original)))


def test_sample_bulletins_are_marked_everywhere_they_appear(client, db):
    sample = bulletins.create_draft(
        kind="notice", title="示例公告", body_markdown="示例", subject_category="energy_saving",
        issuing_body="示例机关", written_on=datetime(2026, 1, 1).date(), keywords="",
        actor=EDITOR, is_sample=True,
    )  # fmt: skip
    bulletin_publishing.publish(sample.id, EDITOR)
    for url in [public_url(sample), "/bulletins"]:
        assert parse(client.get(url)).find(class_="badge--sample"), url


def test_pages_never_render_markdown(client, db, monkeypatch):
    bulletin = make_bulletin(published=True, body_markdown="**加粗**")
    bulletins.update_bulletin(bulletin.id, fields(body_markdown="*更正*"), EDITOR, reason="改")

    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered during a page view")

    monkeypatch.setattr(markdown, "markdown", refuse)
    for url in [public_url(bulletin), f"{public_url(bulletin)}/revisions/1", "/bulletins"]:
        assert client.get(url).status_code == 200, url
    assert "<em>更正</em>" in client.get(public_url(bulletin)).get_data(as_text=True)


def test_public_bulletin_urls_never_silently_vanish(app):
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert {
        "/bulletins",
        "/bulletins/<int:bulletin_id>",
        "/bulletins/<int:bulletin_id>-<slug>",
        "/bulletins/<int:bulletin_id>-<slug>/revisions/<int:number>",
        "/bulletins/<int:bulletin_id>/attachments/<int:attachment_id>",
    } <= rules
