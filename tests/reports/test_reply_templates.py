"""Reply templates: admins keep them (placeholders checked on save), moderators pick one in
an action form and the page reloads with the text filled in for the report (no JS needed)."""

from sqlalchemy import select

from portal.models import ReplyTemplate
from tests.support.pages import parse, text_of
from tests.support.reports import report_in
from tests.support.staff import csrf_from

URL = "/admin/reports/reply-templates"


def save(admin, **fields):
    token = csrf_from(admin.get(URL))
    return admin.post(URL, data={"csrf_token": token} | fields)


def test_admins_create_edit_and_delete_templates(db, content, sign_in):
    admin = sign_in("admin")
    created = save(admin, use="accept", title="标准受理", body="举报{编号}已于{受理日期}受理。")
    assert created.status_code == 303
    template = db.session.scalars(select(ReplyTemplate)).one()
    assert (template.use.value, template.title) == ("accept", "标准受理")
    template_id = template.id
    page = admin.get(f"{URL}/{template_id}")
    assert parse(page).find("input", id="template-title")["value"] == "标准受理"
    edited = admin.post(
        f"{URL}/{template.id}",
        data={"csrf_token": csrf_from(page), "use": "accept", "title": "受理", "body": "已受理。"},
    )
    assert edited.status_code == 303
    db.session.expire_all()
    assert db.session.get(ReplyTemplate, template.id).body == "已受理。"
    deleted = admin.post(f"{URL}/{template_id}/delete", data={"csrf_token": csrf_from(page)})
    assert deleted.status_code == 303
    assert db.session.scalars(select(ReplyTemplate)).all() == []
    assert admin.get(f"{URL}/{template_id}").status_code == 404


def test_unknown_placeholders_and_bad_fields_are_refused_in_chinese(db, content, sign_in):
    admin = sign_in("admin")
    typo = save(admin, use="resolve", title="办结", body="举报{编码}已办结，{承办部门}负责。")
    assert typo.status_code == 400
    assert "未知的占位符 {编码}" in text_of(typo)
    assert parse(typo).find("textarea", id="template-body").get_text().startswith("举报{编码}")
    for fields, message in [
        ({"use": "launch", "title": "x", "body": "y"}, "请选择模板用途"),
        ({"use": "accept", "title": "", "body": "y"}, "模板名称必须填写"),
        ({"use": "accept", "title": "x", "body": " "}, "模板内容必须填写"),
        ({"use": "accept", "title": "x", "body": "长" * 2001}, "不能超过 2000 个字"),
    ]:
        response = save(admin, **fields)
        assert response.status_code == 400 and message in text_of(response)
    assert db.session.scalars(select(ReplyTemplate)).all() == []


def test_only_admins_manage_templates(db, content, sign_in, app):
    moderator = sign_in("moderator", client=app.test_client())
    assert moderator.get(URL).status_code == 403
    assert moderator.post(URL, data={"use": "accept", "title": "x", "body": "y"}).status_code in (
        400,
        403,
    )
    assert db.session.scalars(select(ReplyTemplate)).all() == []


def test_a_moderator_fills_an_action_form_from_a_template_without_js(db, content, sign_in):
    admin = sign_in("admin", "moderator")
    body = "举报{编号}（{受理日期}受理）由{承办部门}办结，{今天}。"
    save(admin, use="resolve", title="办结通知", body=body)
    save(admin, use="question", title="补充地点", body="请补充举报{编号}的具体位置。")
    number = report_in("investigating").report.number
    page = parse(admin.get(f"/admin/reports/{number}"))
    picker = page.select_one("#resolve-form form.reply-picker")
    assert picker["method"] == "get"
    template_id = picker.find("option")["value"]
    filled = parse(admin.get(f"/admin/reports/{number}?template={template_id}"))
    assert filled.select_one("#resolve-form").has_attr("open")
    text = filled.find("textarea", id="resolve-public").get_text()
    assert text.startswith(f"举报{number}（") and "受理）由" in text and "{" not in text
    question = page.select_one("#question-form form.reply-picker").find("option")["value"]
    asked = parse(admin.get(f"/admin/reports/{number}?template={question}"))
    assert asked.find("textarea", id="question").get_text() == f"请补充举报{number}的具体位置。"
    for bad in ("999999", "abc", "9" * 40):
        response = admin.get(f"/admin/reports/{number}?template={bad}")
        assert response.status_code == 200
        assert parse(response).find("textarea", id="resolve-public").get_text() == ""
