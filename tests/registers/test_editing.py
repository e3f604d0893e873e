"""Editors' pages for the registers: who may use them, and what they do to the records —
field errors in Chinese next to the field, nothing lost, nothing silently overwritten."""

import re

import pytest
from sqlalchemy import func, select

from portal.extensions import db as _db
from portal.models import AuditEntry, Enterprise, Exposure, ExposureRevision, PhaseOutItem
from tests.support.pages import parse, text_of
from tests.support.registers import (
    OTHER_USCC,
    VALID_USCC,
    enterprise_values,
    exposure_values,
    item_values,
    make_enterprise,
    make_exposure,
    make_item,
)
from tests.support.staff import csrf_from

SAMPLE_ARGS = {"enterprise_id": "1", "exposure_id": "1", "item_id": "1"}


def register_admin_routes(app, ids: dict | None = None) -> list[tuple[str, str, str]]:
    """Every editor route of the registers, with `ids` (or placeholders) for its arguments."""
    values = SAMPLE_ARGS | (ids or {})
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("admin.registers."):
            url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m[1]], rule.rule)
            routes += [(rule.endpoint, m, url) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return routes


@pytest.fixture
def records(db, content):
    enterprise = make_enterprise()
    make_exposure(enterprise)
    make_item(enterprise)
    return enterprise


def post(client, url: str, data: dict, page_url: str | None = None):
    token = csrf_from(client.get(page_url or url))
    return client.post(url, data={"csrf_token": token} | data)


def test_editors_see_every_page_uncached(app, editor, records):
    # Real ids: on PostgreSQL the sequences do not restart at 1 between tests.
    ids = {
        "enterprise_id": str(records.id),
        "exposure_id": str(records.exposures[0].id),
        "item_id": str(records.phase_out_items[0].id),
    }
    for endpoint, method, url in register_admin_routes(app, ids):
        if method == "GET":
            response = editor.get(url)
            assert response.status_code == 200, endpoint
            assert response.headers["Cache-Control"] == "no-store", endpoint
    assert "no-store" not in editor.get("/exposures").headers.get("Cache-Control", "")


def test_posts_without_a_csrf_token_are_refused(editor, records):
    response = editor.post("/admin/enterprises/new", data=enterprise_values(name="另一家企业"))
    assert response.status_code == 400
    assert _db.session.scalar(select(func.count()).select_from(Enterprise)) == 1


def test_creating_an_enterprise_is_audited(editor):
    values = enterprise_values(uscc=VALID_USCC.lower())
    response = post(editor, "/admin/enterprises/new", values)
    assert response.status_code == 303
    stored = _db.session.scalars(select(Enterprise)).one()
    assert stored.uscc == VALID_USCC  # canonical upper case
    entry = _db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "enterprise_created")
    ).one()
    assert entry.actor_name == "ed" and entry.target_id == str(stored.id)


@pytest.mark.parametrize(
    ("uscc", "message"),
    [
        ("91230400MA00000019", "校验位不符"),
        ("9123040", "应为 18 位"),
        ("91230400MA0000001!", "格式不正确"),
    ],
)
def test_an_invalid_credit_code_is_a_field_error_and_keeps_what_was_typed(editor, uscc, message):
    response = post(editor, "/admin/enterprises/new", enterprise_values(uscc=uscc, name="某某公司"))
    assert response.status_code == 400
    page = parse(response)
    error = page.find(id="uscc-error")
    assert error is not None and message in error.get_text()
    assert page.find(id="uscc")["value"] == uscc
    assert page.find(id="name")["value"] == "某某公司"
    assert _db.session.scalar(select(func.count()).select_from(Enterprise)) == 0


def test_a_duplicate_credit_code_or_name_is_a_field_error(editor):
    make_enterprise(name="甲公司", uscc=VALID_USCC)
    response = post(
        editor, "/admin/enterprises/new", enterprise_values(name="乙公司", uscc=VALID_USCC)
    )
    assert response.status_code == 400
    assert "已登记为“甲公司”" in parse(response).find(id="uscc-error").get_text()
    response = post(editor, "/admin/enterprises/new", enterprise_values(name="甲公司"))
    assert "已有同名企业" in parse(response).find(id="name-error").get_text()


def test_editing_an_enterprise_may_keep_its_own_code(editor):
    enterprise = make_enterprise(uscc=VALID_USCC)
    url = f"/admin/enterprises/{enterprise.id}/edit"
    response = post(editor, url, enterprise_values(uscc=VALID_USCC, address="新地址"))
    assert response.status_code == 303
    _db.session.expire_all()
    assert _db.session.get(Enterprise, enterprise.id).address == "新地址"
    other = make_enterprise(name="乙公司", uscc=OTHER_USCC)
    response = post(
        editor,
        f"/admin/enterprises/{other.id}/edit",
        enterprise_values(name="乙公司", uscc=VALID_USCC),
    )
    assert response.status_code == 400


