"""Admins: the append-only audit log (view, filter, CSV) and staff accounts (web and CLI)."""

import csv
import io

import pytest
from sqlalchemy import select

from portal.models import AuditEntry, AuditLogIsAppendOnly, StaffRole, User
from portal.services.accounts import users as accounts
from tests.support.app import ROOT
from tests.support.pages import parse, text_of
from tests.support.reports import report_in
from tests.support.staff import PASSWORD, create_staff, log_in, post_form


def test_the_audit_log_cannot_be_changed_or_deleted(db, content):
    create_staff("mod", "moderator")
    entry = db.session.scalars(select(AuditEntry)).first()
    entry.action = "something_else"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.delete(db.session.scalars(select(AuditEntry)).first())
        db.session.flush()
    db.session.rollback()


def test_admins_filter_the_audit_log_and_export_it(client, content, sign_in):
    sign_in("admin")
    number = report_in("accepted").report.number
    page = client.get(f"/admin/audit?target={number}")
    rows = parse(page).find("tbody").find_all("tr")
    assert len(rows) == 1 and "举报状态变更" in rows[0].get_text()
    export = client.get("/admin/audit.csv?action=login")
    assert export.headers["Content-Disposition"].startswith("attachment")
    text = export.get_data(as_text=True)
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert table[0][:4] == ["id", "时间", "操作人", "操作"]
    assert [row[3] for row in table[1:]] == ["login"]


def test_an_admin_creates_an_account_with_several_roles(client, db, content, sign_in):
    sign_in("admin")
    response = post_form(
        client, "/admin/users",
        {"username": "editor1", "password": PASSWORD, "roles": ["editor", "moderator"]},
        page_url="/admin/users",
    )  # fmt: skip
    assert response.status_code == 303
    user = accounts.find_user("editor1")
    assert user.roles == {StaffRole.EDITOR, StaffRole.MODERATOR}
    created = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "user_created")
    ).all()
    assert created[-1].details["roles"] == ["editor", "moderator"]


def test_account_rules_are_enforced(client, content, sign_in):
    sign_in("admin", username="boss")
    short = post_form(
        client, "/admin/users", {"username": "x", "password": "short", "roles": ["editor"]},
        page_url="/admin/users",
    )  # fmt: skip
    assert short.status_code == 400 and "至少需要 12 个字符" in text_of(short)
    duplicate = post_form(
        client, "/admin/users", {"username": "BOSS", "password": PASSWORD, "roles": ["editor"]},
        page_url="/admin/users",
    )  # fmt: skip
    assert duplicate.status_code == 400 and "已存在" in text_of(duplicate)
    no_role = post_form(
        client, "/admin/users", {"username": "new", "password": PASSWORD},
        page_url="/admin/users",
    )  # fmt: skip
    assert no_role.status_code == 400 and "至少要指定一个角色" in text_of(no_role)


def test_role_changes_are_audited_and_take_effect(app, db, content, sign_in):
    boss = sign_in("admin")
    moderator = create_staff("mod", "moderator")
    mod = app.test_client()
    post_form(boss, f"/admin/users/{moderator.id}/roles", {"roles": ["editor"]}, "/admin/users")
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "user_roles_changed")
    ).one()
    assert entry.details == {"before": ["moderator"], "after": ["editor"]}
    log_in(mod, "mod")
    assert mod.get("/admin/reports").status_code == 403


def test_no_account_exists_until_one_is_created(db, content):
    assert db.session.scalars(select(User)).first() is None


def test_cli_creates_accounts_sets_passwords_and_disables(runner, db, content):
    created = runner.invoke(
        args=["users", "create", "--username", "admin", "--role", "admin", "--role", "editor",
              "--password-stdin"],
        input=PASSWORD + "\n",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    user = accounts.find_user("admin")
    assert user.roles == {StaffRole.ADMIN, StaffRole.EDITOR}
    assert PASSWORD not in user.password_hash and user.password_hash.startswith("$argon2id$")
    weak = runner.invoke(
        args=["users", "set-password", "--username", "admin", "--password-stdin"], input="short\n"
    )
    assert weak.exit_code != 0 and "至少需要 12 个字符" in weak.output
    changed = runner.invoke(
        args=["users", "set-password", "--username", "admin", "--password-stdin"],
        input="another long password\n",
    )
    assert changed.exit_code == 0
    assert accounts.check_password("admin", "another long password") is not None
    disabled = runner.invoke(args=["users", "disable", "--username", "admin"])
    assert disabled.exit_code == 0
    assert accounts.check_password("admin", "another long password") is None
    missing = runner.invoke(args=["users", "disable", "--username", "ghost"])
    assert missing.exit_code != 0 and "没有用户 ghost" in missing.output


def test_make_run_explains_how_to_create_the_first_account():
    makefile = (ROOT / "Makefile").read_text()
    assert "users create --username admin --role admin" in makefile


@pytest.mark.parametrize("action", ["roles", "active/off", "sessions"])
def test_changing_an_account_that_does_not_exist_answers_404(client, content, sign_in, action):
    sign_in("admin")
    response = post_form(client, f"/admin/users/999/{action}", page_url="/admin/users")
    assert response.status_code == 404 and "页面不存在" in text_of(response)


def test_the_audit_log_pages_back_through_older_entries(client, content, sign_in, monkeypatch):
    from portal.services.accounts import audit_log

    sign_in("admin")
    for _ in range(3):
        report_in("accepted")

    def rows(url: str) -> tuple[list[str], str | None]:
        page = parse(client.get(url))
        link = page.find("a", rel="next")
        texts = [row.get_text(" ", strip=True) for row in page.find("tbody").find_all("tr")]
        return texts, link and link["href"]

    everything, more = rows("/admin/audit")
    assert len(everything) > 4 and more is None
    monkeypatch.setattr(audit_log, "PAGE_SIZE", 2)
    seen, url = [], "/admin/audit"
    while url:
        texts, url = rows(url)
        assert len(texts) <= 2
        seen += texts
    assert seen == everything  # newest first, each entry once
