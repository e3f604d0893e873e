"""主题分类 from a controlled list (the gov.cn topic classification): the editor picks it from
a select and nothing else is accepted, the public list filters by it, the monthly report is
filed under 环境监测、保护与治理, and migration 0017 maps the free text typed before."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from portal.extensions import db as database
from portal.models import Bulletin, BulletinTopic
from tests.bulletins.test_editor import FORM
from tests.support.bulletins import editor_post, make_bulletin, public_url
from tests.support.pages import parse, text_of


def listed_titles(response) -> list[str]:
    return [h.get_text(strip=True) for h in parse(response).select(".bulletin-list h2")]


def test_the_editor_chooses_the_topic_from_the_list(client, db, sign_in):
    sign_in("editor")
    select_box = parse(client.get("/admin/bulletins/new")).find("select", id="subject_category")
    offered = [o["value"] for o in select_box.find_all("option") if o["value"]]
    assert offered == [topic.value for topic in BulletinTopic]
    assert "城乡建设、环境保护 > 环境监测、保护与治理" in select_box.get_text()


def test_a_topic_outside_the_list_is_refused_with_a_chinese_message(client, db, sign_in):
    sign_in("editor")
    for typed in ("节能减排", "<b>环保</b>", "ENERGY"):
        response = editor_post(client, "/admin/bulletins/new", FORM | {"subject_category": typed})
        assert response.status_code == 400
        assert "请从列表中选择主题分类。" in text_of(response)
        assert parse(response).find(id="title")["value"] == FORM["title"]  # nothing lost
    assert db.session.scalars(select(Bulletin)).first() is None


def test_the_public_page_shows_the_topic_label(client, db):
    bulletin = make_bulletin(published=True, subject_category="statistics")
    assert "国民经济管理、国有资产监管 > 统计" in text_of(client.get(public_url(bulletin)))


def test_the_public_list_filters_by_topic(client, db):
    make_bulletin(published=True, title="统计通报", subject_category="statistics")
    make_bulletin(published=True, title="节能通报", subject_category="energy_saving")
    response = client.get("/bulletins?topic=statistics")
    assert response.status_code == 200
    assert listed_titles(response) == ["统计通报"]
    chosen = parse(response).find("select", id="f-topic").find("option", selected=True)
    assert chosen["value"] == "statistics"
    assert sorted(listed_titles(client.get("/bulletins"))) == ["统计通报", "节能通报"]
    refused = client.get("/bulletins?topic=<script>")
    assert refused.status_code == 400 and "没有这个主题分类" in text_of(refused)


def test_the_monthly_report_is_filed_under_environmental_protection(runner, db, content):
    assert runner.invoke(args=["reports", "monthly", "2026-10"]).exit_code == 0
    bulletin = db.session.scalars(select(Bulletin)).one()
    assert bulletin.subject_category is BulletinTopic.ENVIRONMENT


def test_migration_0017_maps_the_free_text_typed_before(app):
    typed = {"统计信息": "statistics", "节能减排": "energy_saving", "水质月报": "environment",
             "公告": "disclosure", "工作动态": "other"}  # fmt: skip
    with app.app_context():
        database.session.remove()
        downgrade(revision="0011")
        for number, subject in enumerate(typed, start=1):
            database.session.execute(
                text(
                    "INSERT INTO bulletins (index_number, kind, title, slug, subject_category,"
                    " issuing_body, written_on, keywords, body_markdown, body_html, state,"
                    " validity, revision, is_sample, created_at, updated_at) VALUES (:n, 'notice',"
                    " :s, 'notice', :s, '机关', '2008-01-01', '', '', '', 'draft', 'valid', 1,"
                    " false, '2008-01-01 00:00:00+00', '2008-01-01 00:00:00+00')"
                ),
                {"n": f"OLD-{number}", "s": subject},
            )
        database.session.commit()
        database.session.remove()
        upgrade()
        rows = database.session.execute(text("SELECT title, subject_category FROM bulletins"))
        mapped = dict(rows.all())
        database.session.remove()
    assert mapped == typed