def test_an_editor_publishes_an_exposure(editor):
    enterprise = make_enterprise()
    response = post(editor, "/admin/exposures/new", exposure_values(enterprise))
    assert response.status_code == 303
    stored = _db.session.scalars(select(Exposure)).one()
    assert stored.penalties == ["fine", "deadline_treatment"] and stored.revision == 1
    assert (
        _db.session.scalar(select(AuditEntry.action).where(AuditEntry.target_type == "exposure"))
        == "exposure_created"
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"penalties": ["fine", "death_penalty"]}, "penalties", "无法识别"),
        ({"penalties": []}, "penalties", "至少一项"),
        ({"rectification": "forgiven"}, "rectification", "无法识别"),
        ({"violation_type": "jaywalking"}, "violation_type", "无法识别"),
        ({"enterprise": "abc"}, "enterprise", "不存在"),
        ({"facts": "违" * 100_000}, "facts", "不能超过 5000 字"),
        ({"fine_yuan": "五万"}, "fine_yuan", "应为数字"),
        ({"fine_yuan": ""}, "fine_yuan", "请填写罚款金额"),
        ({"decision_date": "2008-13-01"}, "decision_date", "YYYY-MM-DD"),
        ({"published_on": "2008-05-01"}, "published_on", "不能早于处罚决定日期"),
        ({"published_on": "2999-01-01"}, "published_on", "之间"),
        ({"report_number": "HG20080101-999999"}, "report_number", "找不到举报编号"),
        ({"legal_basis": "依据\x01"}, "legal_basis", "控制字符"),
    ],
)
def test_bad_exposure_input_is_a_field_error(editor, overrides, field, message):
    enterprise = make_enterprise()
    values = exposure_values(enterprise) | overrides
    response = post(editor, "/admin/exposures/new", values)
    assert response.status_code == 400
    error = parse(response).find(id=f"{field}-error")
    assert error is not None and message in error.get_text(), text_of(response)[:400]
    assert _db.session.scalar(select(func.count()).select_from(Exposure)) == 0


def test_a_rejected_form_keeps_what_was_typed(editor):
    enterprise = make_enterprise()
    values = exposure_values(enterprise, facts="<b>原样保留</b>的事实", decision_date="昨天")
    page = parse(post(editor, "/admin/exposures/new", values))
    assert page.find(id="facts").get_text() == "<b>原样保留</b>的事实"
    assert page.find(id="decision_number")["value"] == "鹤环罚字〔2008〕12号"
    assert page.find(id="penalties-0").has_attr("checked")
    assert page.find("option", value=str(enterprise.id)).has_attr("selected")


def test_a_correction_needs_a_reason_and_keeps_the_earlier_version(editor):
    record = make_exposure()
    url = f"/admin/exposures/{record.id}/correct"
    values = exposure_values(record.enterprise, fine_yuan="60000")
    refused = post(editor, url, values | {"reason": ""})
    assert refused.status_code == 400
    assert "请填写更正原因" in parse(refused).find(id="reason-error").get_text()
    assert _db.session.scalar(select(func.count()).select_from(ExposureRevision)) == 0

    response = post(editor, url, values | {"reason": "按处罚决定书更正罚款金额。"})
    assert response.status_code == 303
    _db.session.expire_all()
    stored = _db.session.get(Exposure, record.id)
    assert stored.revision == 2 and str(stored.fine_yuan) == "60000"
    kept = stored.revisions[0]
    assert kept.revision == 1 and kept.snapshot["fine_yuan"] == "50000"
    assert kept.reason == "按处罚决定书更正罚款金额。" and kept.corrected_by == "ed"
    entry = _db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "exposure_corrected")
    ).one()
    assert entry.details["changed"] == ["fine_yuan"]


def test_a_correction_that_changes_nothing_is_refused(editor):
    record = make_exposure()
    values = exposure_values(record.enterprise) | {"reason": "无"}
    response = post(editor, f"/admin/exposures/{record.id}/correct", values)
    assert response.status_code == 400
    assert "没有任何修改" in text_of(response)


def test_withdrawal_needs_a_reason_and_keeps_the_record(editor):
    record = make_exposure()
    page = f"/admin/exposures/{record.id}/correct"
    url = f"/admin/exposures/{record.id}/withdraw"
    refused = post(editor, url, {"withdraw-reason": "  "}, page_url=page)
    assert refused.status_code == 400
    assert "请填写撤回原因" in parse(refused).find(id="withdraw-reason-error").get_text()

    response = post(editor, url, {"withdraw-reason": "处罚决定已撤销。"}, page_url=page)
    assert response.status_code == 303
    _db.session.expire_all()
    stored = _db.session.get(Exposure, record.id)
    assert stored.state.value == "withdrawn" and stored.withdrawn_reason == "处罚决定已撤销。"
    assert stored.revisions[0].snapshot["change"] == "withdrawn"
    assert _db.session.scalar(
        select(AuditEntry.action).where(AuditEntry.action == "exposure_withdrawn")
    )

    again = post(
        editor,
        f"/admin/exposures/{record.id}/correct",
        exposure_values(record.enterprise) | {"reason": "x"},
        page_url=page,
    )
    assert again.status_code == 400
    assert _db.session.get(Exposure, record.id).revision == 2


def test_unknown_records_are_not_found_for_editors(editor):
    assert editor.get("/admin/exposures/42/correct").status_code == 404
    assert editor.get("/admin/enterprises/42/edit").status_code == 404
    assert editor.get("/admin/phase-out/42/edit").status_code == 404


def test_an_editor_adds_and_completes_a_phase_out_item(editor):
    enterprise = make_enterprise()
    response = post(editor, "/admin/phase-out/new", item_values(enterprise))
    assert response.status_code == 303
    item = _db.session.scalars(select(PhaseOutItem)).one()
    url = f"/admin/phase-out/{item.id}/edit"
    form = parse(editor.get(url))
    assert form.find(id="deadline")["value"] == "2009-06-30"

    missing = post(editor, url, item_values(enterprise, completed_on="2009-06-01"))
    assert missing.status_code == 400
    assert parse(missing).find(id="verification-error") is not None

    done = item_values(enterprise, completed_on="2009-06-01", verification="经现场核查，已拆除。")
    assert post(editor, url, done).status_code == 303
    _db.session.expire_all()
    assert _db.session.get(PhaseOutItem, item.id).verification == "经现场核查，已拆除。"
    actions = set(_db.session.scalars(select(AuditEntry.action)))
    assert {"phase_out_created", "phase_out_updated"} <= actions
    assert "已完成" in text_of(editor.get(f"/phase-out/{item.id}"))
