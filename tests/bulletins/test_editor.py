"""The editors' desk through the browser: create, preview, save, publish, correct, withdraw,
mark validity — with what was typed kept on every refusal, and every action audited."""

from sqlalchemy import select

from portal.models import AuditEntry, Bulletin, PublicationState, Validity
from tests.support.bulletins import (
    editor_post,
    make_bulletin,
    public_url,
)
from tests.support.pages import parse, text_of

FORM = {
    "kind": "notice",
    "title": "关于开展节能宣传周活动的公告",
    "subject_category": "energy_saving",
    "issuing_body": "鹤岗市节能减排工作领导小组办公室",
    "written_on": "2008-06-10",
    "document_number": "鹤节减办发〔2008〕5号",
    "keywords": "节能 宣传周",
    "body_markdown": "## 活动安排\n\n6月15日至21日。<script>alert(1)</script>",
}


def audit_actions(db) -> list[str]:
    """Bulletin actions only (signing in is audited too)."""
    query = select(AuditEntry.action).where(AuditEntry.action.startswith("bulletin_"))
    return list(db.session.scalars(query.order_by(AuditEntry.id)))


def test_the_new_form_offers_sensible_defaults(client, db, sign_in):
    sign_in("editor")
    page = parse(client.get("/admin/bulletins/new"))
    assert page.find(id="issuing_body")["value"] == "鹤岗市节能减排工作领导小组办公室"
    topic = page.find(id="subject_category").find("option", selected=True)
    assert topic["value"] == "energy_saving"
    assert page.find(id="written_on")["type"] == "date"
    assert not page.find(id="reason")  # nothing to correct yet


def test_preview_shows_the_public_rendering_and_saves_nothing(client, db, sign_in):
    sign_in("editor")
    response = editor_post(client, "/admin/bulletins/new", FORM | {"action": "preview"})
    assert response.status_code == 200
    page = parse(response)
    assert "预览" in page.find(class_="preview-banner").get_text()
    article = page.find("article", class_="bulletin--preview")
    assert article.h1.get_text(strip=True) == FORM["title"]
    assert article.find("h2", string="活动安排")
    assert "<script" not in str(article)
    assert article.find("dl", class_="doc-meta")
    assert page.find(id="title")["value"] == FORM["title"]  # the form is still filled in
    assert db.session.scalars(select(Bulletin)).first() is None
    assert audit_actions(db) == []


def test_saving_creates_a_draft_invisible_to_the_public(client, db, sign_in):
    sign_in("editor")
    response = editor_post(client, "/admin/bulletins/new", FORM | {"action": "save"})
    assert response.status_code == 303
    bulletin = db.session.scalars(select(Bulletin)).one()
    assert response.headers["Location"] == f"/admin/bulletins/{bulletin.id}"
    assert bulletin.state == PublicationState.DRAFT
    assert bulletin.document_number == "鹤节减办发〔2008〕5号"
    assert "<script" not in bulletin.body_html
    assert client.get(public_url(bulletin)).status_code == 404
    desk = text_of(client.get(f"/admin/bulletins/{bulletin.id}"))
    assert bulletin.index_number in desk and "草稿" in desk
    assert audit_actions(db)[-1] == "bulletin_created"


def test_a_refused_save_keeps_what_was_typed(client, db, sign_in):
    sign_in("editor")
    response = editor_post(
        client, "/admin/bulletins/new", FORM | {"title": "", "written_on": "去年", "action": "save"}
    )
    assert response.status_code == 400
    page = parse(response)
    assert page.find(id="title")["aria-invalid"] == "true"
    assert page.find(id="written_on")["value"] == "去年"
    assert page.find(id="body_markdown").get_text() == FORM["body_markdown"]
    assert "请填写标题。" in text_of(response)
    assert page.find(class_="error-summary")
    assert db.session.scalars(select(Bulletin)).first() is None


def test_publish_then_correct_then_withdraw(client, db, sign_in):
    bulletin = make_bulletin(title="原标题")
    sign_in("editor")
    desk = f"/admin/bulletins/{bulletin.id}"
    assert editor_post(client, f"{desk}/publish").status_code == 303
    assert client.get(public_url(bulletin)).status_code == 200
    assert editor_post(client, f"{desk}/publish").status_code == 400  # already published

    edit = parse(client.get(f"{desk}/edit"))
    assert edit.find(id="reason")  # corrections need a reason
    without_reason = editor_post(client, f"{desk}/edit", FORM | {"action": "save"})
    assert without_reason.status_code == 400
    assert parse(without_reason).find(id="reason")["aria-invalid"] == "true"
    assert parse(without_reason).find(id="title")["value"] == FORM["title"]
    corrected = editor_post(
        client, f"{desk}/edit", FORM | {"action": "save", "reason": "标题与正文不符"}
    )
    assert corrected.status_code == 303
    public = text_of(client.get(public_url(bulletin)))
    assert FORM["title"] in public and "更正记录" in public and "标题与正文不符" in public

    missing_reason = editor_post(client, f"{desk}/unpublish", {"unpublish-reason": " "})
    assert missing_reason.status_code == 400
    assert parse(missing_reason).find(id="unpublish-reason")["aria-invalid"] == "true"
    assert editor_post(client, f"{desk}/unpublish", {"unpublish-reason": "复核"}).status_code == 303
    assert client.get(public_url(bulletin)).status_code == 410
    assert audit_actions(db) == [
        "bulletin_created", "bulletin_published", "bulletin_corrected", "bulletin_unpublished",
    ]  # fmt: skip


def test_editor_actions_are_audited_with_the_editor_and_the_bulletin(client, db, sign_in):
    bulletin = make_bulletin()
    sign_in("editor", username="editor7")
    editor_post(client, f"/admin/bulletins/{bulletin.id}/publish")
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "bulletin_published")
    ).one()
    assert (entry.actor_name, entry.target_type, entry.target_id) == (
        "editor7", "bulletin", str(bulletin.id),
    )  # fmt: skip


def test_validity_is_set_from_the_desk(client, db, sign_in):
    original = make_bulletin(published=True, title="原通知")
    newer = make_bulletin(published=True, title="新通知")
    sign_in("editor")
    url = f"/admin/bulletins/{original.id}/validity"
    options = parse(client.get(f"/admin/bulletins/{original.id}")).select(
        "#validity-replacement option"
    )
    assert [o["value"] for o in options] == ["", str(newer.id)]
    refused = editor_post(client, url, {"validity-validity": "amended"})
    assert refused.status_code == 400
    assert "请选择修订后的通报" in text_of(refused)
    done = editor_post(
        client, url, {"validity-validity": "amended", "validity-replacement": str(newer.id)}
    )
    assert done.status_code == 303
    saved = db.session.get(Bulletin, original.id)
    assert (saved.validity, saved.replaced_by_id) == (Validity.AMENDED, newer.id)


def test_the_list_shows_every_state(client, db, sign_in):
    make_bulletin(title="草稿一")
    make_bulletin(published=True, title="已发布一")
    sign_in("editor")
    text = text_of(client.get("/admin/bulletins"))
    assert "草稿一" in text and "已发布一" in text and "草稿" in text and "已发布" in text
